import { describe, expect, it } from 'vitest';
import { positionsOf } from '../../lib/graph/layout';
import { toElements } from '../../lib/graph/elements';
import { applyPatch } from '../../lib/patch';
import { byName, type Topology } from '../../lib/topology';
import { Generator, syntheticTopology } from '../../scripts/bench/synthetic';
import { SharedLayout } from './sharedLayout';

function pictures() {
  const gen = new Generator(5);
  const full = syntheticTopology(gen, 40);
  const empty: Topology = { ...full, networks: [], containers: [] };
  const home = full.networks.find((n) => n.name === 'app-net-03')!;
  const extra = gen.container('zz-extra', [home], true, true, false);
  const more: Topology = { ...full, containers: [...full.containers, extra].sort(byName) };
  return { empty, full, more, home };
}

describe('SharedLayout', () => {
  it('lays the first picture of an engine out whole', () => {
    const { empty, full } = pictures();
    const shared = new SharedLayout(empty);
    const change = shared.follow(full);
    expect(change).not.toBeNull();
    const fresh = new SharedLayout(full).current();
    expect(shared.current()).toEqual(fresh);
    expect(Object.keys(change!.grids).sort()).toEqual(Object.keys(fresh.grids).sort());
  });

  it('after a container is added, sends a change holding only its home box, and moves nothing else', () => {
    const { full, more, home } = pictures();
    const shared = new SharedLayout(full);
    const before = positionsOf(shared.current(), toElements(full));
    const change = shared.follow(more);
    expect(change).not.toBeNull();
    expect(Object.keys(change!.grids)).toEqual([`net:${home.id}`]);
    expect(change!.fixed).toEqual({});
    expect(change!.generation).toBe(1);
    const after = positionsOf(shared.current(), toElements(more));
    for (const [id, p] of before) if (!id.startsWith('scope:') && id !== `net:${home.id}`) expect(after.get(id), id).toEqual(p);
  });

  it('sends nothing when the picture did not change the arrangement', () => {
    const { full } = pictures();
    const shared = new SharedLayout(full);
    expect(shared.follow(full)).toBeNull();
  });

  it('bumps the generation on reset, for everyone', () => {
    const { full } = pictures();
    const shared = new SharedLayout(full);
    const change = shared.reset(full);
    expect(change.generation).toBe(2);
    expect(shared.current().generation).toBe(2);
    expect(shared.reset(full).generation).toBe(3);
  });

  it('a viewer applying the patches holds the same arrangement as the server', () => {
    const { full, more } = pictures();
    const shared = new SharedLayout(full);
    const snapshot = { epoch: 'e1', revision: 1, topology: full, layout: shared.current() };
    const layout = shared.follow(more)!;
    const result = applyPatch(snapshot, { epoch: 'e1', from: 1, to: 2, ops: [], layout: JSON.parse(JSON.stringify(layout)) as typeof layout });
    expect(result.applied).toBe(true);
    if (!result.applied) return;
    expect(result.snapshot.layout).toEqual(shared.current());
    expect(snapshot.layout).not.toBe(result.snapshot.layout);
    // A patch without a layout keeps the one there is.
    const next = applyPatch(result.snapshot, { epoch: 'e1', from: 2, to: 3, ops: [] });
    expect(next.applied && next.snapshot.layout).toEqual(shared.current());
  });
});
