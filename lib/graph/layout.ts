import type { GraphElements, GraphNode } from './elements';
import { driverOrder, scopeOrder } from './elements';

export interface Point {
  x: number;
  y: number;
}
export type Positions = Map<string, Point>;

const CELL_W = 190;
const CELL_H = 100;
const COLUMN_GAP = 60;
/** From a network down to its first row of containers. */
const MEMBERS_DY = 120;
/** From a container down to the ports it publishes. */
const PORT_DY = 110;
const PORT_W = 190;
/** From a driver down to its networks. */
const DRIVER_DY = 130;
const ROW_GAP = 100;
const HOST_GAP = 150;
/** The picture aims at a screen's shape, so fitting it keeps labels readable. */
const ASPECT = 1.8;
/** Two nodes closer than this, in both directions, overlap. */
export const CLEAR_W = 160;
export const CLEAR_H = 80;

interface Column {
  network: GraphNode;
  members: GraphNode[];
  /** Port nodes of the members, in member order. */
  ports: string[];
  /** The member each port belongs to. */
  owner: Map<string, string>;
  cols: number;
  width: number;
  height: number;
}

/**
 * The whole picture laid out from scratch. Each network heads a column: the
 * containers it is first for in a grid below it, the ports they publish below
 * them. Columns flow in rows shaped like a screen, ordered by scope, driver and
 * name; a new scope starts a new row; each driver sits above its first
 * networks; the host sits at the bottom. Deterministic: the same elements
 * always give the same positions.
 */
export function layoutAll(elements: GraphElements): Positions {
  const positions: Positions = new Map();
  const publishers = publishedPorts(elements);
  const members = groupByPrimary(elements);
  const columns: Column[] = elements.nodes
    .filter((n) => n.kind === 'network')
    .sort(networkOrder)
    .map((network) => column(network, members.get(network.id) ?? [], publishers));
  const orphans = members.get('') ?? [];

  if (orphans.length) columns.push(column({ id: '', kind: 'network', label: '', classes: [], data: {} }, orphans, publishers));
  const flow = bestFlow(columns);
  flow.places.forEach((place, i) => placeColumn(columns[i]!, place.left, place.top, positions));
  positions.delete('');
  const { top, rowHeight } = flow;

  for (const driver of elements.nodes.filter((n) => n.kind === 'driver')) {
    const nets = networksOf(elements, driver.id)
      .map((id) => positions.get(id))
      .filter((p) => p !== undefined);
    const firstRow = Math.min(...nets.map((p) => p.y));
    const xs = nets.filter((p) => p.y === firstRow).map((p) => p.x);
    positions.set(driver.id, {
      x: xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0,
      y: (Number.isFinite(firstRow) ? firstRow : DRIVER_DY) - DRIVER_DY,
    });
  }
  spreadRows(
    elements.nodes.filter((n) => n.kind === 'driver').map((n) => n.id),
    positions,
    CELL_W,
  );

  const host = elements.nodes.find((n) => n.kind === 'host');
  if (host) {
    const xs = [...positions.values()].map((p) => p.x);
    const center = xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : 0;
    positions.set(host.id, { x: center, y: top + rowHeight + HOST_GAP });
  }
  return positions;
}

interface Flow {
  places: { left: number; top: number }[];
  top: number;
  rowHeight: number;
  width: number;
  height: number;
}

/** Columns flowed into rows no wider than maxWidth; a new scope starts a new row. */
function flowColumns(columns: Column[], maxWidth: number): Flow {
  const places: Flow['places'] = [];
  let x = 0;
  let top = DRIVER_DY;
  let rowHeight = 0;
  let width = 0;
  let scope: unknown = undefined;
  for (const c of columns) {
    const newScope = scope !== undefined && c.network.data.scope !== scope && c.network.id !== '';
    if (x > 0 && (x + c.width > maxWidth || newScope)) {
      top += rowHeight + ROW_GAP + DRIVER_DY;
      x = 0;
      rowHeight = 0;
    }
    scope = c.network.data.scope;
    places.push({ left: x, top });
    width = Math.max(width, x + c.width);
    x += c.width + COLUMN_GAP;
    rowHeight = Math.max(rowHeight, c.height);
  }
  return { places, top, rowHeight, width, height: top + rowHeight + HOST_GAP };
}

/** Of all the row widths the columns allow, the one whose picture is closest to a screen's shape. */
function bestFlow(columns: Column[]): Flow {
  let best = flowColumns(columns, Infinity);
  let sum = 0;
  for (const c of columns) {
    sum += c.width + COLUMN_GAP;
    const flow = flowColumns(columns, sum);
    if (Math.abs(Math.log(flow.width / flow.height / ASPECT)) < Math.abs(Math.log(best.width / best.height / ASPECT))) best = flow;
  }
  return best;
}

function column(network: GraphNode, members: GraphNode[], publishers: Map<string, string[]>): Column {
  const cols = columnsFor(members.length);
  const ports = members.flatMap((m) => publishers.get(m.id) ?? []);
  const owner = new Map(members.flatMap((m) => (publishers.get(m.id) ?? []).map((p) => [p, m.id] as const)));
  const rows = Math.ceil(members.length / cols);
  const width = Math.max(cols * CELL_W, ports.length ? Math.min(ports.length, cols + 1) * PORT_W : 0, CELL_W);
  const height = MEMBERS_DY + Math.max(0, rows - 1) * CELL_H + (ports.length ? PORT_DY * Math.ceil(ports.length / Math.floor(width / PORT_W)) : 0);
  return { network, members, ports, owner, cols, width, height };
}

function placeColumn(c: Column, left: number, top: number, positions: Positions): void {
  positions.set(c.network.id, { x: left + c.width / 2, y: top });
  const gridLeft = left + (c.width - c.cols * CELL_W) / 2;
  c.members.forEach((m, i) =>
    positions.set(m.id, { x: gridLeft + ((i % c.cols) + 0.5) * CELL_W, y: top + MEMBERS_DY + Math.floor(i / c.cols) * CELL_H }),
  );
  if (c.ports.length === 0) return;
  const portTop = top + MEMBERS_DY + (Math.ceil(c.members.length / c.cols) - 1) * CELL_H + PORT_DY;
  // Under their own containers, pushed apart where they would overlap, kept inside the column.
  const perRow = Math.max(1, Math.floor(c.width / PORT_W));
  const wanted = c.ports
    .map((p) => ({ id: p, x: positions.get(c.owner.get(p) ?? '')?.x ?? left }))
    .sort((a, b) => a.x - b.x || a.id.localeCompare(b.id));
  for (let row = 0; row * perRow < wanted.length; row++) {
    const slice = wanted.slice(row * perRow, (row + 1) * perRow);
    const xs: number[] = [];
    for (const [i, w] of slice.entries()) xs.push(i === 0 ? Math.max(w.x, left + PORT_W / 2) : Math.max(w.x, xs[i - 1]! + PORT_W));
    // Pulled back from the right edge by closing gaps, not by shifting the whole row, so the first port stays inside the column too.
    for (let i = xs.length - 1; i >= 0; i--) xs[i] = Math.min(xs[i]!, i === xs.length - 1 ? left + c.width - PORT_W / 2 : xs[i + 1]! - PORT_W);
    slice.forEach((w, i) => positions.set(w.id, { x: xs[i]!, y: portTop + row * PORT_DY }));
  }
}

/**
 * Places only the nodes that have no position yet, next to their neighbours,
 * on free ground. Nodes already on screen never move.
 */
export function placeNew(elements: GraphElements, existing: Positions): Positions {
  const positions: Positions = new Map(existing);
  const added: Positions = new Map();
  const order: GraphNode['kind'][] = ['network', 'driver', 'container', 'group', 'port', 'host'];
  const fresh = elements.nodes
    .filter((n) => n.kind !== 'scope' && !positions.has(n.id))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const node of fresh) {
    const ideal = idealSpot(node, elements, positions);
    const spot = freeSpot(ideal.point, ideal.step, positions, ideal.reach);
    positions.set(node.id, spot);
    added.set(node.id, spot);
  }
  return added;
}

/** Where a node would go, the grid it snaps to, and how far along its row it may look before going down a row. */
function idealSpot(node: GraphNode, elements: GraphElements, positions: Positions): { point: Point; step: Point; reach: number } {
  const at = (id: string | undefined) => (id ? positions.get(id) : undefined);
  switch (node.kind) {
    case 'network': {
      // The end of the last row of networks of the same scope, else a new row below everything.
      const peers = elements.nodes
        .filter((n) => n.kind === 'network' && n.data.scope === node.data.scope && positions.has(n.id))
        .map((n) => positions.get(n.id)!);
      const lastRow = Math.max(...peers.map((p) => p.y));
      if (peers.length) {
        const rowRight = Math.max(...[...positions.values()].filter((p) => p.y >= lastRow && p.y < lastRow + MEMBERS_DY).map((p) => p.x));
        return { point: { x: rowRight + CELL_W + COLUMN_GAP, y: lastRow }, step: { x: CELL_W, y: 0 }, reach: 4 };
      }
      return { point: { x: 0, y: bottom(positions, elements) + ROW_GAP + DRIVER_DY }, step: { x: CELL_W, y: 0 }, reach: 60 };
    }
    case 'driver': {
      const net = at(networksOf(elements, node.id).find((id) => positions.has(id)));
      return { point: { x: net?.x ?? 0, y: (net?.y ?? DRIVER_DY) - DRIVER_DY }, step: { x: CELL_W, y: 0 }, reach: 60 };
    }
    case 'container':
    case 'group': {
      const net = at(`net:${String(node.data.primaryNetwork ?? node.data.networkId ?? '')}`);
      if (net) return { point: { x: net.x, y: net.y + MEMBERS_DY }, step: { x: CELL_W, y: CELL_H }, reach: 2 };
      return { point: { x: rightmost(positions) + CELL_W, y: DRIVER_DY + MEMBERS_DY }, step: { x: CELL_W, y: CELL_H }, reach: 2 };
    }
    case 'port': {
      const owner = at(publishTarget(elements, node.id));
      return { point: { x: owner?.x ?? 0, y: (owner?.y ?? bottom(positions, elements)) + PORT_DY }, step: { x: PORT_W, y: PORT_DY }, reach: 3 };
    }
    default:
      return { point: { x: 0, y: bottom(positions, elements) + HOST_GAP }, step: { x: CELL_W, y: 0 }, reach: 60 };
  }
}

/** The nearest spot to `ideal` that overlaps no node: along the row first, then row by row downwards. */
function freeSpot(ideal: Point, step: Point, positions: Positions, reach: number): Point {
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

/** Pushes apart nodes that share a row, left to right, so none overlaps its neighbour. */
function spreadRows(ids: string[], positions: Positions, gap: number): void {
  const row = ids.map((id) => ({ id, p: positions.get(id) })).filter((r): r is { id: string; p: Point } => r.p !== undefined);
  row.sort((a, b) => a.p.y - b.p.y || a.p.x - b.p.x || a.id.localeCompare(b.id));
  for (let i = 1; i < row.length; i++) {
    const prev = row[i - 1]!.p;
    const cur = row[i]!;
    if (cur.p.y === prev.y && cur.p.x < prev.x + gap) positions.set(cur.id, (cur.p = { x: prev.x + gap, y: cur.p.y }));
  }
}

/** A little wider than tall, so a network's few containers sit side by side under it. */
function columnsFor(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count * 1.5)));
}

function bottom(positions: Positions, elements: GraphElements): number {
  const host = elements.nodes.find((n) => n.kind === 'host')?.id;
  const ys = [...positions].filter(([id]) => id !== host).map(([, p]) => p.y);
  return ys.length ? Math.max(...ys) : 0;
}

function rightmost(positions: Positions): number {
  const xs = [...positions.values()].map((p) => p.x);
  return xs.length ? Math.max(...xs) : 0;
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

/** Port node ids by the container node that publishes them. */
function publishedPorts(elements: GraphElements): Map<string, string[]> {
  const ports = new Map<string, string[]>();
  for (const e of elements.edges) if (e.kind === 'publish') ports.set(e.target, [...(ports.get(e.target) ?? []), e.source]);
  return ports;
}

function networksOf(elements: GraphElements, driverNodeId: string): string[] {
  return elements.edges.filter((e) => e.kind === 'driver' && e.source === driverNodeId).map((e) => e.target);
}

function publishTarget(elements: GraphElements, portNodeId: string): string | undefined {
  return elements.edges.find((e) => e.kind === 'publish' && e.source === portNodeId)?.target;
}
