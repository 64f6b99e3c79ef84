import type { GraphEdge, GraphElements, GraphNode } from './elements';
import type { Placed, Point } from './layout';

/** From this many containers in the picture, containers too small to read are sketched rather than drawn in detail. */
export const SKETCH_FROM = 300;
/** At most this many containers are drawn in detail at once: with more in view, they are too small to read anyway. */
export const DETAIL_BUDGET = 300;
/** How far beyond the view's edges, in view widths, containers are drawn in detail, so a short pan finds them ready. */
const MARGIN = 0.5;

/** What the canvas shows: its zoom and pan and its size in pixels. */
export interface View {
  zoom: number;
  pan: Point;
  width: number;
  height: number;
}

/** The picture split into what the graph draws in detail and what a sketch draws as plain shapes. */
export interface Detail {
  shown: GraphElements;
  sketched: GraphElements;
}

/**
 * Which containers are drawn in detail: all of them in a picture of fewer than
 * `from` (SKETCH_FROM); otherwise only those in or near the view, when the zoom is
 * enough to read their names (`readableZoom`) and no more than DETAIL_BUDGET
 * are there. The others, with their ports and edges, are sketched: where a
 * name would be under 7 px, a shape says as much and costs the graph nothing.
 */
export function splitDetail(
  elements: GraphElements,
  positions: ReadonlyMap<string, Placed>,
  view: View,
  readableZoom: number,
  from = SKETCH_FROM,
): Detail {
  const containers = elements.nodes.filter((n) => n.kind === 'container');
  if (containers.length < from) return { shown: elements, sketched: { nodes: [], edges: [] } };
  const detailed = new Set<string>();
  if (view.zoom >= readableZoom) {
    const seen = containers.filter((n) => inView(positions.get(n.id), view, 0));
    if (seen.length <= DETAIL_BUDGET) {
      for (const n of seen) detailed.add(n.id);
      for (const n of containers) {
        if (detailed.size >= DETAIL_BUDGET) break;
        if (inView(positions.get(n.id), view, MARGIN)) detailed.add(n.id);
      }
    }
  }
  const sketchedIds = new Set(containers.filter((n) => !detailed.has(n.id)).map((n) => n.id));
  // A published port goes with its containers: sketched when every container it reaches is.
  const reaches = new Map<string, string[]>();
  for (const e of elements.edges) if (e.kind === 'publish') reaches.set(e.source, [...(reaches.get(e.source) ?? []), e.target]);
  for (const [port, targets] of reaches) if (targets.every((t) => sketchedIds.has(t))) sketchedIds.add(port);
  const split = <T extends GraphNode | GraphEdge>(items: readonly T[], sketched: (item: T) => boolean): [T[], T[]] => {
    const out: [T[], T[]] = [[], []];
    for (const item of items) out[sketched(item) ? 1 : 0].push(item);
    return out;
  };
  const [shownNodes, sketchedNodes] = split(elements.nodes, (n) => sketchedIds.has(n.id));
  const [shownEdges, sketchedEdges] = split(elements.edges, (e) => sketchedIds.has(e.source) || sketchedIds.has(e.target));
  return { shown: { nodes: shownNodes, edges: shownEdges }, sketched: { nodes: sketchedNodes, edges: sketchedEdges } };
}

/** The zoom from which a label of `fontSize` graph units renders at `minPx` pixels or more. */
export function zoomToRead(fontSize: number, minPx = 7): number {
  return minPx / fontSize;
}

function inView(at: Placed | undefined, view: View, margin: number): boolean {
  if (!at) return false;
  const x = at.x * view.zoom + view.pan.x;
  const y = at.y * view.zoom + view.pan.y;
  const [mx, my] = [view.width * margin, view.height * margin];
  return x >= -mx && x <= view.width + mx && y >= -my && y <= view.height + my;
}
