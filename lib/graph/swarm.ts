import type { Container, Network, Service, ServicePort, SwarmNode, Task, Topology } from '../topology';
import type { GraphEdge, GraphNode, GraphOptions } from './elements';
import * as id from './ids';

// The swarm on the map: one column per node, one row (a band) per overlay network, each task where the two meet.
// Geometry is ./swarmArrangement's; this file says what is drawn.

/** Every container a swarm task runs in carries its task's id in this label. */
export const TASK_LABEL = 'com.docker.swarm.task.id';

/** Tasks on no overlay the map shows sit in this row: the swarm scope itself. */
export const NO_OVERLAY = id.scopeId('swarm');

/** The map draws the swarm when the Engine is a manager (it knows nodes) and the swarm scope is not filtered out. */
export function isSwarmView(topology: Pick<Topology, 'nodes'>, options: Pick<GraphOptions, 'scopes'>): boolean {
  return topology.nodes.length > 0 && (!options.scopes?.length || options.scopes.includes('swarm'));
}

/** A container that is a task's: in the swarm view the task stands for it. */
export function isTaskContainer(c: Pick<Container, 'labels'>): boolean {
  return Boolean(c.labels[TASK_LABEL]);
}

const TERMINAL = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

/**
 * The tasks the map draws: those meant to run, and those last seen running that the manager wants stopped (on a
 * node gone down, it cannot hear they stopped). The rest is history, as `docker service ps` lists it under `\_`.
 */
export function isCurrentTask(t: Pick<Task, 'state' | 'desiredState'>): boolean {
  return t.desiredState === 'running' || !TERMINAL.has(t.state);
}

/** A task's state as the map tells it: running, on its way, failed or stopped. */
export function taskPhase(state: string): 'running' | 'starting' | 'failed' | 'stopped' {
  if (state === 'running') return 'running';
  if (state === 'failed' || state === 'rejected') return 'failed';
  return TERMINAL.has(state) ? 'stopped' : 'starting';
}

/** A node the manager cannot hear from: down, disconnected or unknown. Its tasks may or may not still run. */
export function isNodeDown(n: Pick<SwarmNode, 'state'>): boolean {
  return n.state !== 'ready';
}

/** `web.2`; a global service's task is the service's on its node, so it goes by the service's name. */
export function taskName(t: Pick<Task, 'slot' | 'id'>, service: Pick<Service, 'name' | 'mode'> | undefined): string {
  if (!service) return `task ${t.id.slice(0, 12)}`;
  return service.mode === 'global' || t.slot === undefined ? `${service.name} (global)` : `${service.name}.${t.slot}`;
}

/** `3/3 running`, or `global · 3 running`. */
export function replicasText(s: Pick<Service, 'mode' | 'replicas' | 'running'>): string {
  return s.mode === 'global' ? `global · ${s.running} running` : `${s.running}/${s.replicas ?? 0} running`;
}

/** The ingress network: the routing mesh's. */
export function ingressOf(networks: readonly Network[]): Network | undefined {
  return networks.find((n) => n.ingress) ?? networks.find((n) => n.name === 'ingress' && n.scope === 'swarm');
}

/**
 * The row a service's tasks sit in: its first overlay other than ingress, in the order its spec names them, then
 * as its tasks are attached; the swarm scope itself when it has none shown. The ingress band holds the routing
 * mesh's ports alone: a service published through it alone sits under it, its ports above its tasks.
 */
export function serviceBand(service: Service, tasks: readonly Task[], bands: ReadonlySet<string>, ingressId: string | undefined): string {
  const candidates = [...service.networks, ...tasks.flatMap((t) => t.endpoints.map((e) => e.networkId))].filter((n) => bands.has(n));
  const overlay = candidates.find((n) => n !== ingressId);
  return overlay ? id.networkNodeId(overlay) : NO_OVERLAY;
}

/** One node an overlay network is on, and why: the tasks there attached to it, the plain containers (this engine's). */
export interface OverlayOnNode {
  node: SwarmNode;
  tasks: Task[];
  containers: Container[];
}

/**
 * The nodes an overlay network is on. A worker creates its copy of an overlay when a task scheduled there needs it,
 * and drops it when the last one leaves; ingress is on every node, since every node answers for the routing mesh.
 * Plain containers are known only on the engine Portolan talks to, which is its node's.
 */
export function overlayOnNodes(
  topology: Pick<Topology, 'engine' | 'networks' | 'nodes' | 'services' | 'tasks'>,
  network: Pick<Network, 'id' | 'ingress'>,
  containers: readonly Container[],
): OverlayOnNode[] {
  const services = new Map(topology.services.map((s) => [s.id, s]));
  const self = topology.engine.swarm.nodeId ?? '';
  const on = (t: Task) => t.endpoints.some((e) => e.networkId === network.id) || (services.get(t.serviceId)?.networks.includes(network.id) ?? false);
  return topology.nodes.flatMap((node) => {
    const tasks = topology.tasks.filter((t) => t.nodeId === node.id && isCurrentTask(t) && on(t));
    const mine = node.id === self ? containers.filter((c) => !isTaskContainer(c) && c.endpoints.some((e) => e.networkId === network.id)) : [];
    return network.ingress || tasks.length || mine.length ? [{ node, tasks, containers: mine }] : [];
  });
}

export interface SwarmParts {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Badges for what a node's state means, in words: not by colour alone. */
function nodeMarks(n: SwarmNode): string[] {
  return [...(isNodeDown(n) ? ['down'] : []), ...(n.availability === 'drain' ? ['drained'] : []), ...(n.availability === 'pause' ? ['paused'] : [])];
}

/** What a node is, most pressing first, so a card too narrow for all of it still says that: `DOWN · worker`, `leader ★`. */
export function nodeStatus(n: Pick<SwarmNode, 'state' | 'availability' | 'role' | 'leader'>): string {
  const availability = n.availability === 'drain' ? 'drained' : n.availability === 'pause' ? 'paused' : '';
  return [isNodeDown(n) ? n.state.toUpperCase() : '', availability, n.leader ? 'leader ★' : n.role].filter(Boolean).join(' · ');
}

function swarmNodeElement(n: SwarmNode, self: boolean): GraphNode {
  return {
    id: id.swarmNodeId(n.id),
    kind: 'swarm-node',
    label: [n.hostname, nodeStatus(n), n.addr, n.engineVersion && `Docker ${n.engineVersion}`].filter(Boolean).join('\n'),
    parent: NO_OVERLAY,
    classes: [
      'swarm-node',
      n.role,
      ...(n.leader ? ['leader'] : []),
      `node-${n.state}`,
      `availability-${n.availability}`,
      ...nodeMarks(n),
      ...(self ? ['self'] : []),
    ],
    data: {
      nodeId: n.id,
      name: n.hostname,
      role: n.role,
      leader: n.leader,
      state: n.state,
      availability: n.availability,
      addr: n.addr,
      engineVersion: n.engineVersion,
      self,
    },
  };
}

const portText = (p: ServicePort) => `:${p.publishedPort}→${p.targetPort}/${p.protocol} ${p.publishMode}`;

/**
 * The swarm's elements: a card per node heading its column, a card per service heading its row, a card per
 * current task where its node's column meets its service's row, and the ports: those published in ingress mode in
 * every node's column of the ingress row (the routing mesh answers on every node), those in host mode under the
 * task on the one node that binds them. Each overlay's row is tinted (a span) in the columns of the nodes it is on.
 */
export function swarmElements(
  topology: Topology,
  containers: readonly Container[],
  bands: ReadonlySet<string>,
  colors: ReadonlyMap<string, string>,
): SwarmParts {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const selfId = topology.engine.swarm.nodeId ?? '';
  const byNode = new Map(topology.nodes.map((n) => [n.id, n]));
  const services = new Map(topology.services.map((s) => [s.id, s]));
  const ingress = ingressOf(topology.networks);
  const ingressId = ingress && bands.has(ingress.id) ? ingress.id : undefined;
  const current = topology.tasks.filter(isCurrentTask);
  const tasksOf = new Map<string, Task[]>();
  for (const t of current) tasksOf.set(t.serviceId, [...(tasksOf.get(t.serviceId) ?? []), t]);
  const bandOf = new Map(topology.services.map((s) => [s.id, serviceBand(s, tasksOf.get(s.id) ?? [], bands, ingressId)]));

  for (const n of topology.nodes) nodes.push(swarmNodeElement(n, n.id === selfId));

  for (const s of topology.services) {
    nodes.push({
      id: id.serviceNodeId(s.id),
      kind: 'service',
      label: `${s.name}\n${replicasText(s)}\n${s.image}${s.ports.length ? `\n${s.ports.map(portText).join(' ')}` : ''}`,
      parent: bandOf.get(s.id)!,
      classes: ['service', `mode-${s.mode}`, ...(s.mode === 'replicated' && s.running < (s.replicas ?? 0) ? ['degraded'] : [])],
      data: {
        serviceId: s.id,
        name: s.name,
        image: s.image,
        mode: s.mode,
        replicas: s.replicas,
        running: s.running,
        ports: s.ports.map(portText).join(' '),
      },
    });
  }

  const nodePorts = new Set<string>();
  for (const t of current) {
    const service = services.get(t.serviceId);
    const node = byNode.get(t.nodeId);
    const band = service ? bandOf.get(service.id)! : NO_OVERLAY;
    const bandNetwork = band === NO_OVERLAY ? '' : band.slice('net:'.length);
    const down = node !== undefined && isNodeDown(node);
    const ip = t.endpoints.find((e) => e.networkId === bandNetwork)?.ipv4 ?? '';
    const phase = taskPhase(t.state);
    const task = id.taskNodeId(t.id);
    nodes.push({
      id: task,
      kind: 'task',
      label: `${taskName(t, service)}\n${down ? 'node down' : phase === 'running' ? ip || 'running' : t.state}`,
      parent: band,
      classes: [
        'task',
        `state-${phase}`,
        ...(down ? ['node-down'] : []),
        ...(t.desiredState !== 'running' && phase !== 'stopped' ? ['stopping'] : []),
      ],
      data: {
        taskId: t.id,
        serviceId: t.serviceId,
        nodeId: node ? t.nodeId : '',
        name: taskName(t, service),
        state: t.state,
        desiredState: t.desiredState,
        ip,
        ...(t.slot !== undefined ? { slot: t.slot } : {}),
      },
    });
    for (const e of t.endpoints) {
      if (e.networkId === bandNetwork || e.networkId === ingressId || !bands.has(e.networkId)) continue;
      edges.push({
        id: id.taskAttachmentId(e.networkId, t.id),
        kind: 'attachment',
        source: id.networkNodeId(e.networkId),
        target: task,
        label: e.ipv4,
        classes: ['attachment', 'task-attachment', ...(down ? ['node-down'] : [])],
        data: { color: colors.get(e.networkId) ?? '#64748b', ipv4: e.ipv4 },
      });
    }
    // Host mode binds the port on the node that runs the task, once it runs there.
    if (!node || !service || phase === 'stopped') continue;
    for (const p of service.ports.filter((q) => q.publishMode === 'host')) {
      const port = id.nodePortId(node.id, p);
      if (!nodePorts.has(port)) {
        nodePorts.add(port);
        nodes.push({
          id: port,
          kind: 'port',
          label: `:${p.publishedPort}/${p.protocol}\non ${node.hostname} only`,
          classes: ['port', 'exposed', 'host-mode', ...(down ? ['node-down'] : [])],
          data: {
            nodeId: node.id,
            serviceId: service.id,
            hostPort: p.publishedPort,
            publishedPort: p.publishedPort,
            targetPort: p.targetPort,
            protocol: p.protocol,
            publishMode: 'host',
            exposed: true,
          },
        });
      }
      edges.push({
        id: id.nodePortEdgeId(node.id, p, t.id),
        kind: 'publish',
        source: port,
        target: task,
        label: `→ ${p.targetPort}/${p.protocol}`,
        classes: ['publish', 'exposed'],
        data: {},
      });
    }
  }

  // The routing mesh: every node answers on a port published in ingress mode, and forwards to a task over ingress.
  if (ingressId) {
    for (const s of topology.services)
      for (const p of s.ports.filter((q) => q.publishMode === 'ingress'))
        for (const n of topology.nodes)
          nodes.push({
            id: id.meshPortId(n.id, p),
            kind: 'port',
            label: `:${p.publishedPort}/${p.protocol} → ${s.name}\nmesh → task :${p.targetPort}`,
            parent: id.networkNodeId(ingressId),
            classes: ['port', 'exposed', 'mesh', ...(isNodeDown(n) ? ['node-down'] : [])],
            data: {
              nodeId: n.id,
              serviceId: s.id,
              service: s.name,
              hostPort: p.publishedPort,
              publishedPort: p.publishedPort,
              targetPort: p.targetPort,
              protocol: p.protocol,
              publishMode: 'ingress',
              exposed: true,
            },
          });
  }

  // Each band is tinted in the columns of the nodes its network is on.
  for (const network of topology.networks.filter((n) => bands.has(n.id)))
    for (const { node: n } of overlayOnNodes(topology, network, containers))
      nodes.push({
        id: id.spanId(network.id, n.id),
        kind: 'span',
        label: '',
        parent: id.networkNodeId(network.id),
        classes: ['span', ...(isNodeDown(n) ? ['node-down'] : [])],
        data: { networkId: network.id, nodeId: n.id, color: colors.get(network.id) ?? '#64748b' },
      });
  return { nodes, edges };
}
