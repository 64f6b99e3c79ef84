import type { Placed } from '../../lib/graph/layout';
import { CONTAINER_H, CONTAINER_W, DRIVER_SIZE, HEAD, HOST_H, HOST_W, PORT_H, PORT_W } from '../../lib/graph/layout';
import { splitEngineId } from '../../lib/graph/engines';

export interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const SIZES: Record<string, [number, number]> = {
  container: [CONTAINER_W, CONTAINER_H + 40],
  port: [PORT_W, PORT_H],
  ports: [PORT_W, PORT_H],
  driver: [DRIVER_SIZE + 60, DRIVER_SIZE + 40],
  host: [HOST_W, HOST_H],
  group: [CONTAINER_W, CONTAINER_H],
};

/**
 * The box around the given nodes, from the positions Portolan already knows:
 * no style or bounding-box pass over thousands of drawn elements.
 */
export function boundsOf(nodes: Iterable<{ kind: string; at: Placed }>): Bounds | null {
  let b: Bounds | null = null;
  for (const { kind, at } of nodes) {
    const [w, h] = at.w !== undefined && at.h !== undefined ? [at.w, at.h] : (SIZES[kind] ?? [CONTAINER_W, CONTAINER_H]);
    const x1 = at.x - w / 2;
    const y1 = at.y - h / 2;
    const x2 = at.x + w / 2;
    const y2 = at.y + h / 2;
    b = b ? { x1: Math.min(b.x1, x1), y1: Math.min(b.y1, y1), x2: Math.max(b.x2, x2), y2: Math.max(b.y2, y2) } : { x1, y1, x2, y2 };
  }
  return b;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The kind of node a graph id names, by its prefix (lib/graph/ids.ts). */
const KIND_OF: Record<string, string> = { ctr: 'container', port: 'port', ports: 'port', drv: 'driver', host: 'host', grp: 'group' };

/**
 * What an overlay must not hide, in graph units: every container, port, count,
 * driver and the host, and each network's heading. Scopes and the body of a
 * network's box are ground: an overlay may lie over them.
 */
export function keepClearOf(positions: ReadonlyMap<string, Placed>): Bounds[] {
  const out: Bounds[] = [];
  for (const [full, at] of positions) {
    // On the map of every engine, another engine's ids carry its name first (`v26/ctr:…`).
    const { id } = splitEngineId(full);
    const prefix = id.slice(0, id.indexOf(':'));
    if (prefix === 'net' && at.w !== undefined && at.h !== undefined) {
      out.push({ x1: at.x - at.w / 2, y1: at.y - at.h / 2, x2: at.x + at.w / 2, y2: at.y - at.h / 2 + HEAD });
    } else if (KIND_OF[prefix]) {
      const b = boundsOf([{ kind: KIND_OF[prefix]!, at }]);
      if (b) out.push(b);
    }
  }
  return out;
}

/**
 * The zoom and pan that show the bounds whole in the part of the view the
 * overlays leave free (the activity ticker, a lesson's step in presenter
 * mode): beside, above or below each of them, whichever shows them largest.
 * When the whole view's fit puts nothing of `keepClear` under an overlay, that
 * fit is kept: the overlay lies over empty ground only.
 */
export function fittingAround(
  b: Bounds,
  view: Region,
  overlays: readonly Region[],
  padding: number,
  maxZoom: number,
  keepClear: readonly Bounds[] = [],
): { zoom: number; pan: { x: number; y: number } } {
  const whole = fitting(b, view.width, view.height, padding, maxZoom);
  const onView = { zoom: whole.zoom, pan: { x: whole.pan.x + view.x, y: whole.pan.y + view.y } };
  if (keepClear.length > 0 && !keepClear.some((k) => overlays.some((o) => covers(o, k, onView)))) return onView;
  let regions: Region[] = [view];
  for (const o of overlays.filter((o) => o.width > 0 && o.height > 0)) {
    const sides: Region[] = [
      { x: 0, y: 0, width: view.width, height: o.y },
      { x: 0, y: o.y + o.height, width: view.width, height: view.height - o.y - o.height },
      { x: 0, y: 0, width: o.x, height: view.height },
      { x: o.x + o.width, y: 0, width: view.width - o.x - o.width, height: view.height },
    ];
    regions = regions.flatMap((r) => sides.map((side) => intersect(r, side))).filter((r) => r.width > 2 * padding && r.height > 2 * padding);
  }
  if (regions.length === 0) regions = [view];
  let best: { zoom: number; pan: { x: number; y: number } } | null = null;
  for (const r of regions) {
    const f = fitting(b, r.width, r.height, padding, maxZoom);
    const candidate = { zoom: f.zoom, pan: { x: f.pan.x + r.x, y: f.pan.y + r.y } };
    if (!best || candidate.zoom > best.zoom) best = candidate;
  }
  return best!;
}

/** Whether an overlay lies over any part of a box of the graph seen at this zoom and pan. */
function covers(o: Region, k: Bounds, at: { zoom: number; pan: { x: number; y: number } }): boolean {
  const [x1, y1, x2, y2] = [k.x1 * at.zoom + at.pan.x, k.y1 * at.zoom + at.pan.y, k.x2 * at.zoom + at.pan.x, k.y2 * at.zoom + at.pan.y];
  return o.width > 0 && o.height > 0 && x1 < o.x + o.width && x2 > o.x && y1 < o.y + o.height && y2 > o.y;
}

function intersect(a: Region, b: Region): Region {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.min(a.x + a.width, b.x + b.width) - x, height: Math.min(a.y + a.height, b.y + b.height) - y };
}

/** The zoom and pan that show the bounds whole, centred, inside a viewport of this size. */
export function fitting(b: Bounds, width: number, height: number, padding: number, maxZoom: number): { zoom: number; pan: { x: number; y: number } } {
  const zoom = Math.min(maxZoom, (width - 2 * padding) / Math.max(1, b.x2 - b.x1), (height - 2 * padding) / Math.max(1, b.y2 - b.y1));
  return { zoom, pan: { x: width / 2 - zoom * ((b.x1 + b.x2) / 2), y: height / 2 - zoom * ((b.y1 + b.y2) / 2) } };
}

/** Whether a point of the graph is on screen under this zoom and pan. */
export function onScreen(p: { x: number; y: number }, zoom: number, pan: { x: number; y: number }, width: number, height: number): boolean {
  const x = p.x * zoom + pan.x;
  const y = p.y * zoom + pan.y;
  return x >= 0 && y >= 0 && x <= width && y <= height;
}

/** Whether a point of the canvas lies under an overlay, or within `margin` pixels of one. */
export function underOverlay(p: { x: number; y: number }, overlays: readonly Region[], margin = 0): boolean {
  return overlays.some(
    (o) =>
      o.width > 0 && o.height > 0 && p.x >= o.x - margin && p.x <= o.x + o.width + margin && p.y >= o.y - margin && p.y <= o.y + o.height + margin,
  );
}

/**
 * Where a mark for `to` goes so that no overlay hides it: `to` itself when nothing covers it, else the first point
 * on the way back from `to` towards `from` (the view's centre) where the mark's box, `box(point)`, is clear of every
 * overlay. `from` when there is none.
 */
export function clearOfOverlays(
  from: { x: number; y: number },
  to: { x: number; y: number },
  overlays: readonly Region[],
  box: (p: { x: number; y: number }) => Region,
): { x: number; y: number } {
  const STEPS = 50;
  for (let i = STEPS; i >= 0; i--) {
    const t = i / STEPS;
    const p = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
    const b = box(p);
    const hidden = overlays.some((o) => o.width > 0 && o.height > 0 && overlaps(o, b));
    if (!hidden) return p;
  }
  return from;
}

/** Whether two regions of the canvas share any area (touching edges do not). */
export function overlaps(a: Region, b: Region): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}
