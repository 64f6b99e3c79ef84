import { describe, expect, it } from 'vitest';
import { Generator, syntheticTopology } from '../../scripts/bench/synthetic';
import { arrange } from './arrangement';
import { DETAIL_BUDGET, SKETCH_FROM, splitDetail, zoomToRead, type View } from './detail';
import { toElements, type GraphElements } from './elements';
import { positionsOf, type Placed } from './layout';

const picture = (containers: number) => {
  const elements = toElements(syntheticTopology(new Generator(42), containers));
  return { elements, positions: positionsOf(arrange(elements), elements) };
};
const ids = (els: GraphElements) => new Set([...els.nodes, ...els.edges].map((e) => e.id));
const SCREEN = { width: 1920, height: 1080 };
/** The view centred on a node at a zoom. */
const around = (at: Placed, zoom: number): View => ({
  zoom,
  pan: { x: SCREEN.width / 2 - at.x * zoom, y: SCREEN.height / 2 - at.y * zoom },
  ...SCREEN,
});
const READABLE = zoomToRead(21);

describe('splitDetail', () => {
  it('draws a picture under SKETCH_FROM containers all in detail, at any zoom', () => {
    const { elements, positions } = picture(SKETCH_FROM - 20);
    const { shown, sketched } = splitDetail(elements, positions, { zoom: 0.01, pan: { x: 0, y: 0 }, ...SCREEN }, READABLE);
    expect(shown).toBe(elements);
    expect(sketched.nodes).toHaveLength(0);
  });

  it('sketches every container of a large picture seen from too far to read a name, and keeps networks, drivers and the host', () => {
    const { elements, positions } = picture(1000);
    const { shown, sketched } = splitDetail(elements, positions, { zoom: READABLE * 0.9, pan: { x: 0, y: 0 }, ...SCREEN }, READABLE);
    expect(sketched.nodes.filter((n) => n.kind === 'container')).toHaveLength(1000);
    expect(shown.nodes.some((n) => n.kind === 'container')).toBe(false);
    expect(new Set(shown.nodes.map((n) => n.kind))).toEqual(new Set(['host', 'scope', 'driver', 'network']));
  });

  it('splits the picture: every element is shown or sketched, once, in its order', () => {
    const { elements, positions } = picture(1000);
    const { shown, sketched } = splitDetail(
      elements,
      positions,
      around(positions.get(elements.nodes.find((n) => n.kind === 'container')!.id)!, 1),
      READABLE,
    );
    expect(shown.nodes.length + sketched.nodes.length).toBe(elements.nodes.length);
    expect(shown.edges.length + sketched.edges.length).toBe(elements.edges.length);
    const order = elements.nodes.map((n) => n.id);
    expect(shown.nodes.map((n) => n.id)).toEqual(order.filter((id) => ids(shown).has(id)));
  });

  it('draws in detail the containers in view when a name can be read, up to DETAIL_BUDGET, and sketches those far away', () => {
    const { elements, positions } = picture(1000);
    const first = elements.nodes.find((n) => n.kind === 'container')!;
    const { shown, sketched } = splitDetail(elements, positions, around(positions.get(first.id)!, 1), READABLE);
    const detailed = shown.nodes.filter((n) => n.kind === 'container');
    expect(detailed.map((n) => n.id)).toContain(first.id);
    expect(detailed.length).toBeGreaterThan(0);
    expect(detailed.length).toBeLessThanOrEqual(DETAIL_BUDGET);
    expect(sketched.nodes.some((n) => n.kind === 'container')).toBe(true);
  });

  it('keeps a view with more containers than DETAIL_BUDGET in it a sketch, although the zoom could read them', () => {
    const { elements, positions } = picture(3000);
    const first = elements.nodes.find((n) => n.kind === 'container')!;
    const wide = { ...around(positions.get(first.id)!, READABLE * 1.05), width: 7680, height: 4320 };
    const { shown } = splitDetail(elements, positions, wide, READABLE);
    expect(shown.nodes.filter((n) => n.kind === 'container')).toHaveLength(0);
  });

  it('sketches an edge with either end sketched, and a port with every container it reaches', () => {
    const { elements, positions } = picture(1000);
    const { shown, sketched } = splitDetail(elements, positions, { zoom: 0.1, pan: { x: 0, y: 0 }, ...SCREEN }, READABLE);
    const out = ids(sketched);
    expect(shown.edges.every((e) => !out.has(e.source) && !out.has(e.target))).toBe(true);
    expect(sketched.edges.every((e) => out.has(e.source) || out.has(e.target))).toBe(true);
    const ports = elements.nodes.filter((n) => n.kind === 'port');
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.every((p) => out.has(p.id))).toBe(true);
  });
});

describe('zoomToRead', () => {
  it('is the zoom at which a label of that size is 7 px on screen', () => {
    expect(zoomToRead(21) * 21).toBeCloseTo(7);
    expect(zoomToRead(28, 9) * 28).toBeCloseTo(9);
  });
});

describe('splitDetail from a lower threshold', () => {
  it('sketches a small picture too, when asked to from fewer containers', () => {
    const { elements, positions } = picture(12);
    const far = splitDetail(elements, positions, { zoom: READABLE / 2, pan: { x: 0, y: 0 }, ...SCREEN }, READABLE, 10);
    expect(far.sketched.nodes.filter((n) => n.kind === 'container')).toHaveLength(12);
    const near = splitDetail(elements, positions, around(positions.get(elements.nodes.find((n) => n.kind === 'container')!.id)!, 1), READABLE, 10);
    expect(near.shown.nodes.filter((n) => n.kind === 'container').length).toBeGreaterThan(0);
  });
});
