import type { PortBinding } from '../topology';

// Graph ids, as DESIGN.md fixes them: tests and demos address elements by these.

export const hostId = (engineId: string) => `host:${engineId}`;
export const driverId = (driver: string) => `drv:${driver}`;
export const networkNodeId = (networkId: string) => `net:${networkId}`;
export const containerNodeId = (containerId: string) => `ctr:${containerId}`;
export const portKey = (p: Pick<PortBinding, 'hostIp' | 'hostPort' | 'protocol'>) => `${p.hostIp}:${p.hostPort}/${p.protocol}`;
export const portNodeId = (p: Pick<PortBinding, 'hostIp' | 'hostPort' | 'protocol'>) => `port:${portKey(p)}`;
export const attachmentId = (networkId: string, containerId: string) => `att:${networkId}:${containerId}`;
export const publishId = (p: Pick<PortBinding, 'hostIp' | 'hostPort' | 'protocol'>, containerId: string) => `pub:${portKey(p)}:${containerId}`;
export const driverEdgeId = (driver: string, networkId: string) => `drv:${driver}:${networkId}`;
export const hostPortEdgeId = (engineId: string, p: Pick<PortBinding, 'hostIp' | 'hostPort' | 'protocol'>) => `host:${engineId}:port:${portKey(p)}`;
/** Extensions of the contract: scope groups and the collapsed count of a network's containers. */
export const scopeId = (scope: string) => `scope:${scope}`;
export const groupId = (networkId: string) => `grp:${networkId}`;
/** The host ports that a collapsed network's containers publish, on one node under its count, and its edge to the count. */
export const publishedPortsId = (networkId: string) => `ports:${networkId}`;
export const publishedPortsEdgeId = (networkId: string) => `pub:ports:${networkId}`;
