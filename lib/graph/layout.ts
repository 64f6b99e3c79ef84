import type { GraphElements, GraphNode } from './elements';

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
  /** Height of a row's cells when not a container's (CELL_H): the routing mesh's band holds only ports. */
  cell?: number;
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
export const CELL_W = 204;
export const CELL_H = 84;
export const PORT_LINE = 42;
export const PAD = 14;
/** The network's name and subnet, at the top of its box. */
export const HEAD = 58;
export const GAP = 40;
export const LANE_GAP = 64;
/** Left of each lane, where its driver sits. */
export const DRIVER_COL = 120;
export const SCOPE_GAP = 120;
export const TOP = 0;
/** The picture aims at a screen's shape, so fitting it keeps labels readable. */
export const ASPECT = 1.8;
/** A swarm node's card, heading its column: as wide as a cell, tall enough for three lines. */
export const SWARM_NODE_W = CELL_W - 4;
export const SWARM_NODE_H = 96;
/** The corner of the swarm's columns, kept with the fixed places: columns are counted from it. */
export const SWARM_ORIGIN = 'swarm:origin';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function gridRect(g: Grid): Rect {
  const cell = g.cell ?? CELL_H;
  return { x: g.x, y: g.y, w: 2 * PAD + g.cols * CELL_W, h: HEAD + g.rows.reduce((sum, ports) => sum + cell + ports * PORT_LINE, 0) + PAD };
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
  if (
    kept &&
    kept.as.x === g.x &&
    kept.as.y === g.y &&
    kept.as.cols === g.cols &&
    kept.as.rows === g.rows &&
    kept.as.cells === g.cells &&
    kept.as.cell === g.cell
  )
    return kept.places;
  const places = new Map<string, CellPlace>();
  const cell = g.cell ?? CELL_H;
  let top = g.y + HEAD;
  for (const [r, lines] of g.rows.entries()) {
    for (let col = 0; col < g.cols; col++) {
      const c = g.cells[r * g.cols + col];
      if (c) places.set(c, { placed: { x: g.x + PAD + (col + 0.5) * CELL_W, y: top + cell / 2 }, portsTop: top + cell });
    }
    top += cell + lines * PORT_LINE;
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
  const ports = publishedBy(elements);
  const scopes = new Map<string, Rect>();

  for (const n of elements.nodes) {
    if (n.kind === 'network' || n.kind === 'group') {
      const g = arrangement.grids[n.kind === 'group' ? `net:${String(n.data.networkId)}` : n.id];
      if (!g) continue;
      const r = gridRect(g);
      if (n.kind === 'group') {
        // In its own cell of a compact box; in the full arrangement, amid the room its containers would take.
        const cell = placesIn(g).get(n.id);
        const at = { x: r.x + r.w / 2, y: cell ? cell.placed.y : r.y + HEAD + (r.h - HEAD) / 2 };
        placed.set(n.id, at);
        // What its containers publish hangs under the count, on the port lines its row keeps, as under a container.
        const portsTop = cell ? cell.portsTop : at.y + CELL_H / 2;
        (ports.get(n.id) ?? []).forEach((port, k) => {
          if (!placed.has(port)) placed.set(port, { x: at.x, y: portsTop + k * PORT_LINE + PORT_H / 2 });
        });
        continue;
      }
      placed.set(n.id, { x: r.x + r.w / 2, y: r.y + r.h / 2, w: r.w, h: r.h });
      const scope = n.parent ?? '';
      const s = scopes.get(scope);
      scopes.set(scope, s ? union(s, r) : r);
    } else if (n.kind === 'container' || n.kind === 'task' || n.kind === 'service' || (n.kind === 'port' && n.parent)) {
      // A swarm's tasks, services and mesh ports hold cells of their bands, as containers do of their boxes.
      const cell = cellOf(n);
      if (!cell) continue;
      placed.set(n.id, cell.placed);
      (ports.get(n.id) ?? []).forEach((port, k) => {
        if (!placed.has(port)) placed.set(port, { x: cell.placed.x, y: cell.portsTop + k * PORT_LINE + PORT_H / 2 });
      });
    } else if (n.kind === 'span') {
      const span = spanPlace(arrangement, n);
      if (span) placed.set(n.id, span);
    } else if (arrangement.fixed[n.id]) {
      placed.set(n.id, { ...arrangement.fixed[n.id]! });
      if (n.kind === 'swarm-node') {
        // A swarm node's card heads its column, inside the frame of the swarm scope.
        const p = arrangement.fixed[n.id]!;
        const card = { x: p.x - SWARM_NODE_W / 2, y: p.y - SWARM_NODE_H / 2, w: SWARM_NODE_W, h: SWARM_NODE_H };
        const s = scopes.get(n.parent ?? '');
        scopes.set(n.parent ?? '', s ? union(s, card) : card);
      }
    }
  }
  // The swarm's tasks on no overlay have a band of their own, keyed by the scope: it has no box but takes ground.
  const unbanded = arrangement.grids[SWARM_SCOPE];
  if (unbanded && scopes.has(SWARM_SCOPE)) scopes.set(SWARM_SCOPE, union(scopes.get(SWARM_SCOPE)!, gridRect(unbanded)));
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

const SWARM_SCOPE = 'scope:swarm';

/** An overlay's part on one node: its band's cells in that node's column. */
function spanPlace(arrangement: Arrangement, n: GraphNode): Placed | null {
  const g = arrangement.grids[n.parent ?? ''];
  const column = arrangement.fixed[`node:${String(n.data.nodeId)}`];
  if (!g || !column) return null;
  const r = gridRect(g);
  const top = r.y + HEAD - 10;
  const bottom = r.y + r.h - 4;
  return { x: column.x, y: (top + bottom) / 2, w: CELL_W - 6, h: Math.max(0, bottom - top) };
}

/** Whether two places draw a node alike; the same object when its box did not change. */
export function samePlace(a: Placed | undefined, b: Placed): boolean {
  return a === b || (a !== undefined && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h);
}

/** Port node ids by the container node that publishes them, in the order of the elements. */
export function publishedBy(elements: Pick<GraphElements, 'edges'>): Map<string, string[]> {
  const ports = new Map<string, string[]>();
  for (const e of elements.edges) {
    if (e.kind !== 'publish') continue;
    const list = ports.get(e.target);
    if (list) list.push(e.source);
    else ports.set(e.target, [e.source]);
  }
  return ports;
}

/** Whether two rectangles come closer than `margin`. */
export function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}

export function union(a: Rect, b: Rect): Rect {
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
    a.cell === b.cell &&
    a.x === b.x &&
    a.y === b.y &&
    a.cols === b.cols &&
    a.rows.length === b.rows.length &&
    a.rows.every((r, i) => r === b.rows[i]) &&
    a.cells.length === b.cells.length &&
    a.cells.every((c, i) => c === b.cells[i])
  );
}
