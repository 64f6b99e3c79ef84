import type { GraphElements, GraphNode } from './elements';
import { driverOrder, scopeOrder } from './elements';
import {
  ASPECT,
  CELL_H,
  CELL_W,
  DRIVER_COL,
  DRIVER_SIZE,
  GAP,
  gridRect,
  HEAD,
  HOST_H,
  HOST_W,
  LANE_GAP,
  PAD,
  publishedBy,
  SCOPE_GAP,
  SWARM_NODE_H,
  SWARM_NODE_W,
  SWARM_ORIGIN,
  TOP,
  overlaps,
  union,
  type Arrangement,
  type Grid,
  type Point,
  type Rect,
} from './layout';
import { NO_OVERLAY } from './swarm';
import { arrangeSwarm, rearrangeSwarm, swarmRect, type SwarmInput } from './swarmArrangement';

// How the shared arrangement is made and kept: laid out afresh, then changed
// only where the picture changed. Geometry and positions are in ./layout.

/** The ground a box holds: the box, or its lot when that is larger. */
function footprint(g: Grid): Rect {
  const r = gridRect(g);
  return g.lot ? { ...r, w: Math.max(r.w, g.lot.w), h: Math.max(r.h, g.lot.h) } : r;
}

/** A lot for a box that must keep room to grow: a column and a row more than it has. */
function lotFor(g: Grid): { w: number; h: number } {
  const r = gridRect(g);
  return { w: r.w + 3 * CELL_W, h: Math.max(r.h, HEAD + PAD) + 3 * CELL_H };
}

/** What the arrangement needs to know of the elements. */
interface Inputs {
  /** Every network, the swarm's bands included; the boxes of the rest of the map are the networks that are not bands. */
  networks: GraphNode[];
  /** The swarm's part of the picture, when the swarm is drawn; its bands are its own to place. */
  swarm: SwarmInput | null;
  bands: ReadonlySet<string>;
  /** Container nodes (and count nodes) by home network node id ('' for none), in the order of the elements. */
  members: Map<string, GraphNode[]>;
  /** Port lines each container needs under it: the ports it publishes now, or will publish once started. */
  ports: Map<string, string[]>;
  drivers: GraphNode[];
  host: GraphNode | undefined;
  /** Container nodes and count nodes by id. */
  containers: Map<string, GraphNode>;
}

/** One pass over the elements, sorting nothing but the networks: a patch that adds nothing needs no order of thousands. */
function inputs(elements: GraphElements, planned?: ReadonlyMap<string, number>): Inputs {
  const ports = publishedBy(elements);
  // A created container publishes nothing yet: its row keeps room for the ports it is set to publish.
  if (planned)
    for (const [id, count] of planned)
      if (count > (ports.get(id)?.length ?? 0))
        ports.set(id, [...(ports.get(id) ?? []), ...Array<string>(count - (ports.get(id)?.length ?? 0)).fill('')]);
  const members = new Map<string, GraphNode[]>();
  const containers = new Map<string, GraphNode>();
  const networks: GraphNode[] = [];
  const drivers: GraphNode[] = [];
  const bands: GraphNode[] = [];
  const machines: GraphNode[] = [];
  const cells: GraphNode[] = [];
  let host: GraphNode | undefined;
  for (const n of elements.nodes) {
    // A collapsed network's count node holds a cell of its box, as a container would.
    if (n.kind === 'container' || n.kind === 'group') {
      containers.set(n.id, n);
      cells.push(n);
    } else if (n.kind === 'task' || n.kind === 'service' || (n.kind === 'port' && n.parent)) cells.push(n);
    else if (n.kind === 'network') {
      networks.push(n);
      if (n.classes.includes('band')) bands.push(n);
    } else if (n.kind === 'swarm-node') machines.push(n);
    else if (n.kind === 'driver') drivers.push(n);
    else if (n.kind === 'host') host ??= n;
  }
  const bandIds = new Set([...bands.map((b) => b.id), ...(machines.length ? [NO_OVERLAY] : [])]);
  const swarmMembers = new Map<string, GraphNode[]>();
  for (const n of cells) {
    const home = n.parent ?? '';
    const into = bandIds.has(home) ? swarmMembers : members;
    const list = into.get(home);
    if (list) list.push(n);
    else into.set(home, [n]);
  }
  const swarm = machines.length ? { bands, machines, members: swarmMembers, self: `node:${String(host?.data.swarmNodeId ?? '')}`, ports } : null;
  return { networks: networks.sort(networkOrder), swarm, bands: bandIds, members, ports, drivers, host, containers };
}

/** The size of a fixed card: the host's, a swarm node's, or a driver's. */
function cardSize(id: string): [number, number] {
  return id.startsWith('host:') ? [HOST_W, HOST_H] : id.startsWith('node:') ? [SWARM_NODE_W, SWARM_NODE_H] : [DRIVER_SIZE + 40, DRIVER_SIZE + 30];
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
export function arrange(elements: GraphElements, generation = 1, planned?: ReadonlyMap<string, number>): Arrangement {
  const input = inputs(elements, planned);
  const grids: Record<string, Grid> = {};
  const fixed: Record<string, Point> = {};
  const boxes = input.networks.filter((n) => !input.bands.has(n.id));
  for (const n of boxes) grids[n.id] = newGrid(input.members.get(n.id) ?? [], input.ports);
  const orphans = input.members.get('') ?? [];
  if (orphans.length) grids[''] = newGrid(orphans, input.ports);

  const scopes = [...new Set([...boxes.map((n) => String(n.data.scope)), ...(input.swarm ? ['swarm'] : [])])].sort(scopeOrder);
  if (scopes.length === 0) scopes.push('local');
  // The swarm's shape is its own (a column a node); the scopes left of it take theirs so that the whole is screen-shaped.
  const swarmShape = input.swarm && arrangeSwarm(input.swarm, DRIVER_COL, TOP);
  let left = 0;
  let bottom = TOP;
  for (const [si, scope] of scopes.entries()) {
    if (scope === 'swarm' && input.swarm) {
      // The swarm is its columns and bands, the driver of its overlays on their left.
      const swarm = arrangeSwarm(input.swarm, left + DRIVER_COL, TOP);
      Object.assign(grids, swarm.grids);
      Object.assign(fixed, swarm.fixed);
      bottom = Math.max(bottom, swarm.bottom);
      left = swarm.right + SCOPE_GAP;
      continue;
    }
    const nets = boxes.filter((n) => String(n.data.scope) === scope);
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
    const beside = swarmShape && si < scopes.indexOf('swarm') ? { w: SCOPE_GAP + swarmShape.right, h: swarmShape.bottom } : { w: 0, h: 0 };
    // Beside a swarm, a narrow scope may be best: the host, then a lane's box, to a row.
    if (beside.w) widths.add(Math.max(host ? HOST_W + GAP : 0, ...lanes.flatMap((l) => l.grids.map((g) => DRIVER_COL + gridRect(g).w + GAP))));
    let best = Infinity;
    let width = sum;
    for (const w of widths) {
      const shape = flowScope(lanes, host, left, w, grids, fixed);
      const size = Math.max((shape.right - left + beside.w) / ASPECT, shape.bottom, beside.h);
      if (size < best) [best, width] = [size, w];
    }
    const { right, bottom: scopeBottom } = flowScope(lanes, host, left, width, grids, fixed);
    bottom = Math.max(bottom, scopeBottom);
    left = right + SCOPE_GAP;
  }
  void bottom;
  for (const d of input.drivers) if (!fixed[d.id]) fixed[d.id] = driverPlace(d, input, grids);
  return { generation, grids, fixed };
}

/**
 * The compact arrangement (every network collapsed to its count) with some
 * networks expanded. An expanded box opens where it is: it takes its grid from
 * the full arrangement, so its containers sit as they do in the full view, at
 * its compact corner; a collapsed box it would now run into makes room, moving
 * whole to free ground. Deterministic: every viewer expanding the same networks sees the same.
 */
export function withExpanded(compact: Arrangement, full: Arrangement, expanded: readonly string[], elements: GraphElements): Arrangement {
  const ids = new Set(expanded.map((networkId) => `net:${networkId}`).filter((id) => compact.grids[id] && full.grids[id]));
  if (ids.size === 0) return compact;
  const input = inputs(elements);
  const opened = (id: string): Grid => {
    const { lot: _lot, ...grid } = full.grids[id]!;
    return { ...grid, x: compact.grids[id]!.x, y: compact.grids[id]!.y };
  };
  // Drivers follow their lanes' first boxes; only the host and the swarm's node cards stand in a box's way.
  const host = Object.fromEntries(Object.entries(compact.fixed).filter(([id]) => id.startsWith('host:') || id.startsWith('node:')));
  const blocked = (n: GraphNode, g: Grid, grids: Record<string, Grid>) => overlapsOthers(n.id, gridRect(g), { ...grids, [n.id]: g }, host, input);
  // Settled boxes, in this order: the swarm's bands (never folded, never moved), the expanded ones, the collapsed ones
  // clear of them, then those that must make room.
  const grids: Record<string, Grid> = {};
  if (compact.grids['']) grids[''] = compact.grids[''];
  for (const id of input.bands) if (compact.grids[id]) grids[id] = compact.grids[id];
  const settle = (n: GraphNode, g: Grid) => {
    const moved = { ...g };
    if (blocked(n, moved, grids)) moveToFreeGround(n, moved, grids, host, input, n.id);
    grids[n.id] = moved;
  };
  const networks = input.networks.filter((n) => compact.grids[n.id] && !input.bands.has(n.id));
  for (const n of networks) if (ids.has(n.id)) settle(n, opened(n.id));
  const inTheWay = new Set(networks.filter((n) => !ids.has(n.id) && blocked(n, compact.grids[n.id]!, grids)));
  for (const n of networks) if (!ids.has(n.id) && !inTheWay.has(n)) grids[n.id] = compact.grids[n.id]!;
  for (const n of inTheWay) settle(n, compact.grids[n.id]!);
  const fixed = { ...compact.fixed };
  for (const d of input.drivers) {
    const first = networks.find((n) => n.data.driver === d.data.driver);
    const [now, was] = [first && grids[first.id], first && compact.grids[first.id]];
    if (fixed[d.id] && now && was && (now.x !== was.x || now.y !== was.y)) fixed[d.id] = driverPlace(d, input, grids);
  }
  return { generation: compact.generation, grids, fixed };
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
export function rearrange(previous: Arrangement, elements: GraphElements, planned?: ReadonlyMap<string, number>): Arrangement {
  const input = inputs(elements, planned);
  const grids: Record<string, Grid> = {};
  const fixed: Record<string, Point> = {};
  // Boxes are the networks', fixed places the host's and the drivers'; the swarm keeps its own.
  const present = new Set([...input.networks, ...input.drivers, ...(input.host ? [input.host] : [])].map((n) => n.id));
  for (const [id, p] of Object.entries(previous.fixed)) if (present.has(id)) fixed[id] = p;

  // Keep every box that still has its network; free the cells of containers that left it.
  const placed = new Set<string>();
  for (const [id, g] of Object.entries(previous.grids)) {
    if ((id !== '' && !present.has(id)) || input.bands.has(id)) continue;
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
    grids[id] = cells === g.cells ? g : withoutEmptyRows({ ...g, cells });
  }

  if (input.swarm) rearrangeSwarm(previous, input.swarm, grids, fixed, (except) => obstacles(grids, fixed, except));
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
    if (input.bands.has(id)) continue;
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
    if (input.bands.has(n.id)) continue;
    const g = grids[n.id]!;
    if (g === previous.grids[n.id] || !overlapsOthers(n.id, gridRect(g), grids, fixed, input)) continue;
    const moved = { ...g, lot: lotFor(g) };
    moveToFreeGround(n, moved, grids, fixed, input, n.id);
    grids[n.id] = moved;
  }
  for (const d of input.drivers) if (!fixed[d.id]) fixed[d.id] = driverPlace(d, input, grids);
  if (input.host && !fixed[input.host.id]) fixed[input.host.id] = { x: -HOST_W / 2 - GAP, y: HOST_H / 2 };
  return { generation: previous.generation, grids, fixed };
}

/** A driver heads its lane: left of its first network's box. */
function driverPlace(driver: GraphNode, input: Inputs, grids: Record<string, Grid>): Point {
  const first = input.networks.find((n) => n.data.driver === driver.data.driver && grids[n.id]);
  const r = first ? gridRect(grids[first.id]!) : { x: DRIVER_COL, y: TOP, w: 0, h: 0 };
  return { x: r.x - DRIVER_COL / 2 - 12, y: r.y + Math.min(r.h, 180) / 2 };
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

/**
 * A box gives back the rows that emptied at its bottom and the columns that
 * emptied at its right: only its own lower and right edges move, every
 * container keeps its row and column.
 */
function withoutEmptyRows(g: Grid): Grid {
  let rows = g.rows.length;
  while (rows > 0 && g.cells.slice((rows - 1) * g.cols, rows * g.cols).every((c) => c === null)) rows--;
  let cols = g.cols;
  while (cols > 1 && Array.from({ length: rows }, (_, r) => g.cells[r * g.cols + cols - 1]).every((c) => c === null || c === undefined)) cols--;
  if (rows === g.rows.length && cols === g.cols) return g;
  const cells = Array.from({ length: rows * cols }, (_, i) => g.cells[Math.floor(i / cols) * g.cols + (i % cols)] ?? null);
  return { ...g, cols, rows: g.rows.slice(0, rows), cells };
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
    if (id === SWARM_ORIGIN) continue;
    const [w, h] = cardSize(id);
    rects.push({ x: p.x - w / 2, y: p.y - h / 2, w, h });
  }
  return rects;
}

function overlapsOthers(id: string, rect: Rect, grids: Record<string, Grid>, fixed: Record<string, Point>, input: Inputs): boolean {
  return obstacles(grids, fixed, id).some((o) => overlaps(rect, o, GAP / 2)) || crossesScopes(id, rect, grids, fixed, input);
}

/** How far positionsOf draws a scope's frame beyond its boxes. */
const FRAME = { left: DRIVER_COL + 14, right: 28, top: 28, bottom: 48 };

/** Would the frame of the box's scope, the box at `rect`, run into the frame of another scope? */
function crossesScopes(id: string, rect: Rect, grids: Record<string, Grid>, fixed: Record<string, Point>, input: Inputs): boolean {
  const scope = input.networks.find((n) => n.id === id)?.data.scope;
  if (scope === undefined) return false;
  const unions = new Map<string, Rect>();
  // The swarm's frame holds its node cards above its bands.
  const swarm =
    input.swarm &&
    swarmRect(
      grids,
      fixed,
      [...input.bands].filter((b) => b !== id),
      input.swarm.machines.map((m) => m.id),
    );
  if (swarm) unions.set('swarm', swarm);
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
  const free = (x: number, y: number) => clear(x, y) && !crossesScopes(network.id, { x, y, w: rect.w, h: rect.h }, grids, fixed, input);
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
