/** The public picture of one Docker Engine, as DESIGN.md defines it. */
import type { Arrangement, ArrangementChange } from './graph/layout';

export type SwarmState = 'inactive' | 'pending' | 'active' | 'error' | 'locked' | (string & {});

export interface EngineInfo {
  id: string;
  name: string;
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  endpoint: string;
  swarm: { state: SwarmState; nodeId?: string; manager?: boolean };
}

export interface Subnet {
  subnet: string;
  gateway?: string;
  /** `endpoints`: the Engine's IPAM left the gateway out (Docker 20.10's default bridge); it was read from the containers on it. */
  gatewayFrom?: 'endpoints';
  ipRange?: string;
}

export interface Network {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  ipv6: boolean;
  /** Only from engines that can turn IPv4 off (Docker 28, API 1.47): false for an IPv6-only network. Absent means IPv4 is on. */
  ipv4?: boolean;
  /** Created by the Engine itself: bridge, host, none, and swarm's ingress and docker_gwbridge. */
  predefined: boolean;
  subnets: Subnet[];
  labels: Record<string, string>;
  options: Record<string, string>;
  createdAt: string;
}

export interface Endpoint {
  networkId: string;
  networkName: string;
  /** Without prefix length; empty while the container is not running. */
  ipv4: string;
  ipv6: string;
  mac: string;
  /** The aliases a person gave; Docker's own short-id alias, which engines before API 1.44 list too, is left out. */
  aliases: string[];
  /** Every name the container answers to on this network, from engines that report them (API 1.44, Docker 25). */
  dnsNames?: string[];
  /** Which network gives the default route (highest wins), from engines that have it (API 1.48, Docker 28). */
  gwPriority?: number;
  /** The IPv4 gateway this endpoint routes through, while it has an address; empty ones are left out. */
  gateway?: string;
}

export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp' | (string & {});
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead' | (string & {});

export interface Container {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  status: string;
  /** As in the image or `--user`; "" means root. */
  user: string;
  networkMode: string;
  endpoints: Endpoint[];
  ports: PortBinding[];
  labels: Record<string, string>;
  createdAt: string;
}

/** A machine in the swarm, as its manager sees it. */
export interface SwarmNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: 'active' | 'pause' | 'drain' | (string & {});
  /** `ready`, `down`, `disconnected` or `unknown`: the manager's view of the node's heartbeat. */
  state: 'ready' | 'down' | 'disconnected' | 'unknown' | (string & {});
  leader: boolean;
  addr: string;
  engineVersion: string;
}

export interface ServicePort {
  targetPort: number;
  publishedPort: number;
  protocol: 'tcp' | 'udp' | 'sctp' | (string & {});
  /** `ingress`: the routing mesh answers on every node; `host`: only the node that runs the task. */
  publishMode: 'ingress' | 'host';
}

export interface Service {
  id: string;
  name: string;
  image: string;
  mode: 'replicated' | 'global';
  /** Wanted replicas; absent for global services. */
  replicas?: number;
  /** Tasks whose state is running. */
  running: number;
  ports: ServicePort[];
  /** Ids of the networks its tasks attach to. */
  networks: string[];
  labels: Record<string, string>;
}

export interface Task {
  id: string;
  serviceId: string;
  nodeId: string;
  slot?: number;
  state: string;
  desiredState: string;
  containerId?: string;
  endpoints: { networkId: string; ipv4: string }[];
  /** Why the task is not running, in the Engine's words ("no suitable node (host-mode port already in use on 2 nodes)"). */
  error?: string;
}

export interface Topology {
  engine: EngineInfo;
  /** Sorted by name. */
  networks: Network[];
  /** Sorted by name, stopped ones included. */
  containers: Container[];
  /** Swarm: empty unless the engine is a swarm manager. Sorted by hostname. */
  nodes: SwarmNode[];
  /** Sorted by name. */
  services: Service[];
  /** Sorted by service, then slot (or node for global services). */
  tasks: Task[];
}

export type TopologyKind = 'network' | 'container' | 'node' | 'service' | 'task';

export type PatchOp =
  | { op: 'upsert'; kind: 'network'; value: Network }
  | { op: 'upsert'; kind: 'container'; value: Container }
  | { op: 'upsert'; kind: 'node'; value: SwarmNode }
  | { op: 'upsert'; kind: 'service'; value: Service }
  | { op: 'upsert'; kind: 'task'; value: Task }
  | { op: 'remove'; kind: TopologyKind; id: string };

export interface TopologySnapshot {
  epoch: string;
  revision: number;
  topology: Topology;
  /** The map's shared arrangement at this revision (an extension of DESIGN.md's snapshot). */
  layout?: Arrangement;
  /** The shared arrangement of the compact picture, each network collapsed to its count (an extension too). */
  compactLayout?: Arrangement;
  /** The engine's name, as `GET /api/engines` lists it. */
  engine?: string;
}

export interface TopologyPatch {
  epoch: string;
  from: number;
  to: number;
  ops: PatchOp[];
  /** What moved in the shared arrangement, when anything did. */
  layout?: ArrangementChange;
  /** What moved in the compact arrangement, when anything did. */
  compactLayout?: ArrangementChange;
  /** The engine's name, as `GET /api/engines` lists it. */
  engine?: string;
}

export type EngineConnection = 'connected' | 'reconnecting' | 'unreachable';

export interface EngineStatus {
  status: EngineConnection;
  endpoint: string;
  detail?: string;
  /** The engine's name, as `GET /api/engines` lists it. */
  engine?: string;
}

/** One of the docker CLI's contexts (`docker context ls`), as `GET /api/engines` lists them: one Portolan may be asked to watch. */
export interface DockerContext {
  name: string;
  /** Its Docker endpoint, as `docker context ls` shows it. */
  endpoint: string;
  description: string;
  /** Whether an engine Portolan watches came from it. */
  watched: boolean;
  /** The docker line that shows the same: `docker context inspect NAME`. */
  command: string;
}

/** One engine Portolan watches, as `GET /api/engines` and the `engines` event list it. */
export interface EngineSummary {
  name: string;
  endpoint: string;
  status: EngineConnection;
  version: string;
  /** Why it is not connected: the Engine's words, or the configuration it could not use. */
  detail?: string;
  /** What to write after `docker` to reach it, as the CLI would: `--context NAME`, or `-H ENDPOINT` and its TLS files. */
  dockerFlags?: string[];
}

export interface Activity {
  id: string;
  time: string;
  type: string;
  action: string;
  actorId: string;
  actorName: string;
  text: string;
  /** The event as `docker events` prints it (type, action, id, attributes): the Engine's own words behind `text`. */
  said?: string;
  /** Which engine it happened on (its name), when Portolan watches several. */
  engine?: string;
}

/** Bindings on every interface reach the container from other machines too. */
export function isExposed(p: Pick<PortBinding, 'hostIp'>): boolean {
  return p.hostIp === '0.0.0.0' || p.hostIp === '::' || p.hostIp === '';
}

/** Bound to 127.0.0.1 or ::1: reachable from this machine only. */
export function isLoopbackBinding(p: Pick<PortBinding, 'hostIp'>): boolean {
  return p.hostIp.startsWith('127.') || p.hostIp === '::1';
}

/** Root is an empty user (neither the image nor the run named one), 0 or root; a group after the colon changes nothing. */
export function isRoot(c: Pick<Container, 'user'>): boolean {
  const user = c.user.split(':')[0] ?? '';
  return user === '' || user === '0' || user === 'root';
}

export function emptyEngine(endpoint: string): EngineInfo {
  return { id: '', name: '', version: '', apiVersion: '', os: '', arch: '', endpoint, swarm: { state: 'inactive' } };
}

export const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * What a reference names, resolved in Docker's order: full id, then name, then
 * id prefix. A name that happens to start another object's id ("db", "cafe")
 * means the object with that name, as it does for the Engine.
 */
export function findByRef<T extends { id: string; name: string }>(items: readonly T[], ref: string): T | undefined {
  return items.find((i) => i.id === ref) ?? items.find((i) => i.name === ref) ?? items.find((i) => i.id.startsWith(ref));
}
