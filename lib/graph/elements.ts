import {
  isExposed,
  isLoopbackBinding,
  isRoot,
  type Container,
  type Endpoint,
  type EngineInfo,
  type Network,
  type PortBinding,
  type Topology,
} from '../topology';
import { driverColor, networkColors } from './colors';
import * as id from './ids';
import { isSwarmView, isTaskContainer, swarmElements } from './swarm';

export type NodeKind =
  | 'host'
  | 'scope'
  | 'driver'
  | 'network'
  | 'container'
  | 'port'
  | 'group'
  | 'ports'
  // Swarm: a node's card heading its column, a service heading its row, a task, and an overlay's part on one node.
  | 'swarm-node'
  | 'service'
  | 'task'
  | 'span'
  // The all-engines map: one engine's group, holding its picture (lib/graph/engines.ts).
  | 'engine';
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

/** The style class of a binding: all interfaces, one other address, or loopback only. */
export function bindingClass(p: Pick<PortBinding, 'hostIp'>): 'exposed' | 'specific' | 'loopback' {
  return isExposed(p) ? 'exposed' : isLoopbackBinding(p) ? 'loopback' : 'specific';
}

export function visibleTopology(topology: Topology, options: GraphOptions): { networks: Network[]; containers: Container[] } {
  const networks = shownNetworks(topology.networks, options);
  const shown = new Set(networks.map((n) => n.id));
  const known = new Set(topology.networks.map((n) => n.id));
  const containers = topology.containers.map((c) => withNetworkIds(c, topology.networks)).filter((c) => isShown(c, options, shown, known));
  return { networks, containers };
}

function shownNetworks(networks: readonly Network[], options: GraphOptions): Network[] {
  return networks.filter(
    (n) =>
      (options.showPredefined || !n.predefined) &&
      (!options.drivers?.length || options.drivers.includes(n.driver)) &&
      (!options.scopes?.length || options.scopes.includes(n.scope)),
  );
}

function isShown(c: Container, options: GraphOptions, shown: ReadonlySet<string>, known: ReadonlySet<string>): boolean {
  return (
    (options.showStopped || c.state === 'running' || c.state === 'paused' || c.state === 'restarting') &&
    (!options.projects?.length || options.projects.includes(c.labels[COMPOSE_PROJECT] ?? '')) &&
    // A container whose every network is filtered out goes with them, rather than floating loose. One whose every
    // network is gone (removed while it was stopped: `docker start` now fails) has no box to go with: it stays, loose,
    // as `docker ps -a` lists it.
    (c.endpoints.every((e) => !known.has(e.networkId)) || c.endpoints.some((e) => shown.has(e.networkId)))
  );
}

/**
 * A container's networks by the ids the picture knows. A created, never-started container knows its networks by
 * name only: the Engine fills in ids on start. One that has not run since a daemon restart (a dead one, say) still
 * holds the id its network had before it: the default `bridge` is made anew, with a new id, at each start of the
 * daemon. Both are found by name, as `docker ps -a` lists them, so they are drawn where they belong.
 */
export function withNetworkIds(c: Container, networks: readonly Network[]): Container {
  const { ids, byName } = networkIndex(networks);
  const known = (e: Endpoint) => ids.has(e.networkId);
  if (c.endpoints.every(known)) return c;
  return { ...c, endpoints: c.endpoints.map((e) => (known(e) ? e : { ...e, networkId: byName.get(e.networkName) ?? e.networkId })) };
}

/** The networks' ids and names, built once per networks list (a patch that leaves the networks keeps the list). */
const networkIndexes = new WeakMap<readonly Network[], { ids: ReadonlySet<string>; byName: ReadonlyMap<string, string> }>();
function networkIndex(networks: readonly Network[]): { ids: ReadonlySet<string>; byName: ReadonlyMap<string, string> } {
  let index = networkIndexes.get(networks);
  if (!index) {
    index = { ids: new Set(networks.map((n) => n.id)), byName: new Map(networks.map((n) => [n.name, n.id])) };
    networkIndexes.set(networks, index);
  }
  return index;
}

/**
 * The graph of one topology: pure data, the same topology always giving the
 * same elements. Drawing them is the view's job.
 *
 * A patch replaces only the objects it names, so each network and container
 * keeps the elements built for it while it and what they read of the rest
 * (the networks, the options, the engine) stay the same: a patch costs what it
 * changed, and unchanged elements keep their identity for diffElements.
 */
export function toElements(topology: Topology, options: GraphOptions = DEFAULT_OPTIONS): GraphElements {
  const { engine } = topology;
  const networks = shownNetworks(topology.networks, options);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const colors = networkColors(topology.networks);
  const shown = new Set(networks.map((n) => n.id));
  const context = contextOf(topology, options);

  nodes.push(hostNode(engine));
  for (const scope of [...new Set(networks.map((n) => n.scope))].sort(scopeOrder)) nodes.push(scopeNode(scope));
  for (const driver of [...new Set(networks.map((n) => n.driver))].sort(driverOrder)) nodes.push(driverNode(driver));

  for (const n of networks) {
    const part = networkPart(n, colors.get(n.id) ?? UNCOLORED);
    nodes.push(context.bands.has(n.id) ? bandNode(part.node, n) : part.node);
    edges.push(part.edge);
  }
  const drawnContainers: Container[] = [];

  const counts = new Map<string, number>();
  const hidden = new Map<string, HiddenBinding[]>();
  const ports = new Map<string, GraphNode>();
  for (const original of topology.containers) {
    const entries = containerEntries.get(original) ?? [];
    let entry = entries.find((e) => e.context === context);
    if (!entry) {
      entry = containerEntry(withNetworkIds(original, topology.networks), context, shown, colors, entries[0]?.part);
      containerEntries.set(original, [entry, ...entries].slice(0, CONTEXTS_KEPT));
    }
    if (entry.counted !== null) {
      counts.set(entry.counted, (counts.get(entry.counted) ?? 0) + 1);
      if (entry.published.length) hidden.set(entry.counted, [...(hidden.get(entry.counted) ?? []), ...entry.published]);
    }
    const { part } = entry;
    if (!part) continue;
    drawnContainers.push(original);
    nodes.push(part.node);
    edges.push(...part.attachments);
    for (const binding of part.bindings) {
      // Two containers may name one host port; the first one's node stands for it.
      if (!ports.has(binding.port.id)) {
        ports.set(binding.port.id, binding.port);
        edges.push(binding.hostPort);
      }
      edges.push(binding.publish);
    }
  }
  nodes.push(...ports.values());
  if (context.swarm) {
    const swarm = swarmElements(topology, drawnContainers, context.bands, colors);
    nodes.push(...swarm.nodes);
    edges.push(...swarm.edges);
  }

  if (options.collapsed) {
    for (const [networkId, count] of counts) {
      const published = hidden.get(networkId) ?? [];
      const exposed = published.filter((b) => isExposed(b.binding.primary)).length;
      nodes.push({
        id: id.groupId(networkId),
        kind: 'group',
        label: `${count} container${count === 1 ? '' : 's'}`,
        parent: id.networkNodeId(networkId),
        classes: ['group', ...(exposed ? ['exposed'] : [])],
        data: { networkId, count, published: published.length, exposed },
      });
      if (published.length) {
        const part = publishedPortsPart(networkId, published);
        nodes.push(part.node);
        edges.push(...part.edges);
      }
    }
  }
  return { nodes, edges };
}

/** A published mapping of a container folded into its network's count. */
interface HiddenBinding {
  binding: PublishedBinding;
  containerId: string;
}

const CLASS_ORDER = ['exposed', 'specific', 'loopback'] as const;

/**
 * What a collapsed network's containers publish on the host, so the compact
 * picture still answers "what is exposed here": one node under the count,
 * coloured by its most exposed mapping, naming the host ports, those on all
 * interfaces first. The network's panel lists each mapping.
 */
function publishedPortsPart(networkId: string, published: readonly HiddenBinding[]): { node: GraphNode; edges: GraphEdge[] } {
  const rank = (b: HiddenBinding) => CLASS_ORDER.indexOf(bindingClass(b.binding.primary));
  const sorted = [...published].sort((a, b) => rank(a) - rank(b) || a.binding.primary.hostPort - b.binding.primary.hostPort);
  const cls = bindingClass(sorted[0]!.binding.primary);
  const exposed = published.filter((b) => isExposed(b.binding.primary)).length;
  const node = id.publishedPortsId(networkId);
  const hostPorts = [...new Set(sorted.map((b) => `:${b.binding.primary.hostPort}`))].join(' ');
  return {
    node: {
      id: node,
      kind: 'ports',
      label: `${published.length} port${published.length === 1 ? '' : 's'} published\n${hostPorts}`,
      classes: ['port', 'ports', cls],
      data: { networkId, published: published.length, exposed },
    },
    // No line from the host: two dozen of them fanned over every box at 1,000 containers, and the colour says it.
    edges: [
      {
        id: id.publishedPortsEdgeId(networkId),
        kind: 'publish',
        source: node,
        target: id.groupId(networkId),
        label: '',
        classes: ['publish', cls],
        data: {},
      },
    ],
  };
}

/**
 * What a container's place in the picture reads beyond the container: the
 * networks (which show, their names and colours), the options and the engine.
 * The same networks under the same options are the same context.
 */
interface Context {
  networks: readonly Network[];
  options: GraphOptions;
  engineId: string;
  /** The swarm is drawn: its tasks stand for their containers, and each shown swarm-scoped network is a row (a band). */
  swarm: boolean;
  bands: ReadonlySet<string>;
  /** Every network in the picture, shown or not. */
  known: ReadonlySet<string>;
}

/** A few, for a page and a server in one process, or options switched back and forth. */
const CONTEXTS_KEPT = 4;
const contexts: Context[] = [];

function contextOf(topology: Topology, options: GraphOptions): Context {
  const swarm = isSwarmView(topology, options);
  const same = (c: Context) =>
    c.options === options &&
    c.engineId === topology.engine.id &&
    c.swarm === swarm &&
    c.networks.length === topology.networks.length &&
    c.networks.every((n, i) => n === topology.networks[i]);
  const found = contexts.find(same);
  if (found) return found;
  const bands = new Set(
    swarm
      ? shownNetworks(topology.networks, options)
          .filter((n) => n.scope === 'swarm')
          .map((n) => n.id)
      : [],
  );
  const known = new Set(topology.networks.map((n) => n.id));
  const context = { networks: topology.networks, options, engineId: topology.engine.id, swarm, bands, known };
  contexts.unshift(context);
  contexts.length = Math.min(contexts.length, CONTEXTS_KEPT);
  return context;
}

/** How a container shows under a context: drawn (its part), folded into a network's count, or filtered out (neither). */
interface ContainerEntry {
  context: Context;
  part: ContainerPart | null;
  counted: string | null;
  /** Its published mappings, when it is counted: they stay on the map with its network's count. */
  published: HiddenBinding[];
}

function containerEntry(
  c: Container,
  context: Context,
  shown: ReadonlySet<string>,
  colors: ReadonlyMap<string, string>,
  kept: ContainerPart | null | undefined,
): ContainerEntry {
  const { options, engineId } = context;
  if (!isShown(c, options, shown, context.known) || (context.swarm && isTaskContainer(c)))
    return { context, part: null, counted: null, published: [] };
  const attached = c.endpoints.filter((e) => shown.has(e.networkId));
  const home = homeNetwork(c);
  const homeShown = shown.has(home);
  const counted = homeShown ? home : (attached[0]?.networkId ?? '');
  // A swarm row is never folded into a count: its few plain containers sit among the tasks, in their node's column.
  if (options.collapsed && attached.length > 0 && !options.expanded?.includes(counted) && !context.bands.has(counted)) {
    const published = publishedBindings(c.ports).map((binding) => ({ binding, containerId: c.id }));
    return { context, part: null, counted, published };
  }
  const reads: PartReads = { engineId, home, homeShown, attached, colors: attached.map((e) => colors.get(e.networkId) ?? UNCOLORED) };
  return { context, part: kept && sameReads(kept.reads, reads) ? kept : containerPart(c, reads), counted: null, published: [] };
}

const UNCOLORED = '#64748b';

/** Built elements by the object they were built from; an entry serves while its context still holds. */
const hosts = new WeakMap<EngineInfo, GraphNode>();
const networkParts = new WeakMap<Network, NetworkPart>();
/** One entry per context the container was last built under: the server builds the full and the compact picture each change. */
const containerEntries = new WeakMap<Container, ContainerEntry[]>();
/** Scopes and drivers are their name alone. */
const scopes = new Map<string, GraphNode>();
const drivers = new Map<string, GraphNode>();

function hostNode(engine: EngineInfo): GraphNode {
  let node = hosts.get(engine);
  if (!node) {
    node = {
      id: id.hostId(engine.id),
      kind: 'host',
      label: `${engine.name || 'Docker host'}\nDocker ${engine.version || '?'}\nswarm ${engine.swarm.state}`,
      classes: ['host'],
      data: { engineId: engine.id, version: engine.version, swarm: engine.swarm.state, swarmNodeId: engine.swarm.nodeId ?? '' },
    };
    hosts.set(engine, node);
  }
  return node;
}

function scopeNode(scope: string): GraphNode {
  let node = scopes.get(scope);
  if (!node) {
    const label = scope === 'swarm' ? 'swarm scope — the whole cluster' : scope === 'local' ? 'local scope — this host' : `${scope} scope`;
    node = { id: id.scopeId(scope), kind: 'scope', label, classes: ['scope', `scope-${scope}`], data: { scope } };
    scopes.set(scope, node);
  }
  return node;
}

function driverNode(driver: string): GraphNode {
  let node = drivers.get(driver);
  if (!node) {
    node = { id: id.driverId(driver), kind: 'driver', label: `${driver} driver`, classes: ['driver'], data: { driver, color: driverColor(driver) } };
    drivers.set(driver, node);
  }
  return node;
}

const bandNodes = new WeakMap<GraphNode, GraphNode>();

/** A swarm-scoped network in the swarm view: a row across the nodes' columns; ingress says it is the routing mesh. */
function bandNode(node: GraphNode, n: Network): GraphNode {
  let band = bandNodes.get(node);
  if (!band) {
    const [name = '', ...rest] = node.label.split('\n');
    band = {
      ...node,
      label: [n.ingress ? `${name} · routing mesh` : name, ...rest].join('\n'),
      classes: [...node.classes, 'band', ...(n.ingress ? ['ingress'] : [])],
    };
    bandNodes.set(node, band);
  }
  return band;
}

interface NetworkPart {
  color: string;
  node: GraphNode;
  edge: GraphEdge;
}

function networkPart(n: Network, color: string): NetworkPart {
  const kept = networkParts.get(n);
  if (kept?.color === color) return kept;
  const subnets = n.subnets.map((s) => s.subnet).join(', ');
  const flags = [n.internal && 'internal', n.attachable && 'attachable', n.ipv6 && 'IPv6'].filter(Boolean).join(' · ');
  const part: NetworkPart = {
    color,
    node: {
      id: id.networkNodeId(n.id),
      kind: 'network',
      label: [n.name, subnets, flags].filter(Boolean).join('\n'),
      parent: id.scopeId(n.scope),
      classes: ['network', `driver-${n.driver}`, ...flagClasses(n)],
      data: { networkId: n.id, name: n.name, driver: n.driver, scope: n.scope, color },
    },
    edge: {
      id: id.driverEdgeId(n.driver, n.id),
      kind: 'driver',
      source: id.driverId(n.driver),
      target: id.networkNodeId(n.id),
      label: '',
      classes: ['driver-edge'],
      data: { color: driverColor(n.driver) },
    },
  };
  networkParts.set(n, part);
  return part;
}

/** What a container's elements read beyond the container itself. */
interface PartReads {
  engineId: string;
  home: string;
  homeShown: boolean;
  /** Its endpoints on shown networks, and each one's network colour. */
  attached: readonly Endpoint[];
  colors: readonly string[];
}

interface ContainerPart {
  reads: PartReads;
  node: GraphNode;
  attachments: GraphEdge[];
  /** Each published mapping: its port node and host edge, drawn once per port, and its publish edge. */
  bindings: { port: GraphNode; hostPort: GraphEdge; publish: GraphEdge }[];
}

function sameReads(a: PartReads, b: PartReads): boolean {
  return (
    a.engineId === b.engineId &&
    a.home === b.home &&
    a.homeShown === b.homeShown &&
    a.attached.length === b.attached.length &&
    a.attached.every((e, i) => e === b.attached[i] && a.colors[i] === b.colors[i])
  );
}

/** What stands for the address of an attachment the Engine has not given one yet. */
export const NO_ADDRESS = 'no address until it starts';

/**
 * A container's address on one network, or NO_ADDRESS when it is attached
 * but not running: `docker network connect` on a stopped container records
 * the attachment, and the Engine picks the address when it starts.
 */
/** What a container whose every network was removed under it shows instead of an address. */
export const NETWORK_GONE = 'its network was removed';

export function addressOn(c: Pick<Container, 'state'>, e: Pick<Endpoint, 'ipv4' | 'ipv6'> | undefined): string {
  return e?.ipv4 || e?.ipv6 || (e && c.state !== 'running' && c.state !== 'paused' ? NO_ADDRESS : '');
}

function containerPart(c: Container, reads: PartReads): ContainerPart {
  const { engineId, home, homeShown, attached, colors } = reads;
  const ctr = id.containerNodeId(c.id);
  const homeEndpoint = c.endpoints.find((e) => e.networkId === home);
  // On networks, none of them drawn: they are gone (see isShown), and it cannot start until it leaves them.
  const address = c.endpoints.length > 0 && attached.length === 0 && !homeShown ? NETWORK_GONE : addressOn(c, homeEndpoint);
  const waiting = address === NO_ADDRESS;
  const part: ContainerPart = {
    reads,
    node: {
      id: ctr,
      kind: 'container',
      label: `${c.name}\n${address || c.state}`,
      ...(homeShown ? { parent: id.networkNodeId(home) } : {}),
      classes: [
        'container',
        `state-${c.state}`,
        ...(waiting ? ['no-address'] : []),
        ...(isRoot(c) ? ['root'] : []),
        ...(c.ports.some(isExposed) ? ['exposed'] : []),
      ],
      data: {
        containerId: c.id,
        name: c.name,
        image: c.image,
        state: c.state,
        user: c.user,
        primaryNetwork: home,
        ip: waiting ? '' : address,
        project: c.labels[COMPOSE_PROJECT] ?? '',
      },
    },
    attachments: [],
    bindings: [],
  };
  // The home network holds the container inside its box; only the other networks need an edge.
  attached.forEach((e, i) => {
    if (e.networkId === home) return;
    const label = addressOn(c, e);
    part.attachments.push({
      id: id.attachmentId(e.networkId, c.id),
      kind: 'attachment',
      source: id.networkNodeId(e.networkId),
      target: ctr,
      label,
      classes: ['attachment', `state-${c.state}`, ...(label === NO_ADDRESS ? ['no-address'] : [])],
      data: { color: colors[i]!, ipv4: e.ipv4, ipv6: e.ipv6 },
    });
  });
  for (const binding of publishedBindings(c.ports)) {
    const p = binding.primary;
    const port = id.portNodeId(p);
    const cls = bindingClass(p);
    part.bindings.push({
      port: {
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
      },
      hostPort: {
        id: id.hostPortEdgeId(engineId, p),
        kind: 'host-port',
        source: id.hostId(engineId),
        target: port,
        label: '',
        classes: ['host-port', cls],
        data: {},
      },
      publish: {
        id: id.publishId(p, c.id),
        kind: 'publish',
        source: port,
        target: ctr,
        label: `→ ${p.containerPort}/${p.protocol}`,
        classes: ['publish', cls],
        data: {},
      },
    });
  }
  return part;
}

/**
 * The network a container is drawn inside: the one it was run on (its network
 * mode) when it is still attached there, else its first user-defined network,
 * else its first. Filters never change it, so a container keeps its place.
 */
export function homeNetwork(c: Pick<Container, 'networkMode' | 'endpoints'>): string {
  const endpoints = c.endpoints.filter((e) => e.networkId);
  // `docker run` without --network says "default": the bridge network, on Linux.
  const mode = c.networkMode === 'default' ? 'bridge' : c.networkMode;
  return (
    endpoints.find((e) => e.networkName === mode || e.networkId === mode)?.networkId ??
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
