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

// Swarm, as DESIGN.md names its nodes; the rest are extensions in the same style (README, "Graph ids").
export const swarmNodeId = (nodeId: string) => `node:${nodeId}`;
export const serviceNodeId = (serviceId: string) => `svc:${serviceId}`;
export const taskNodeId = (taskId: string) => `task:${taskId}`;
type SwarmPort = { publishedPort: number; protocol: string };
const swarmPortKey = (nodeId: string, p: SwarmPort) => `${nodeId}:${p.publishedPort}/${p.protocol}`;
/** A port a service publishes in ingress mode, answering on one node: the routing mesh draws one on every node. */
export const meshPortId = (nodeId: string, p: SwarmPort) => `mesh:${swarmPortKey(nodeId, p)}`;
/** A port a service publishes in host mode, bound on the node that runs the task, and its edge to that task. */
export const nodePortId = (nodeId: string, p: SwarmPort) => `nodeport:${swarmPortKey(nodeId, p)}`;
export const nodePortEdgeId = (nodeId: string, p: SwarmPort, taskId: string) => `pub:nodeport:${swarmPortKey(nodeId, p)}:${taskId}`;
/** A task's attachment to an overlay other than the one whose row it sits in (label: its IP there). */
export const taskAttachmentId = (networkId: string, taskId: string) => `tatt:${networkId}:${taskId}`;
/** An overlay network present on a node: the part of the network's row in that node's column. */
export const spanId = (networkId: string, nodeId: string) => `span:${networkId}:${nodeId}`;
