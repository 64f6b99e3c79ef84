import type { GraphNode } from './elements';
import {
  CELL_W,
  DRIVER_COL,
  GAP,
  gridRect,
  overlaps,
  PAD,
  PORT_LINE,
  SCOPE_GAP,
  SWARM_NODE_H,
  SWARM_NODE_W,
  SWARM_ORIGIN,
  TOP,
  union,
  type Arrangement,
  type Grid,
  type Point,
  type Rect,
} from './layout';
import { NO_OVERLAY } from './swarm';

// Where the swarm is drawn, and how it stays put. One column per node, in the order the nodes arrived, each headed
// by its node's card; column 0 holds the services. One row (a band) per overlay network, ingress first; a task sits
// in its node's column of its service's band. Every band has the same corner x and the same columns, so a task
// moving to another node moves along its band, and nothing else needs to.

/** What the swarm's arrangement needs to know of the elements. */
export interface SwarmInput {
  /** Band network nodes, in the order of the elements. */
  bands: GraphNode[];
  /** Swarm node cards, in the order of the elements (by hostname). */
  machines: GraphNode[];
  /** Cells by band id (a network node id, or NO_OVERLAY): mesh ports, services, tasks, plain containers. */
  members: Map<string, GraphNode[]>;
  /** The node card of the engine Portolan talks to: its plain containers run there. */
  self: string;
  /** Port lines each member needs under it. */
  ports: Map<string, string[]>;
}

/** The first band of a fresh arrangement is ingress, the routing mesh, right under the nodes' cards. */
function bandOrder(input: SwarmInput): string[] {
  const ingress = input.bands.filter((b) => b.classes.includes('ingress'));
  const others = input.bands.filter((b) => !b.classes.includes('ingress'));
  return [...ingress, ...others].map((b) => b.id).concat(input.members.get(NO_OVERLAY)?.length ? [NO_OVERLAY] : []);
}

const KIND_RANK: Record<string, number> = { port: 0, service: 1, task: 2, container: 3, group: 3 };

function memberOrder(a: GraphNode, b: GraphNode): number {
  return (
    (KIND_RANK[a.kind] ?? 4) - (KIND_RANK[b.kind] ?? 4) ||
    Number(a.data.publishedPort ?? 0) - Number(b.data.publishedPort ?? 0) ||
    String(a.data.name ?? a.label).localeCompare(String(b.data.name ?? b.label), 'en', { numeric: true }) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The rows a member shares with its kin, read like `docker service ps`: a service's card and its tasks; a published
 * port of the routing mesh on every node; the plain containers.
 */
function rowGroup(m: GraphNode): string {
  if (m.kind === 'port') return `mesh:${String(m.data.serviceId)}:${String(m.data.publishedPort)}/${String(m.data.protocol)}`;
  if (m.kind === 'service' || m.kind === 'task') return `svc:${String(m.data.serviceId)}`;
  return 'containers';
}

/** Groups in the order a fresh band stacks them: mesh ports by port, services by name, then plain containers. */
function groupOrder(members: readonly GraphNode[]): string[] {
  const rank = (key: string) => (key.startsWith('mesh:') ? 0 : key.startsWith('svc:') ? 1 : 2);
  const sortKey = new Map<string, string>();
  for (const m of [...members].sort(memberOrder)) {
    const key = rowGroup(m);
    // A service's rows go by its name: its card's, else its first task's ("web.2" → "web").
    if (!sortKey.has(key) || m.kind === 'service')
      sortKey.set(key, m.kind === 'port' ? String(m.data.publishedPort).padStart(6, '0') : String(m.data.name ?? m.label).replace(/\.\d+$/, ''));
  }
  return [...sortKey.keys()].sort(
    (a, b) => rank(a) - rank(b) || sortKey.get(a)!.localeCompare(sortKey.get(b)!, 'en', { numeric: true }) || a.localeCompare(b),
  );
}

export const columnX = (origin: Point, column: number): number => origin.x + PAD + (column + 0.5) * CELL_W;
const columnAt = (origin: Point, x: number): number => Math.round((x - origin.x - PAD) / CELL_W - 0.5);
const headerY = (origin: Point): number => origin.y + SWARM_NODE_H / 2;
const firstBandY = (origin: Point): number => origin.y + SWARM_NODE_H + GAP;

/** The column a member belongs in: its node's (a task, a mesh port, a plain container of this engine), else 0. */
function columnOf(member: GraphNode, columns: ReadonlyMap<string, number>, self: string): number {
  const node = member.kind === 'task' || member.kind === 'port' ? `node:${String(member.data.nodeId ?? '')}` : member.kind === 'service' ? '' : self;
  return columns.get(node) ?? 0;
}

const portLines = (ports: ReadonlyMap<string, string[]>, id: string | null) => (id ? (ports.get(id)?.length ?? 0) : 0);

/**
 * A band holding its members, each in its column, kin sharing rows (a service's card, then its tasks across the
 * nodes), with a free row at the bottom for one more.
 */
function newBand(
  members: readonly GraphNode[],
  cols: number,
  column: (m: GraphNode) => number,
  ports: ReadonlyMap<string, string[]>,
  ingress: boolean,
): Grid {
  const cells: (string | null)[] = [];
  for (const key of groupOrder(members)) {
    const stacks: string[][] = Array.from({ length: cols }, () => []);
    for (const m of members.filter((x) => rowGroup(x) === key).sort(memberOrder)) stacks[column(m)]!.push(m.id);
    const rows = Math.max(...stacks.map((st) => st.length));
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push(stacks[c]![r] ?? null);
  }
  if (members.length) cells.push(...Array<null>(cols).fill(null));
  const rows = cells.length / cols;
  const lines = Array.from({ length: rows }, (_, r) => Math.max(0, ...cells.slice(r * cols, (r + 1) * cols).map((c) => portLines(ports, c))));
  // The routing mesh's band holds its ports alone, a port line a row.
  return { x: 0, y: 0, cols, rows: lines, cells, ...(ingress ? { cell: PORT_LINE } : {}) };
}

const isIngress = (input: SwarmInput, band: string) => input.bands.some((b) => b.id === band && b.classes.includes('ingress'));

/**
 * The swarm laid out afresh from (left, top): the node cards in a row, in the order of the elements, then the bands
 * one under another. Deterministic: the same elements always give the same places.
 */
export function arrangeSwarm(
  input: SwarmInput,
  left: number,
  top: number,
): { grids: Record<string, Grid>; fixed: Record<string, Point>; right: number; bottom: number } {
  const origin = { x: left, y: top };
  const columns = new Map(input.machines.map((m, i) => [m.id, i + 1]));
  const cols = input.machines.length + 1;
  const fixed: Record<string, Point> = { [SWARM_ORIGIN]: origin };
  for (const [id, c] of columns) fixed[id] = { x: columnX(origin, c), y: headerY(origin) };
  const grids: Record<string, Grid> = {};
  let y = firstBandY(origin);
  for (const band of bandOrder(input)) {
    const g = newBand(input.members.get(band) ?? [], cols, (m) => columnOf(m, columns, input.self), input.ports, isIngress(input, band));
    Object.assign(g, { x: left, y });
    grids[band] = g;
    y += gridRect(g).h + GAP;
  }
  return { grids, fixed, right: left + 2 * PAD + cols * CELL_W, bottom: Math.max(y - GAP, top + SWARM_NODE_H) };
}

/** The grid `cols` columns wide, every cell keeping its row and column. */
function widenedTo(g: Grid, cols: number): Grid {
  if (g.cols >= cols) return g;
  const cells: (string | null)[] = Array.from({ length: g.rows.length * cols }, () => null);
  g.cells.forEach((c, i) => (cells[Math.floor(i / g.cols) * cols + (i % g.cols)] = c));
  return { ...g, cols, cells };
}

/** A band keeps one free row at its bottom for the next task, and gives back the rest. */
function withoutSpareRows(g: Grid): Grid {
  const empty = (r: number) => g.cells.slice(r * g.cols, (r + 1) * g.cols).every((c) => c === null);
  let rows = g.rows.length;
  while (rows >= 2 && empty(rows - 1) && empty(rows - 2)) rows--;
  if (rows === 1 && empty(0)) rows = 0;
  return rows === g.rows.length ? g : { ...g, rows: g.rows.slice(0, rows), cells: g.cells.slice(0, rows * g.cols) };
}

/**
 * The band with the member in its column: in a free cell of a row its kin hold, else of an empty row, else of any
 * row (a row with room for its ports first, each time); else in a new row at the bottom.
 */
function withMember(g: Grid, member: GraphNode, column: number, ports: number, groupOf: (id: string) => string | undefined): Grid {
  const free = (r: number) => g.cells[r * g.cols + column] === null;
  const groups = g.rows.map((_, r) => new Set(g.cells.slice(r * g.cols, (r + 1) * g.cols).flatMap((c) => (c ? [groupOf(c) ?? ''] : []))));
  const key = rowGroup(member);
  let row = -1;
  for (const fits of [(r: number) => groups[r]!.has(key), (r: number) => groups[r]!.size === 0, () => true])
    for (const roomy of [true, false]) if (row < 0) row = g.rows.findIndex((lines, r) => free(r) && fits(r) && (!roomy || lines >= ports));
  const grown = row < 0 ? { ...g, rows: [...g.rows, ports], cells: [...g.cells, ...Array<null>(g.cols).fill(null)] } : g;
  if (row < 0) row = g.rows.length;
  const cells = [...grown.cells];
  cells[row * g.cols + column] = member.id;
  const rows = grown.rows[row]! >= ports ? grown.rows : grown.rows.map((lines, r) => (r === row ? ports : lines));
  return { ...grown, rows, cells };
}

/**
 * The swarm after a change, written into `grids` and `fixed` (which hold the rest of the map as it now stands):
 * a node that left frees its column, a new node takes the first free one; a task or container that left, or moved
 * to another node or band, frees its cell, and one that arrived takes a free cell of its column, the band growing a
 * row only when the column is full. A band that grows into its neighbour moves whole below the lowest band; nothing
 * else moves. A new band opens below the lowest.
 */
export function rearrangeSwarm(
  previous: Arrangement,
  input: SwarmInput,
  grids: Record<string, Grid>,
  fixed: Record<string, Point>,
  /** The ground everything on the map takes but one box (the swarm's own cards and bands included). */
  obstacles: (except: string) => Rect[],
): void {
  let origin = previous.fixed[SWARM_ORIGIN];
  // A band's grid of before, if there was a swarm then: a network that was a box of its own starts its band afresh.
  const bandBefore = (band: string) => (origin && previous.grids[band]?.x === origin.x ? previous.grids[band] : undefined);
  if (!origin) {
    // The swarm appeared (the Engine became a manager): a new scope, on free ground right of everything.
    const rects = Object.values(grids).map(gridRect);
    origin = { x: rects.length ? Math.max(...rects.map((r) => r.x + r.w)) + SCOPE_GAP + DRIVER_COL : DRIVER_COL, y: TOP };
  }
  fixed[SWARM_ORIGIN] = origin;

  const columns = new Map<string, number>();
  for (const m of input.machines) {
    const was = previous.fixed[m.id];
    if (was) columns.set(m.id, columnAt(origin, was.x));
  }
  const used = new Set(columns.values());
  for (const m of input.machines) {
    if (columns.has(m.id)) continue;
    let c = 1;
    while (used.has(c)) c++;
    used.add(c);
    columns.set(m.id, c);
  }
  const cols = Math.max(1, ...[...columns.values()].map((c) => c + 1), ...bandOrder(input).map((b) => bandBefore(b)?.cols ?? 0));
  for (const [id, c] of columns) fixed[id] = previous.fixed[id] ?? { x: columnX(origin, c), y: headerY(origin) };

  const order = bandOrder(input);
  const column = (m: GraphNode) => columnOf(m, columns, input.self);
  const members = new Map(order.map((band) => [band, new Map((input.members.get(band) ?? []).map((m) => [m.id, m]))]));
  const placed = new Set<string>();
  // Bands that stay: the cells of members that left, or changed node, are freed.
  for (const band of order) {
    const was = bandBefore(band);
    if (!was) continue;
    let g = widenedTo(was, cols);
    const mine = members.get(band)!;
    let cells = g.cells;
    for (const [i, c] of g.cells.entries()) {
      if (c === null) continue;
      const m = mine.get(c);
      if (m && column(m) === i % g.cols) placed.add(c);
      else {
        if (cells === g.cells) cells = [...g.cells];
        cells[i] = null;
      }
    }
    if (cells !== g.cells) g = withoutSpareRows({ ...g, cells });
    grids[band] = g === was ? was : g;
  }
  const lowest = () => Math.max(firstBandY(origin) - GAP, ...order.filter((b) => grids[b]).map((b) => gridRect(grids[b]!).y + gridRect(grids[b]!).h));
  for (const band of order) {
    if (grids[band]) continue;
    const fresh = [...members.get(band)!.values()];
    const g = newBand(fresh, cols, column, input.ports, isIngress(input, band));
    Object.assign(g, { x: origin.x, y: lowest() + GAP });
    for (const m of fresh) placed.add(m.id);
    grids[band] = g;
  }
  for (const band of order) {
    const mine = members.get(band)!;
    const groupOf = (id: string) => {
      const m = mine.get(id);
      return m && rowGroup(m);
    };
    const arrivals = [...mine.values()].filter((m) => !placed.has(m.id)).sort(memberOrder);
    let g = grids[band]!;
    for (const m of arrivals) g = withMember(g, m, column(m), input.ports.get(m.id)?.length ?? 0, groupOf);
    // Ports that appear later (a task started) may need more lines than its row keeps.
    let rows = g.rows;
    for (const [i, c] of g.cells.entries()) {
      const need = portLines(input.ports, c);
      const row = Math.floor(i / g.cols);
      if (need > rows[row]!) rows = rows.map((lines, r) => (r === row ? need : lines));
    }
    if (rows !== g.rows) g = { ...g, rows };
    grids[band] = g;
  }
  // A band that grew into what lies under it moves whole below the lowest band: only what changed moves.
  for (const band of order) {
    const g = grids[band]!;
    const was = bandBefore(band);
    if (was && gridRect(g).h <= gridRect(was).h) continue;
    const others = obstacles(band);
    if (!others.some((o) => overlaps(gridRect(g), o, GAP / 2))) continue;
    const moved = {
      ...g,
      y: Math.max(...order.filter((b) => b !== band).map((b) => gridRect(grids[b]!).y + gridRect(grids[b]!).h), firstBandY(origin) - GAP) + GAP,
    };
    while (others.some((o) => overlaps(gridRect(moved), o, GAP / 2))) moved.y += GAP;
    grids[band] = moved;
  }
}

/** The ground the swarm takes: its node cards and its bands, for the frame of its scope. */
export function swarmRect(
  grids: Record<string, Grid>,
  fixed: Record<string, Point>,
  bandIds: readonly string[],
  machines: readonly string[],
): Rect | null {
  let r: Rect | null = null;
  for (const id of bandIds) if (grids[id]) r = r ? union(r, gridRect(grids[id])) : gridRect(grids[id]);
  for (const id of machines) {
    const p = fixed[id];
    if (!p) continue;
    const card = { x: p.x - SWARM_NODE_W / 2, y: p.y - SWARM_NODE_H / 2, w: SWARM_NODE_W, h: SWARM_NODE_H };
    r = r ? union(r, card) : card;
  }
  return r;
}
