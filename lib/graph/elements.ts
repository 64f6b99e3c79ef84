import type { Container, Network, PortBinding, Topology } from '../topology';
import { driverColor, networkColors } from './colors';
import * as id from './ids';

export type NodeKind = 'host' | 'scope' | 'driver' | 'network' | 'container' | 'port' | 'group';
export type EdgeKind = 'attachment' | 'publish' | 'driver' | 'host-port';

type Data = Record<string, string | number | boolean | undefined>;

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  parent?: string;
  /** Style classes: state, flags, exposure. */
  classes: string[];
  data: Data;
}

export interface GraphEdge {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  label: string;
  classes: string[];
  data: Data;
}

export interface GraphElements {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphOptions {
  showStopped: boolean;
  showPredefined: boolean;
  /** Show each network's containers as one count node. */
  collapsed: boolean;
  /** Networks (ids) whose containers show although the picture is collapsed. */
  expanded?: readonly string[];
  /** Only these drivers / scopes / compose projects, when set. */
  drivers?: readonly string[];
  scopes?: readonly string[];
  projects?: readonly string[];
}

export const DEFAULT_OPTIONS: GraphOptions = { showStopped: true, showPredefined: true, collapsed: false };

export const COMPOSE_PROJECT = 'com.docker.compose.project';

/** Bindings on every interface reach the container from other machines too. */
export function isExposed(p: Pick<PortBinding, 'hostIp'>): boolean {
  return p.hostIp === '0.0.0.0' || p.hostIp === '::' || p.hostIp === '';
}

/** Bound to 127.0.0.1 or ::1: reachable from this machine only. */
export function isLoopbackBinding(p: Pick<PortBinding, 'hostIp'>): boolean {
  return p.hostIp.startsWith('127.') || p.hostIp === '::1';
}

/** The style class of a binding: all interfaces, one other address, or loopback only. */
export function bindingClass(p: Pick<PortBinding, 'hostIp'>): 'exposed' | 'specific' | 'loopback' {
  return isExposed(p) ? 'exposed' : isLoopbackBinding(p) ? 'loopback' : 'specific';
}

export function isRoot(c: Pick<Container, 'user'>): boolean {
  const user = c.user.split(':')[0] ?? '';
  return user === '' || user === '0' || user === 'root';
}

export function visibleTopology(topology: Topology, options: GraphOptions): { networks: Network[]; containers: Container[] } {
  const networks = topology.networks.filter(
    (n) =>
      (options.showPredefined || !n.predefined) &&
      (!options.drivers?.length || options.drivers.includes(n.driver)) &&
      (!options.scopes?.length || options.scopes.includes(n.scope)),
  );
  const shown = new Set(networks.map((n) => n.id));
  const containers = topology.containers
    .map((c) => withNetworkIds(c, topology.networks))
    .filter(
      (c) =>
        (options.showStopped || c.state === 'running' || c.state === 'paused' || c.state === 'restarting') &&
        (!options.projects?.length || options.projects.includes(c.labels[COMPOSE_PROJECT] ?? '')) &&
        // A container whose every network is filtered out goes with them, rather than floating loose.
        (c.endpoints.length === 0 || c.endpoints.some((e) => shown.has(e.networkId))),
    );
  return { networks, containers };
}

/** A created, never-started container knows its networks by name only: the Engine fills in ids on start. */
function withNetworkIds(c: Container, networks: readonly Network[]): Container {
  if (c.endpoints.every((e) => e.networkId)) return c;
  const byName = new Map(networks.map((n) => [n.name, n.id]));
  return { ...c, endpoints: c.endpoints.map((e) => (e.networkId ? e : { ...e, networkId: byName.get(e.networkName) ?? '' })) };
}

/**
 * The graph of one topology: pure data, the same topology always giving the
 * same elements. Drawing them is the view's job.
 */
export function toElements(topology: Topology, options: GraphOptions = DEFAULT_OPTIONS): GraphElements {
  const { engine } = topology;
  const { networks, containers } = visibleTopology(topology, options);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const host = id.hostId(engine.id);
  const colors = networkColors(topology.networks);
  const shown = new Set(networks.map((n) => n.id));

  nodes.push({
    id: host,
    kind: 'host',
    label: `${engine.name || 'Docker host'}\nDocker ${engine.version || '?'}\nswarm ${engine.swarm.state}`,
    classes: ['host'],
    data: { engineId: engine.id, version: engine.version, swarm: engine.swarm.state },
  });

  for (const scope of [...new Set(networks.map((n) => n.scope))].sort(scopeOrder)) {
    const label = scope === 'swarm' ? 'swarm scope — the whole cluster' : scope === 'local' ? 'local scope — this host' : `${scope} scope`;
    nodes.push({ id: id.scopeId(scope), kind: 'scope', label, classes: ['scope', `scope-${scope}`], data: { scope } });
  }

  for (const driver of [...new Set(networks.map((n) => n.driver))].sort(driverOrder)) {
    nodes.push({
      id: id.driverId(driver),
      kind: 'driver',
      label: `${driver} driver`,
      classes: ['driver'],
      data: { driver, color: driverColor(driver) },
    });
  }

  for (const n of networks) {
    const subnets = n.subnets.map((s) => s.subnet).join(', ');
    const flags = [n.internal && 'internal', n.attachable && 'attachable', n.ipv6 && 'IPv6'].filter(Boolean).join(' · ');
    nodes.push({
      id: id.networkNodeId(n.id),
      kind: 'network',
      label: [n.name, subnets, flags].filter(Boolean).join('\n'),
      parent: id.scopeId(n.scope),
      classes: ['network', `driver-${n.driver}`, ...flagClasses(n)],
      data: { networkId: n.id, name: n.name, driver: n.driver, scope: n.scope, color: colors.get(n.id) ?? '#64748b' },
    });
    edges.push({
      id: id.driverEdgeId(n.driver, n.id),
      kind: 'driver',
      source: id.driverId(n.driver),
      target: id.networkNodeId(n.id),
      label: '',
      classes: ['driver-edge'],
      data: { color: driverColor(n.driver) },
    });
  }

  const counts = new Map<string, number>();
  const ports = new Map<string, GraphNode>();
  for (const c of containers) {
    const attached = c.endpoints.filter((e) => shown.has(e.networkId));
    const home = homeNetwork(c);
    const homeShown = shown.has(home);
    const counted = homeShown ? home : (attached[0]?.networkId ?? '');
    if (options.collapsed && attached.length > 0 && !options.expanded?.includes(counted)) {
      counts.set(counted, (counts.get(counted) ?? 0) + 1);
      continue;
    }
    const ctr = id.containerNodeId(c.id);
    const homeEndpoint = c.endpoints.find((e) => e.networkId === home);
    const address = homeEndpoint?.ipv4 || homeEndpoint?.ipv6 || '';
    nodes.push({
      id: ctr,
      kind: 'container',
      label: `${c.name}\n${address || c.state}`,
      ...(homeShown ? { parent: id.networkNodeId(home) } : {}),
      classes: ['container', `state-${c.state}`, ...(isRoot(c) ? ['root'] : []), ...(c.ports.some(isExposed) ? ['exposed'] : [])],
      data: {
        containerId: c.id,
        name: c.name,
        image: c.image,
        state: c.state,
        user: c.user,
        primaryNetwork: home,
        ip: address,
        project: c.labels[COMPOSE_PROJECT] ?? '',
      },
    });
    // The home network holds the container inside its box; only the other networks need an edge.
    for (const e of attached) {
      if (e.networkId === home) continue;
      edges.push({
        id: id.attachmentId(e.networkId, c.id),
        kind: 'attachment',
        source: id.networkNodeId(e.networkId),
        target: ctr,
        label: e.ipv4 || e.ipv6 || (c.state === 'running' ? '' : c.state),
        classes: ['attachment', `state-${c.state}`],
        data: { color: colors.get(e.networkId) ?? '#64748b', ipv4: e.ipv4, ipv6: e.ipv6 },
      });
    }
    for (const binding of publishedBindings(c.ports)) {
      const p = binding.primary;
      const port = id.portNodeId(p);
      const cls = bindingClass(p);
      if (!ports.has(port)) {
        ports.set(port, {
          id: port,
          kind: 'port',
          label: `:${p.hostPort}/${p.protocol}\n${binding.interfaces}`,
          classes: ['port', cls],
          data: {
            hostIp: p.hostIp,
            hostPort: p.hostPort,
            protocol: p.protocol,
            exposed: isExposed(p),
            containerId: c.id,
            addresses: binding.addresses.join(' '),
            interfaces: binding.interfaces,
          },
        });
        edges.push({
          id: id.hostPortEdgeId(engine.id, p),
          kind: 'host-port',
          source: host,
          target: port,
          label: '',
          classes: ['host-port', cls],
          data: {},
        });
      }
      edges.push({
        id: id.publishId(p, c.id),
        kind: 'publish',
        source: port,
        target: ctr,
        label: `→ ${p.containerPort}/${p.protocol}`,
        classes: ['publish', cls],
        data: {},
      });
    }
  }
  nodes.push(...ports.values());

  if (options.collapsed) {
    for (const [networkId, count] of counts) {
      nodes.push({
        id: id.groupId(networkId),
        kind: 'group',
        label: `${count} container${count === 1 ? '' : 's'}`,
        parent: id.networkNodeId(networkId),
        classes: ['group'],
        data: { networkId, count },
      });
    }
  }
  return { nodes, edges };
}

/**
 * The network a container is drawn inside: the one it was run on (its network
 * mode) when it is still attached there, else its first user-defined network,
 * else its first. Filters never change it, so a container keeps its place.
 */
export function homeNetwork(c: Pick<Container, 'networkMode' | 'endpoints'>): string {
  const endpoints = c.endpoints.filter((e) => e.networkId);
  return (
    endpoints.find((e) => e.networkName === c.networkMode || e.networkId === c.networkMode)?.networkId ??
    endpoints.find((e) => !PREDEFINED_NAMES.has(e.networkName))?.networkId ??
    endpoints[0]?.networkId ??
    ''
  );
}

const PREDEFINED_NAMES = new Set(['bridge', 'host', 'none']);

export interface PublishedBinding {
  /** The binding whose address names the port node: IPv4 where a dual-stack pair exists. */
  primary: PortBinding;
  /** Every host address of the mapping: one, or an IPv4 and IPv6 pair. */
  addresses: string[];
  /** In words: "all interfaces", "loopback", or the one address. */
  interfaces: string;
}

/**
 * A container's port mappings as a person counts them. Engines since 26 bind
 * one `-p 8080:80` on both 0.0.0.0 and ::, and `-p 127.0.0.1:…` pairs with ::1:
 * each pair is one mapping.
 */
export function publishedBindings(bindings: readonly PortBinding[]): PublishedBinding[] {
  const out: PublishedBinding[] = [];
  const paired = new Map<string, PublishedBinding>();
  const sorted = [...bindings].sort((a, b) => Number(a.hostIp.includes(':')) - Number(b.hostIp.includes(':')));
  for (const p of sorted) {
    const cls = isExposed(p) ? 'all' : isLoopbackBinding(p) ? 'loopback' : `ip:${p.hostIp}`;
    const key = `${cls}|${p.hostPort}/${p.protocol}>${p.containerPort}`;
    const twin = cls === 'all' || cls === 'loopback' ? paired.get(key) : undefined;
    if (twin && twin.addresses.length === 1 && twin.addresses[0]!.includes(':') !== p.hostIp.includes(':')) {
      twin.addresses.push(p.hostIp);
      continue;
    }
    const binding = {
      primary: p,
      addresses: [p.hostIp],
      interfaces: cls === 'all' ? 'all interfaces' : cls === 'loopback' ? 'loopback' : p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp,
    };
    paired.set(key, binding);
    out.push(binding);
  }
  return out;
}

function flagClasses(n: Network): string[] {
  return [
    n.predefined ? 'predefined' : 'user-defined',
    ...(n.internal ? ['internal'] : []),
    ...(n.attachable ? ['attachable'] : []),
    ...(n.ipv6 ? ['ipv6'] : []),
  ];
}

const SCOPES = ['local', 'swarm', 'global'];
const DRIVERS = ['bridge', 'host', 'null', 'overlay', 'macvlan', 'ipvlan'];

export function scopeOrder(a: string, b: string): number {
  return rank(SCOPES, a) - rank(SCOPES, b) || a.localeCompare(b);
}

export function driverOrder(a: string, b: string): number {
  return rank(DRIVERS, a) - rank(DRIVERS, b) || a.localeCompare(b);
}

function rank(order: string[], value: string): number {
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}
