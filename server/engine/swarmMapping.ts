import type { Service, ServicePort, SwarmNode, Task } from '../../lib/topology';

// Where a swarm manager's raw nodes, services and tasks become Portolan's public types,
// as mapping.ts does for networks and containers. Shapes as Docker 20.10 (API 1.41) and
// 26.1 (API 1.45) send them; @types/dockerode leaves nodes and tasks untyped.

export interface RawNode {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Name?: string };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Addr?: string; Message?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface RawService {
  ID: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string> | null;
    TaskTemplate?: { ContainerSpec?: { Image?: string }; Networks?: { Target?: string }[] | null };
    /** Where API 1.24 put the networks; still accepted, so still read. */
    Networks?: { Target?: string }[] | null;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object };
    EndpointSpec?: { Ports?: RawPort[] | null };
  };
  Endpoint?: { Ports?: RawPort[] | null; VirtualIPs?: { NetworkID?: string }[] | null };
}

export interface RawTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  /** Replicated services only; global tasks have none. */
  Slot?: number;
  DesiredState: string;
  Status?: { State?: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
  NetworksAttachments?: { Network?: { ID?: string }; Addresses?: string[] | null }[] | null;
}

export function toSwarmNode(raw: RawNode): SwarmNode {
  const status = raw.Status ?? {};
  // A manager that listens on every interface reports 0.0.0.0 as its status address; its manager address is the one it advertises.
  const managerHost = raw.ManagerStatus?.Addr?.replace(/:\d+$/, '') ?? '';
  const addr = status.Addr && status.Addr !== '0.0.0.0' ? status.Addr : managerHost;
  return {
    id: raw.ID,
    hostname: raw.Description?.Hostname ?? '',
    role: raw.Spec?.Role === 'manager' ? 'manager' : 'worker',
    availability: raw.Spec?.Availability ?? 'active',
    state: status.State ?? 'unknown',
    leader: raw.ManagerStatus?.Leader === true,
    addr,
    engineVersion: raw.Description?.Engine?.EngineVersion ?? '',
  };
}

/** `running` counts the tasks of `tasks` that belong to this service, are meant to run and do. */
export function toService(raw: RawService, tasks: readonly Task[]): Service {
  const spec = raw.Spec ?? {};
  const replicated = spec.Mode?.Replicated;
  const networks = [
    ...(spec.TaskTemplate?.Networks ?? []).map((n) => n.Target),
    ...(spec.Networks ?? []).map((n) => n.Target),
    // Published ingress ports attach every task to the ingress network too: the Engine lists it among the virtual IPs.
    ...(raw.Endpoint?.VirtualIPs ?? []).map((v) => v.NetworkID),
  ].filter((id): id is string => Boolean(id));
  return {
    id: raw.ID,
    name: spec.Name ?? '',
    // The digest the manager pinned at create (`nginx:1.27@sha256:…`) says nothing a person typed.
    image: (spec.TaskTemplate?.ContainerSpec?.Image ?? '').split('@')[0] ?? '',
    mode: replicated || spec.Mode?.ReplicatedJob ? 'replicated' : 'global',
    ...(replicated ? { replicas: replicated.Replicas ?? 0 } : {}),
    running: tasks.filter((t) => t.serviceId === raw.ID && t.desiredState === 'running' && t.state === 'running').length,
    ports: toServicePorts(raw.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? []),
    networks: [...new Set(networks)],
    labels: { ...(spec.Labels ?? {}) },
  };
}

function toServicePorts(ports: readonly RawPort[]): ServicePort[] {
  return ports
    .filter((p) => p.TargetPort)
    .map((p) => ({
      targetPort: p.TargetPort ?? 0,
      publishedPort: p.PublishedPort ?? 0,
      protocol: p.Protocol ?? 'tcp',
      publishMode: p.PublishMode === 'host' ? ('host' as const) : ('ingress' as const),
    }))
    .sort((a, b) => a.publishedPort - b.publishedPort || a.targetPort - b.targetPort || a.protocol.localeCompare(b.protocol));
}

export function toTask(raw: RawTask): Task {
  const containerId = raw.Status?.ContainerStatus?.ContainerID;
  const error = raw.Status?.Err;
  return {
    id: raw.ID,
    serviceId: raw.ServiceID,
    nodeId: raw.NodeID ?? '',
    ...(raw.Slot ? { slot: raw.Slot } : {}),
    state: raw.Status?.State ?? 'new',
    desiredState: raw.DesiredState,
    ...(containerId ? { containerId } : {}),
    endpoints: (raw.NetworksAttachments ?? []).flatMap((a) =>
      a.Network?.ID ? [{ networkId: a.Network.ID, ipv4: (a.Addresses ?? []).find((addr) => !addr.includes(':'))?.replace(/\/\d+$/, '') ?? '' }] : [],
    ),
    ...(error ? { error } : {}),
  };
}

/** States a task goes through up to running, in the order swarmkit moves it; the rest are ends. */
const UP_TO_RUNNING = new Set(['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);

/**
 * A task is part of the picture while the manager wants it up, or while it is
 * still up though no longer wanted (a rolling update's old task stopping, a
 * task on a node that went down). Once it is both unwanted and ended it is
 * history: the manager keeps a few per slot (`--task-history-limit`, 5 by
 * default), and `docker service ps` lists them; the map does not.
 */
export function isCurrentTask(task: Pick<Task, 'state' | 'desiredState'>): boolean {
  return UP_TO_RUNNING.has(task.desiredState) || UP_TO_RUNNING.has(task.state);
}

/** The manager's answer to the three lists, as the picture holds it: current tasks only, each service counting its running ones. */
export function toSwarm(nodes: readonly RawNode[], services: readonly RawService[], tasks: readonly RawTask[]) {
  const current = tasks.map(toTask).filter(isCurrentTask);
  return { nodes: nodes.map(toSwarmNode), services: services.map((s) => toService(s, current)), tasks: current };
}
