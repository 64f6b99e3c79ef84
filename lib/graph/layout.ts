import type { GraphElements, GraphNode } from './elements';
import { driverOrder, scopeOrder } from './elements';

export interface Point {
  x: number;
  y: number;
}
export type Positions = Map<string, Point>;

// Bands from top to bottom: drivers, networks, containers, published ports, the host.
const DRIVER_Y = 0;
const NETWORK_Y = 170;
const CONTAINER_Y = 330;
const CELL_W = 190;
const CELL_H = 110;
const COLUMN_GAP = 70;
const PORT_GAP = 150;
const PORT_W = 190;
const HOST_GAP = 150;
/** Two nodes closer than this, in both directions, overlap. */
const CLEAR_W = 160;
const CLEAR_H = 80;

/** Nodes whose position the view sets; scope groups take the box of their networks. */
const placed = (n: GraphNode) => n.kind !== 'scope';

/**
 * The whole picture laid out from scratch: drivers above their networks,
 * each network above a grid of the containers it is first for, published
 * ports below their containers, the host at the bottom. Deterministic: the
 * same elements always give the same positions.
 */
export function layoutAll(elements: GraphElements): Positions {
  const positions: Positions = new Map();
  const networks = elements.nodes.filter((n) => n.kind === 'network').sort(networkOrder);
  const members = groupByPrimary(elements);
  let left = 0;
  for (const net of networks) {
    const children = members.get(net.id) ?? [];
    const cols = columnsFor(children.length);
    const width = Math.max(1, cols) * CELL_W;
    positions.set(net.id, { x: left + width / 2, y: NETWORK_Y });
    children.forEach((child, i) =>
      positions.set(child.id, { x: left + ((i % cols) + 0.5) * CELL_W, y: CONTAINER_Y + Math.floor(i / cols) * CELL_H }),
    );
    left += width + COLUMN_GAP;
  }
  const orphans = members.get('') ?? [];
  const cols = columnsFor(orphans.length);
  orphans.forEach((child, i) => positions.set(child.id, { x: left + ((i % cols) + 0.5) * CELL_W, y: CONTAINER_Y + Math.floor(i / cols) * CELL_H }));

  for (const driver of elements.nodes.filter((n) => n.kind === 'driver')) {
    const xs = networksOf(elements, driver.id).map((id) => positions.get(id)?.x ?? 0);
    positions.set(driver.id, { x: xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0, y: DRIVER_Y });
  }
  spreadRow(
    elements.nodes.filter((n) => n.kind === 'driver').map((n) => n.id),
    positions,
    CELL_W,
  );

  const bottom = Math.max(CONTAINER_Y, ...[...positions.values()].map((p) => p.y));
  const portY = bottom + PORT_GAP;
  const ports = elements.nodes.filter((n) => n.kind === 'port');
  for (const port of ports) {
    const owner = positions.get(publishTarget(elements, port.id) ?? '');
    positions.set(port.id, { x: owner?.x ?? 0, y: portY });
  }
  spreadRow(
    ports.map((p) => p.id),
    positions,
    PORT_W,
  );

  const host = elements.nodes.find((n) => n.kind === 'host');
  if (host) {
    const xs = [...positions.values()].map((p) => p.x);
    const center = xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0;
    positions.set(host.id, { x: center, y: (ports.length ? portY : bottom) + HOST_GAP });
  }
  return positions;
}

/**
 * Places only the nodes that have no position yet, next to their neighbours,
 * on free ground. Nodes already on screen never move.
 */
export function placeNew(elements: GraphElements, existing: Positions): Positions {
  const positions: Positions = new Map(existing);
  const added = new Map<string, Point>();
  const order: GraphNode['kind'][] = ['host', 'driver', 'network', 'container', 'group', 'port'];
  const fresh = elements.nodes.filter((n) => placed(n) && !positions.has(n.id)).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const node of fresh) {
    const ideal = idealSpot(node, elements, positions);
    const spot = freeSpot(ideal.point, ideal.step, positions, ideal.reach);
    positions.set(node.id, spot);
    added.set(node.id, spot);
  }
  return added;
}

/** Where a node would go, the grid it snaps to, and how far along its row it may look before going down a row. */
function idealSpot(node: GraphNode, elements: GraphElements, positions: Positions): { point: Point; step: Point; reach?: number } {
  const all = [...positions.values()];
  const rightmost = (y: number) => Math.max(-COLUMN_GAP - CELL_W, ...all.filter((p) => Math.abs(p.y - y) < CLEAR_H).map((p) => p.x));
  switch (node.kind) {
    case 'network':
      return { point: { x: rightmost(NETWORK_Y) + CELL_W + COLUMN_GAP, y: NETWORK_Y }, step: { x: CELL_W, y: 0 } };
    case 'driver': {
      const nets = networksOf(elements, node.id)
        .map((id) => positions.get(id))
        .filter((p) => p !== undefined);
      return { point: { x: nets[0]?.x ?? rightmost(DRIVER_Y) + CELL_W, y: DRIVER_Y }, step: { x: CELL_W, y: 0 } };
    }
    case 'container':
    case 'group': {
      const net = positions.get(`net:${String(node.data.primaryNetwork ?? node.data.networkId ?? '')}`);
      return { point: { x: net?.x ?? rightmost(CONTAINER_Y) + CELL_W, y: CONTAINER_Y }, step: { x: CELL_W, y: CELL_H }, reach: 2 };
    }
    case 'port': {
      const owner = positions.get(publishTarget(elements, node.id) ?? '');
      const portYs = elements.nodes.filter((n) => n.kind === 'port').map((n) => positions.get(n.id)?.y ?? 0);
      const lowest = Math.max(CONTAINER_Y, ...all.filter((p) => p !== positions.get(hostOf(elements) ?? '')).map((p) => p.y));
      const y = portYs.some((v) => v > 0) ? Math.max(...portYs) : lowest + PORT_GAP;
      return { point: { x: owner?.x ?? 0, y }, step: { x: PORT_W, y: 0 } };
    }
    default:
      return { point: { x: 0, y: Math.max(0, ...all.map((p) => p.y)) + HOST_GAP }, step: { x: CELL_W, y: 0 } };
  }
}

/** The nearest spot to `ideal` that overlaps no node: along the row first, then row by row downwards. */
function freeSpot(ideal: Point, step: Point, positions: Positions, reach = 60): Point {
  const taken = [...positions.values()];
  const free = (p: Point) => taken.every((q) => Math.abs(q.x - p.x) >= CLEAR_W || Math.abs(q.y - p.y) >= CLEAR_H);
  for (let row = 0; row < 1000; row++) {
    const y = ideal.y + row * (step.y || CLEAR_H);
    for (let k = 0; k <= reach; k++) {
      for (const o of k === 0 ? [0] : [k, -k]) {
        const p = { x: ideal.x + o * (step.x || CLEAR_W), y };
        if (free(p)) return p;
      }
    }
  }
  return ideal;
}

/** Pushes nodes of one row apart, left to right, so none overlaps its neighbour. */
function spreadRow(ids: string[], positions: Positions, gap: number): void {
  const row = ids.map((id) => ({ id, p: positions.get(id) })).filter((r): r is { id: string; p: Point } => r.p !== undefined);
  row.sort((a, b) => a.p.x - b.p.x || a.id.localeCompare(b.id));
  for (let i = 1; i < row.length; i++) {
    const prev = row[i - 1]!.p;
    const cur = row[i]!.p;
    if (cur.x < prev.x + gap) positions.set(row[i]!.id, (row[i]!.p = { x: prev.x + gap, y: cur.y }));
  }
}

/** A little wider than tall, so a network's few containers sit side by side under it. */
function columnsFor(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count * 1.5)));
}

function networkOrder(a: GraphNode, b: GraphNode): number {
  return (
    scopeOrder(String(a.data.scope), String(b.data.scope)) ||
    driverOrder(String(a.data.driver), String(b.data.driver)) ||
    String(a.data.name).localeCompare(String(b.data.name))
  );
}

/** Containers (or collapsed groups) by the network they are drawn under; '' for none. */
function groupByPrimary(elements: GraphElements): Map<string, GraphNode[]> {
  const groups = new Map<string, GraphNode[]>();
  for (const n of elements.nodes) {
    if (n.kind !== 'container' && n.kind !== 'group') continue;
    const net = String(n.kind === 'group' ? n.data.networkId : n.data.primaryNetwork);
    const key = net ? `net:${net}` : '';
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  return groups;
}

function networksOf(elements: GraphElements, driverNodeId: string): string[] {
  return elements.edges.filter((e) => e.kind === 'driver' && e.source === driverNodeId).map((e) => e.target);
}

function publishTarget(elements: GraphElements, portNodeId: string): string | undefined {
  return elements.edges.find((e) => e.kind === 'publish' && e.source === portNodeId)?.target;
}

function hostOf(elements: GraphElements): string | undefined {
  return elements.nodes.find((n) => n.kind === 'host')?.id;
}
