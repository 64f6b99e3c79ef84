import type { GraphElements, GraphNode } from './elements';
import { driverOrder, scopeOrder } from './elements';

export interface Point {
  x: number;
  y: number;
}
export type Positions = Map<string, Point>;

/** Where a node is drawn: its centre, and its size when it is a box (a network or a scope). */
export interface Placed extends Point {
  w?: number;
  h?: number;
}

/** One network's box: its top-left corner and a grid of container cells, each row with room for its ports. */
export interface Grid {
  x: number;
  y: number;
  cols: number;
  /** Port lines each row keeps under its containers. */
  rows: number[];
  /** Container node ids, row by row; null is a free cell. */
  cells: (string | null)[];
  /** Ground kept free around a box placed while the picture was live, so it can grow without running into a neighbour. */
  lot?: { w: number; h: number };
}

/**
 * The arrangement every viewer shares: where each network's box is and which
 * cell each container holds. It has a history: a change places only what is
 * new, so nothing already drawn moves unless it is what changed.
 */
export interface Arrangement {
  /** Changes when the whole picture is laid out again. */
  generation: number;
  /** By network node id; '' holds the containers that are on no network. */
  grids: Record<string, Grid>;
  /** Drivers and the host: placed once, where they were first drawn. */
  fixed: Record<string, Point>;
}

// Sizes in graph units (1 unit is 1 px at zoom 1). Styles draw nodes at these sizes.
export const CONTAINER_W = 184;
export const CONTAINER_H = 56;
export const PORT_W = 196;
export const PORT_H = 38;
export const DRIVER_SIZE = 64;
export const HOST_W = 320;
export const HOST_H = 84;
const CELL_W = 204;
const CELL_H = 84;
const PORT_LINE = 42;
const PAD = 14;
/** The network's name and subnet, at the top of its box. */
const HEAD = 58;
const GAP = 40;
const LANE_GAP = 64;
/** Left of each lane, where its driver sits. */
const DRIVER_COL = 120;
const SCOPE_GAP = 120;
const TOP = 0;
/** The picture aims at a screen's shape, so fitting it keeps labels readable. */
const ASPECT = 1.8;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The ground a box holds: the box, or its lot when that is larger. */
function footprint(g: Grid): Rect {
  const r = gridRect(g);
  return g.lot ? { ...r, w: Math.max(r.w, g.lot.w), h: Math.max(r.h, g.lot.h) } : r;
}

/** A lot for a box that must keep room to grow: two more columns and two more rows than it has. */
function lotFor(g: Grid): { w: number; h: number } {
  const r = gridRect(g);
  return { w: r.w + 2 * CELL_W, h: Math.max(r.h, HEAD + PAD) + 2 * CELL_H };
}

export function gridRect(g: Grid): Rect {
  return { x: g.x, y: g.y, w: 2 * PAD + g.cols * CELL_W, h: HEAD + g.rows.reduce((sum, ports) => sum + CELL_H + ports * PORT_LINE, 0) + PAD };
}

/** What the arrangement needs to know of the elements. */
interface Inputs {
  networks: GraphNode[];
  /** Container nodes by home network node id ('' for none), in the order of the elements. */
  members: Map<string, GraphNode[]>;
  ports: Map<string, string[]>;
  drivers: GraphNode[];
  host: GraphNode | undefined;
  /** Container nodes by id. */
  containers: Map<string, GraphNode>;
}

/** One pass over the elements, sorting nothing but the networks: a patch that adds nothing needs no order of thousands. */
function inputs(elements: GraphElements): Inputs {
  const ports = new Map<string, string[]>();
  for (const e of elements.edges) {
    if (e.kind !== 'publish') continue;
    const list = ports.get(e.target);
    if (list) list.push(e.source);
    else ports.set(e.target, [e.source]);
  }
  const members = new Map<string, GraphNode[]>();
  const containers = new Map<string, GraphNode>();
  const networks: GraphNode[] = [];
  const drivers: GraphNode[] = [];
  let host: GraphNode | undefined;
  for (const n of elements.nodes) {
    if (n.kind === 'container') {
      containers.set(n.id, n);
      const home = n.parent ?? '';
      const list = members.get(home);
      if (list) list.push(n);
      else members.set(home, [n]);
    } else if (n.kind === 'network') networks.push(n);
    else if (n.kind === 'driver') drivers.push(n);
    else if (n.kind === 'host') host ??= n;
  }
  return { networks: networks.sort(networkOrder), members, ports, drivers, host, containers };
}

function projectOf(input: Inputs, id: string): string {
  return String(input.containers.get(id)?.data.project ?? '');
}

/** A little wider than tall, with room for one more. */
function colsFor(count: number): number {
  return count === 0 ? 1 : Math.max(1, Math.ceil(Math.sqrt((count + 1) * 1.4)));
}

function newGrid(unsorted: readonly GraphNode[], ports: Map<string, string[]>): Grid {
  const members = [...unsorted].sort(memberOrder);
  const cols = colsFor(members.length);
  // An empty network is only its heading until a container arrives.
  const rows = members.length === 0 ? 0 : Math.ceil((members.length + 1) / cols);
  const cells: (string | null)[] = Array.from({ length: rows * cols }, (_, i) => members[i]?.id ?? null);
  const lines = Array.from({ length: rows }, (_, r) =>
    Math.max(0, ...cells.slice(r * cols, (r + 1) * cols).map((id) => (id ? (ports.get(id)?.length ?? 0) : 0))),
  );
  return { x: 0, y: 0, cols, rows: lines, cells };
}

/**
 * The whole picture laid out afresh. Scopes stand side by side; in each, one
 * lane per driver with the driver on its left and its networks' boxes flowing
 * in rows shaped like a screen; each box holds the containers whose home it
 * is, sorted by compose project so a project stays together. The host sits
 * top left. Deterministic: the same elements always give the same arrangement.
 */
export function arrange(elements: GraphElements, generation = 1): Arrangement {
  const input = inputs(elements);
  const grids: Record<string, Grid> = {};
  const fixed: Record<string, Point> = {};
  for (const n of input.networks) grids[n.id] = newGrid(input.members.get(n.id) ?? [], input.ports);
  const orphans = input.members.get('') ?? [];
  if (orphans.length) grids[''] = newGrid(orphans, input.ports);

  const scopes = [...new Set(input.networks.map((n) => String(n.data.scope)))].sort(scopeOrder);
  if (scopes.length === 0) scopes.push('local');
  let left = 0;
  let bottom = TOP;
  for (const [si, scope] of scopes.entries()) {
    const nets = input.networks.filter((n) => String(n.data.scope) === scope);
    const lanes = [...new Set(nets.map((n) => String(n.data.driver)))].sort(driverOrder).map((driver) => ({
      driver: input.drivers.find((d) => d.data.driver === driver),
      grids: nets.filter((n) => n.data.driver === driver).map((n) => grids[n.id]!),
    }));
    if (si === 0 && grids['']) lanes.push({ driver: undefined, grids: [grids['']] });
    const host = si === 0 ? input.host : undefined;
    // Of the row widths the boxes allow, the one whose picture a screen shows largest.
    const widths = new Set<number>();
    let sum = host ? HOST_W + GAP : 0;
    for (const lane of lanes)
      for (const [i, g] of lane.grids.entries()) {
        sum += gridRect(g).w + GAP + (i === 0 ? DRIVER_COL : 0);
        widths.add(sum);
      }
    let best = Infinity;
    let width = sum;
    for (const w of widths) {
      const shape = flowScope(lanes, host, left, w, grids, fixed);
      const size = Math.max((shape.right - left) / ASPECT, shape.bottom);
      if (size < best) [best, width] = [size, w];
    }
    const { right, bottom: scopeBottom } = flowScope(lanes, host, left, width, grids, fixed);
    bottom = Math.max(bottom, scopeBottom);
    left = right + SCOPE_GAP;
  }
  void bottom;
  return { generation, grids, fixed };
}

/** Places a scope's lanes in rows no wider than `width`, from `left`; the host, when given, opens the first row. */
function flowScope(
  lanes: { driver: GraphNode | undefined; grids: Grid[] }[],
  host: GraphNode | undefined,
  left: number,
  width: number,
  grids: Record<string, Grid>,
  fixed: Record<string, Point>,
): { right: number; bottom: number } {
  void grids;
  let y = TOP;
  let x = left;
  let right = left;
  let rowHeight = 0;
  if (host) {
    fixed[host.id] = { x: left + HOST_W / 2, y: y + HOST_H / 2 };
    x = left + HOST_W + GAP;
    right = x - GAP;
    rowHeight = HOST_H;
  }
  // Lanes follow one another along the rows: a driver heads its first network, wherever the row has room.
  for (const lane of lanes) {
    for (const [i, g] of lane.grids.entries()) {
      const r = gridRect(g);
      const head = i === 0 ? DRIVER_COL : 0;
      if (x > left && x + head + r.w > left + width) {
        y += rowHeight + GAP;
        x = left;
        rowHeight = 0;
      }
      if (i === 0 && lane.driver) fixed[lane.driver.id] = { x: x + DRIVER_COL / 2 - 12, y: y + Math.min(r.h, 160) / 2 };
      if (i === 0 || x === left) x += DRIVER_COL;
      g.x = x;
      g.y = y;
      x += r.w + GAP;
      right = Math.max(right, x - GAP);
      rowHeight = Math.max(rowHeight, r.h);
    }
  }
  return { right, bottom: y + rowHeight };
}

/**
 * The arrangement after a change: what left frees its cell, what is new takes
 * a free cell or free ground, and everything else stays exactly where it was.
 * A box that must grow into another is moved whole to free ground: only what
 * changed ever moves.
 */
export function rearrange(previous: Arrangement, elements: GraphElements): Arrangement {
  const input = inputs(elements);
  const grids: Record<string, Grid> = {};
  const fixed: Record<string, Point> = {};
  // Boxes are the networks', fixed places the host's and the drivers'.
  const present = new Set([...input.networks, ...input.drivers, ...(input.host ? [input.host] : [])].map((n) => n.id));
  for (const [id, p] of Object.entries(previous.fixed)) if (present.has(id)) fixed[id] = p;

  // Keep every box that still has its network; free the cells of containers that left it.
  const placed = new Set<string>();
  for (const [id, g] of Object.entries(previous.grids)) {
    if (id !== '' && !present.has(id)) continue;
    let cells = g.cells;
    for (const [i, c] of g.cells.entries()) {
      if (c === null) continue;
      const member = input.containers.get(c);
      if (member && (member.parent ?? '') === id) placed.add(c);
      else {
        if (cells === g.cells) cells = [...g.cells];
        cells[i] = null;
      }
    }
    grids[id] = cells === g.cells ? g : { ...g, cells };
  }

  for (const n of input.networks) {
    if (grids[n.id]) continue;
    const g = newGrid(input.members.get(n.id) ?? [], input.ports);
    for (const c of g.cells) if (c) placed.add(c);
    if (!n.classes.includes('predefined')) g.lot = lotFor(g);
    moveToFreeGround(n, g, grids, fixed, input);
    grids[n.id] = g;
  }
  for (const [home, members] of input.members) {
    for (const m of members.filter((m) => !placed.has(m.id)).sort(memberOrder)) {
      if (!grids[home]) {
        const g = newGrid([], input.ports);
        const peers = Object.values(grids);
        g.x = DRIVER_COL;
        g.y = Math.max(TOP, ...peers.map((p) => gridRect(p).y + gridRect(p).h + LANE_GAP));
        grids[home] = g;
      }
      const g = grids[home]!;
      const into = withMember(g, m, input);
      if (into) grids[home] = into;
      else grids[home] = grown(g, m, input, (option) => !overlapsOthers(home, gridRect(option), grids, fixed, input)).grid;
      placed.add(m.id);
    }
  }
  // Ports that appear later (a container started) may need more lines than its row keeps.
  for (const [id, g] of Object.entries(grids)) {
    let rows = g.rows;
    for (const [i, c] of g.cells.entries()) {
      const need = c === null ? 0 : (input.ports.get(c)?.length ?? 0);
      const row = Math.floor(i / g.cols);
      if (need > (rows[row] ?? 0)) rows = rows.map((lines, r) => (r === row ? need : lines));
    }
    if (rows !== g.rows) grids[id] = { ...g, rows };
  }
  // A box that grew into another moves whole.
  for (const n of input.networks) {
    const g = grids[n.id]!;
    if (g === previous.grids[n.id] || !overlapsOthers(n.id, gridRect(g), grids, fixed, input)) continue;
    const moved = { ...g, lot: lotFor(g) };
    moveToFreeGround(n, moved, grids, fixed, input, n.id);
    grids[n.id] = moved;
  }
  for (const d of input.drivers) {
    if (fixed[d.id]) continue;
    const first = input.networks.find((n) => n.data.driver === d.data.driver);
    const r = first ? gridRect(grids[first.id]!) : { x: DRIVER_COL, y: TOP, w: 0, h: 0 };
    fixed[d.id] = { x: r.x - DRIVER_COL / 2 - 12, y: r.y + Math.min(r.h, 180) / 2 };
  }
  if (input.host && !fixed[input.host.id]) fixed[input.host.id] = { x: -HOST_W / 2 - GAP, y: HOST_H / 2 };
  return { generation: previous.generation, grids, fixed };
}

/** The grid with the member in a free cell: next to its compose project where it can, else the first free one. Null when it is full. */
function withMember(g: Grid, member: GraphNode, input: Inputs): Grid | null {
  const ports = input.ports.get(member.id)?.length ?? 0;
  const free = (i: number) => g.cells[i] === null;
  // A row that already keeps room for its ports needs not grow.
  const roomy = (i: number) => free(i) && (g.rows[Math.floor(i / g.cols)] ?? 0) >= ports;
  const project = String(member.data.project ?? '');
  const lastOfProject = project ? g.cells.findLastIndex((c) => c !== null && projectOf(input, c) === project) : -1;
  let index = -1;
  for (const fits of [roomy, free]) {
    if (index < 0 && lastOfProject >= 0) for (let i = lastOfProject + 1; i < g.cells.length && index < 0; i++) if (fits(i)) index = i;
    if (index < 0) index = g.cells.findIndex((_, i) => fits(i));
  }
  if (index < 0) return null;
  const cells = [...g.cells];
  cells[index] = member.id;
  const row = Math.floor(index / g.cols);
  const rows = (g.rows[row] ?? 0) >= ports ? g.rows : g.rows.map((lines, r) => (r === row ? ports : lines));
  return { ...g, rows, cells };
}

/** The grid one column wider, every container keeping its row and column. */
function widened(g: Grid): Grid {
  const cols = g.cols + 1;
  const cells: (string | null)[] = Array.from({ length: g.rows.length * cols }, () => null);
  g.cells.forEach((c, i) => (cells[Math.floor(i / g.cols) * cols + (i % g.cols)] = c));
  return { ...g, cols, cells };
}

/** The grid one row taller. */
function lengthened(g: Grid, ports: number): Grid {
  return { ...g, rows: [...g.rows, ports], cells: [...g.cells, ...Array.from({ length: g.cols }, () => null)] };
}

/**
 * Room for one more container in a full box: a new column while the box is
 * taller than wide, else a new row; whichever does not run into a neighbour.
 */
function grown(g: Grid, member: GraphNode, input: Inputs, fitsAt: (g: Grid) => boolean): { grid: Grid; clear: boolean } {
  const ports = input.ports.get(member.id)?.length ?? 0;
  const wide = widened(g);
  const long = lengthened(g, ports);
  // Towards a screen's shape: wider while the box is narrower than that.
  const order = g.rows.length === 0 ? [long] : g.cols * CELL_W < g.rows.length * CELL_H * ASPECT ? [wide, long] : [long, wide];
  for (const option of order) if (fitsAt(option)) return { grid: withMember(option, member, input) ?? option, clear: true };
  return { grid: withMember(long, member, input) ?? long, clear: false };
}

/** Every rectangle already on the ground, but the one being placed. */
function obstacles(grids: Record<string, Grid>, fixed: Record<string, Point>, except?: string): Rect[] {
  const rects = Object.entries(grids)
    .filter(([id]) => id !== except)
    .map(([, g]) => footprint(g));
  for (const [id, p] of Object.entries(fixed)) {
    const [w, h] = id.startsWith('host:') ? [HOST_W, HOST_H] : [DRIVER_SIZE + 40, DRIVER_SIZE + 30];
    rects.push({ x: p.x - w / 2, y: p.y - h / 2, w, h });
  }
  return rects;
}

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}

function overlapsOthers(id: string, rect: Rect, grids: Record<string, Grid>, fixed: Record<string, Point>, input: Inputs): boolean {
  return obstacles(grids, fixed, id).some((o) => overlaps(rect, o, GAP / 2)) || crossesScopes(id, rect, grids, input);
}

/** How far positionsOf draws a scope's frame beyond its boxes. */
const FRAME = { left: DRIVER_COL + 14, right: 28, top: 28, bottom: 48 };

/** Would the frame of the box's scope, the box at `rect`, run into the frame of another scope? */
function crossesScopes(id: string, rect: Rect, grids: Record<string, Grid>, input: Inputs): boolean {
  const scope = input.networks.find((n) => n.id === id)?.data.scope;
  if (scope === undefined) return false;
  const unions = new Map<string, Rect>();
  for (const n of input.networks) {
    const g = grids[n.id];
    if (n.id === id || !g) continue;
    const s = String(n.data.scope);
    const r = gridRect(g);
    const u = unions.get(s);
    unions.set(s, u ? union(u, r) : r);
  }
  const own = unions.get(String(scope));
  const frame = (r: Rect): Rect => ({
    x: r.x - FRAME.left,
    y: r.y - FRAME.top,
    w: r.w + FRAME.left + FRAME.right,
    h: r.h + FRAME.top + FRAME.bottom,
  });
  const mine = frame(own ? union(own, rect) : rect);
  return [...unions].some(([s, r]) => s !== String(scope) && overlaps(mine, frame(r), GAP / 2));
}

/**
 * Puts a box on the nearest free ground of its scope: after the last box of its
 * driver's lane, else in the first gap, scanning down; a new scope opens a new column on the right.
 */
function moveToFreeGround(
  network: GraphNode,
  g: Grid,
  grids: Record<string, Grid>,
  fixed: Record<string, Point>,
  input: Inputs,
  self?: string,
): void {
  const scope = String(network.data.scope);
  const rect = footprint(g);
  const others = obstacles(grids, fixed, self);
  const sameScope = input.networks
    .filter((n) => n.id !== network.id && String(n.data.scope) === scope && grids[n.id])
    .map((n) => footprint(grids[n.id]!));
  const all = Object.entries(grids)
    .filter(([id]) => id !== self)
    .map(([, r]) => gridRect(r));
  const clear = (x: number, y: number) => !others.some((o) => overlaps({ x, y, w: rect.w, h: rect.h }, o, GAP / 2));
  // Nor may its scope's frame run into another scope's.
  const free = (x: number, y: number) => clear(x, y) && !crossesScopes(network.id, { x, y, w: rect.w, h: rect.h }, grids, input);
  let left: number;
  let right: number;
  if (sameScope.length) {
    left = Math.min(...sameScope.map((r) => r.x));
    // As wide as a screen-shaped picture of the scope as it stands, so the picture grows towards a screen's shape.
    const top = Math.min(TOP, ...sameScope.map((r) => r.y));
    const height = Math.max(...sameScope.map((r) => r.y + r.h)) - top;
    right = Math.max(...sameScope.map((r) => r.x + r.w), left + rect.w, left + height * ASPECT);
  } else {
    left = all.length ? Math.max(...all.map((r) => r.x + r.w)) + SCOPE_GAP + DRIVER_COL : DRIVER_COL;
    right = left + rect.w;
  }
  const lane = input.networks.filter(
    (n) => n.id !== network.id && n.data.driver === network.data.driver && String(n.data.scope) === scope && grids[n.id],
  );
  const last = lane.map((n) => gridRect(grids[n.id]!)).sort((a, b) => b.y - a.y || b.x - a.x)[0];
  if (last && last.x + last.w + GAP + rect.w <= right && free(last.x + last.w + GAP, last.y))
    return void Object.assign(g, { x: last.x + last.w + GAP, y: last.y });
  const ys = [...new Set([TOP, ...others.map((o) => o.y), ...others.map((o) => o.y + o.h + GAP)])].filter((y) => y >= TOP).sort((a, b) => a - b);
  const xs = [...new Set([left, ...others.map((o) => o.x + o.w + GAP)])].filter((x) => x >= left && x + rect.w <= right).sort((a, b) => a - b);
  for (const y of ys) for (const x of xs) if (free(x, y)) return void Object.assign(g, { x, y });
  const scopeBottom = Math.max(TOP, ...sameScope.map((r) => r.y + r.h + LANE_GAP));
  Object.assign(g, { x: left, y: scopeBottom });
  // Below everything there is always room for the box itself, if not always for its frame.
  for (let tries = 0; !free(g.x, g.y) && (tries < 1000 || !clear(g.x, g.y)); tries++) g.y += GAP;
}

/** A container's place in its box, and the top of its port lines. */
interface CellPlace {
  placed: Placed;
  portsTop: number;
}

/**
 * A grid's places, worked out once: a box that moves or fills is a new grid (or
 * at least a new corner, rows or cells), so most boxes are unchanged by a patch.
 */
const cellPlaces = new WeakMap<Grid, { as: Grid; places: Map<string, CellPlace> }>();

function placesIn(g: Grid): Map<string, CellPlace> {
  const kept = cellPlaces.get(g);
  if (kept && kept.as.x === g.x && kept.as.y === g.y && kept.as.cols === g.cols && kept.as.rows === g.rows && kept.as.cells === g.cells)
    return kept.places;
  const places = new Map<string, CellPlace>();
  let top = g.y + HEAD;
  for (const [r, lines] of g.rows.entries()) {
    for (let col = 0; col < g.cols; col++) {
      const c = g.cells[r * g.cols + col];
      if (c) places.set(c, { placed: { x: g.x + PAD + (col + 0.5) * CELL_W, y: top + CELL_H / 2 }, portsTop: top + CELL_H });
    }
    top += CELL_H + lines * PORT_LINE;
  }
  cellPlaces.set(g, { as: { ...g }, places });
  return places;
}

/**
 * Where every node of `elements` is drawn under an arrangement; boxes carry
 * their size. A container in a box that did not change keeps its Placed object.
 */
export function positionsOf(arrangement: Arrangement, elements: GraphElements): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  // A container is in its home's box, unless the view hides its home; then it is looked for in every box.
  let everywhere: Map<string, CellPlace> | undefined;
  const cellOf = (n: GraphNode): CellPlace | undefined => {
    const home = arrangement.grids[n.parent ?? ''];
    const place = home && placesIn(home).get(n.id);
    if (place) return place;
    everywhere ??= new Map(Object.values(arrangement.grids).flatMap((g) => [...placesIn(g)]));
    return everywhere.get(n.id);
  };
  const ports = new Map<string, string[]>();
  for (const e of elements.edges) {
    if (e.kind !== 'publish') continue;
    const list = ports.get(e.target);
    if (list) list.push(e.source);
    else ports.set(e.target, [e.source]);
  }
  const scopes = new Map<string, Rect>();

  for (const n of elements.nodes) {
    if (n.kind === 'network' || n.kind === 'group') {
      const g = arrangement.grids[n.kind === 'group' ? `net:${String(n.data.networkId)}` : n.id];
      if (!g) continue;
      const r = gridRect(g);
      if (n.kind === 'group') {
        placed.set(n.id, { x: r.x + r.w / 2, y: r.y + HEAD + (r.h - HEAD) / 2 });
        continue;
      }
      placed.set(n.id, { x: r.x + r.w / 2, y: r.y + r.h / 2, w: r.w, h: r.h });
      const scope = n.parent ?? '';
      const s = scopes.get(scope);
      scopes.set(scope, s ? union(s, r) : r);
    } else if (n.kind === 'container') {
      const cell = cellOf(n);
      if (!cell) continue;
      placed.set(n.id, cell.placed);
      (ports.get(n.id) ?? []).forEach((port, k) => {
        if (!placed.has(port)) placed.set(port, { x: cell.placed.x, y: cell.portsTop + k * PORT_LINE + PORT_H / 2 });
      });
    } else if (arrangement.fixed[n.id]) {
      placed.set(n.id, { ...arrangement.fixed[n.id]! });
    }
  }
  for (const n of elements.nodes) {
    if (n.kind !== 'scope') continue;
    const r = scopes.get(n.id);
    if (!r) continue;
    const pad = 28;
    const x = r.x - DRIVER_COL - pad / 2;
    const w = r.w + DRIVER_COL + pad * 1.5;
    placed.set(n.id, { x: x + w / 2, y: r.y + r.h / 2 + 10, w, h: r.h + 2 * pad + 20 });
  }
  return placed;
}

/** Whether two places draw a node alike; the same object when its box did not change. */
export function samePlace(a: Placed | undefined, b: Placed): boolean {
  return a === b || (a !== undefined && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h);
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export interface ArrangementChange {
  generation: number;
  /** Boxes that changed; null: gone. */
  grids: Record<string, Grid | null>;
  fixed: Record<string, Point | null>;
}

/** What turns one arrangement into the next: only the boxes and fixed nodes that changed. */
export function arrangementChange(before: Arrangement, after: Arrangement): ArrangementChange | null {
  const grids: ArrangementChange['grids'] = {};
  const fixed: ArrangementChange['fixed'] = {};
  for (const [id, g] of Object.entries(after.grids)) if (before.grids[id] !== g && !sameGrid(before.grids[id], g)) grids[id] = g;
  for (const id of Object.keys(before.grids)) if (!after.grids[id]) grids[id] = null;
  for (const [id, p] of Object.entries(after.fixed)) if (before.fixed[id]?.x !== p.x || before.fixed[id]?.y !== p.y) fixed[id] = p;
  for (const id of Object.keys(before.fixed)) if (!after.fixed[id]) fixed[id] = null;
  if (before.generation === after.generation && Object.keys(grids).length === 0 && Object.keys(fixed).length === 0) return null;
  return { generation: after.generation, grids, fixed };
}

export function applyArrangementChange(arrangement: Arrangement, change: ArrangementChange): Arrangement {
  const grids = { ...arrangement.grids };
  const fixed = { ...arrangement.fixed };
  for (const [id, g] of Object.entries(change.grids))
    if (g) grids[id] = g;
    else delete grids[id];
  for (const [id, p] of Object.entries(change.fixed))
    if (p) fixed[id] = p;
    else delete fixed[id];
  return { generation: change.generation, grids, fixed };
}

function sameGrid(a: Grid | undefined, b: Grid): boolean {
  return (
    a !== undefined &&
    a.x === b.x &&
    a.y === b.y &&
    a.cols === b.cols &&
    a.rows.length === b.rows.length &&
    a.rows.every((r, i) => r === b.rows[i]) &&
    a.cells.length === b.cells.length &&
    a.cells.every((c, i) => c === b.cells[i])
  );
}

function networkOrder(a: GraphNode, b: GraphNode): number {
  return (
    scopeOrder(String(a.data.scope), String(b.data.scope)) ||
    driverOrder(String(a.data.driver), String(b.data.driver)) ||
    String(a.data.name).localeCompare(String(b.data.name))
  );
}

function memberOrder(a: GraphNode, b: GraphNode): number {
  return String(a.data.project ?? '').localeCompare(String(b.data.project ?? '')) || String(a.data.name).localeCompare(String(b.data.name));
}
