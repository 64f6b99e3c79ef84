import type { GraphElements } from './elements';
import type { Point } from './layout';

/**
 * How many pairs of drawn edges cross, each edge taken as the straight line
 * between its nodes' centres. Edges that share a node never count as crossing.
 */
export function edgeCrossings(elements: Pick<GraphElements, 'edges'>, positions: ReadonlyMap<string, Point>): number {
  const segments = elements.edges
    .map((e) => ({ source: e.source, target: e.target, a: positions.get(e.source), b: positions.get(e.target) }))
    .filter((s): s is { source: string; target: string; a: Point; b: Point } => s.a !== undefined && s.b !== undefined);
  let crossings = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const s = segments[i]!;
      const t = segments[j]!;
      if (s.source === t.source || s.source === t.target || s.target === t.source || s.target === t.target) continue;
      if (intersects(s.a, s.b, t.a, t.b)) crossings++;
    }
  }
  return crossings;
}

function intersects(p1: Point, p2: Point, p3: Point, p4: Point): boolean {
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function cross(a: Point, b: Point, c: Point): number {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}
