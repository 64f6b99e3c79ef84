import { describe, expect, it } from 'vitest';
import { Generator, syntheticTopology } from '../../scripts/bench/synthetic';
import { edgeCrossings } from './crossings';
import { toElements, type GraphEdge } from './elements';
import { arrange } from './arrangement';
import { positionsOf, type Point } from './layout';

const e = (source: string, target: string): GraphEdge => ({
  id: `${source}-${target}`,
  kind: 'attachment',
  source,
  target,
  label: '',
  classes: [],
  data: {},
});
const at = (points: Record<string, [number, number]>) => new Map<string, Point>(Object.entries(points).map(([id, [x, y]]) => [id, { x, y }]));

describe('edgeCrossings', () => {
  const square = at({ a: [0, 0], b: [10, 10], c: [0, 10], d: [10, 0], m: [5, 5] });

  it('counts an X once', () => {
    expect(edgeCrossings({ edges: [e('a', 'b'), e('c', 'd')] }, square)).toBe(1);
  });

  it('does not count edges that share an endpoint', () => {
    expect(edgeCrossings({ edges: [e('a', 'b'), e('a', 'd'), e('b', 'c')] }, square)).toBe(0);
  });

  it('does not count parallel edges', () => {
    expect(edgeCrossings({ edges: [e('a', 'd'), e('c', 'b')] }, square)).toBe(0);
    expect(edgeCrossings({ edges: [e('a', 'c'), e('d', 'b')] }, square)).toBe(0);
  });

  it('ignores edges whose ends are not placed', () => {
    expect(edgeCrossings({ edges: [e('a', 'b'), e('c', 'nowhere')] }, square)).toBe(0);
  });

  it('counts every crossing pair', () => {
    const grid = at({ l1: [0, 1], r1: [10, 1], l2: [0, 2], r2: [10, 2], t1: [3, 0], b1: [3, 5], t2: [6, 0], b2: [6, 5] });
    expect(edgeCrossings({ edges: [e('l1', 'r1'), e('l2', 'r2'), e('t1', 'b1'), e('t2', 'b2')] }, grid)).toBe(4);
  });
});

describe('the map’s crossings', () => {
  it('the 60-container picture has at most half the crossings of the old layout', () => {
    // The old layout (one network per column, an edge per attachment) crossed 647 times on this picture.
    const els = toElements(syntheticTopology(new Generator(42), 60));
    const positions = positionsOf(arrange(els), els);
    // Driver edges are not drawn until a driver is picked.
    const drawn = els.edges.filter((edge) => edge.kind !== 'driver');
    const crossings = edgeCrossings({ edges: drawn }, positions);
    console.info(`60-container picture: ${crossings} crossings of drawn edges (old layout: 647)`);
    expect(crossings).toBeLessThanOrEqual(Math.floor(647 / 2));
  });
});
