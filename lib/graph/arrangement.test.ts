import { describe, expect, it } from 'vitest';
import { Generator, syntheticTopology } from '../../scripts/bench/synthetic';
import { byName, type Container, type Network, type Topology } from '../topology';
import { DEFAULT_OPTIONS, toElements, type GraphElements, type GraphOptions } from './elements';
import {
  applyArrangementChange,
  arrangementChange,
  CONTAINER_H,
  CONTAINER_W,
  gridRect,
  PORT_H,
  PORT_W,
  positionsOf,
  type Arrangement,
  type Placed,
  type Rect,
} from './layout';
import { arrange, rearrange, withExpanded } from './arrangement';

const ENGINE = syntheticTopology(new Generator(1), 0).engine;

function picture(networks: Network[], containers: Container[]): Topology {
  return { engine: ENGINE, networks: [...networks].sort(byName), containers: [...containers].sort(byName), nodes: [], services: [], tasks: [] };
}

/** bridge, host and none: what an engine has before anyone runs anything. */
function predefined(gen: Generator): Network[] {
  return [
    gen.network('bridge', 'bridge', 'local', 17, true),
    gen.network('host', 'host', 'local', null, true),
    gen.network('none', 'null', 'local', null, true),
  ];
}

/** A hand-made picture: two bridges, an overlay in swarm scope, a handful of containers, some on two networks, some published. */
function small(gen = new Generator(7)) {
  const [bridge, host, none] = predefined(gen) as [Network, Network, Network];
  const front = gen.network('front', 'bridge', 'local', 30);
  const back = gen.network('back', 'bridge', 'local', 31);
  const mesh = gen.network('mesh', 'overlay', 'swarm', 32);
  const containers = [
    gen.container('web', [front, back], true, true, false),
    gen.container('api', [back, mesh], true, true, false),
    gen.container('db', [back], true, false, false),
    gen.container('cache', [back], true, false, true),
    gen.container('job', [bridge], false, false, true),
    gen.container('probe', [host], true, false, true),
    gen.container('sealed', [none], true, false, false),
    gen.container('worker', [mesh], true, false, false),
  ];
  return { gen, networks: { bridge, host, none, front, back, mesh }, topology: picture([bridge, host, none, front, back, mesh], containers) };
}

const rectOfBox = (p: Placed): Rect => ({ x: p.x - p.w! / 2, y: p.y - p.h! / 2, w: p.w!, h: p.h! });
const rectAround = (p: Placed, w: number, h: number): Rect => ({ x: p.x - w / 2, y: p.y - h / 2, w, h });
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, box: Rect) => a.x >= box.x && a.y >= box.y && a.x + a.w <= box.x + box.w && a.y + a.h <= box.y + box.h;

function overlappingPairs(rects: [string, Rect][]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) if (overlap(rects[i]![1], rects[j]![1])) pairs.push(`${rects[i]![0]} × ${rects[j]![0]}`);
  return pairs;
}

/** Everything that must hold of any arrangement of these elements; returns what does not, in words. */
function problems(arrangement: Arrangement, els: GraphElements): string[] {
  const at = positionsOf(arrangement, els);
  const out: string[] = [];
  for (const n of els.nodes) if (n.kind !== 'group' && !at.has(n.id)) out.push(`${n.id} is not placed`);
  const boxes: [string, Rect][] = els.nodes.filter((n) => n.kind === 'network').map((n) => [n.id, rectOfBox(at.get(n.id)!)]);
  // The box of the containers on no network has no node, but takes ground all the same.
  if (arrangement.grids['']) boxes.push(['(no network)', gridRect(arrangement.grids[''])]);
  out.push(...overlappingPairs(boxes).map((p) => `boxes overlap: ${p}`));
  const scopes: [string, Rect][] = els.nodes.filter((n) => n.kind === 'scope' && at.has(n.id)).map((n) => [n.id, rectOfBox(at.get(n.id)!)]);
  out.push(...overlappingPairs(scopes).map((p) => `scopes overlap: ${p}`));
  const cells: [string, Rect][] = [
    ...els.nodes.filter((n) => n.kind === 'container').map((n): [string, Rect] => [n.id, rectAround(at.get(n.id)!, CONTAINER_W, CONTAINER_H)]),
    ...els.nodes.filter((n) => n.kind === 'port').map((n): [string, Rect] => [n.id, rectAround(at.get(n.id)!, PORT_W, PORT_H)]),
  ];
  out.push(...overlappingPairs(cells).map((p) => `nodes overlap: ${p}`));
  for (const n of els.nodes) {
    if (n.kind !== 'container' || !n.parent) continue;
    const box = boxes.find(([id]) => id === n.parent)?.[1];
    if (!box || !inside(rectAround(at.get(n.id)!, CONTAINER_W, CONTAINER_H), box)) out.push(`${n.id} lies outside its home ${n.parent}`);
  }
  for (const n of els.nodes) {
    if (n.kind !== 'scope' || !at.has(n.id)) continue;
    const scope = rectOfBox(at.get(n.id)!);
    for (const net of els.nodes.filter((m) => m.kind === 'network' && m.parent === n.id))
      if (!inside(rectOfBox(at.get(net.id)!), scope)) out.push(`${net.id} lies outside its scope ${n.id}`);
  }
  return out;
}

/** Nodes placed in both pictures that are drawn somewhere else in the second. */
function moved(before: Map<string, Placed>, after: Map<string, Placed>, except: (id: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const [id, p] of before) {
    const q = after.get(id);
    if (!q || except(id)) continue;
    if (q.x !== p.x || q.y !== p.y || q.w !== p.w || q.h !== p.h) out.push(`${id}: (${p.x}, ${p.y}) → (${q.x}, ${q.y})`);
  }
  return out;
}

/** The top-left corner of a box stays and it is at least as big as before. */
function onlyGrew(before: Placed, after: Placed): boolean {
  const a = rectOfBox(before);
  const b = rectOfBox(after);
  return a.x === b.x && a.y === b.y && b.w >= a.w && b.h >= a.h;
}

const isScope = (id: string) => id.startsWith('scope:');
/** A box's top-left corner: where it stays when it grows or shrinks. */
const corner = (p: Placed) => ({ x: p.x - (p.w ?? 0) / 2, y: p.y - (p.h ?? 0) / 2 });

/** A box, its containers and their ports. */
function boxContents(els: GraphElements, box: string): Set<string> {
  const members = new Set(els.nodes.filter((n) => n.kind === 'container' && n.parent === box).map((n) => n.id));
  for (const e of els.edges) if (e.kind === 'publish' && members.has(e.target)) members.add(e.source);
  return new Set([box, ...members]);
}

/**
 * What the home box of a change may do: grow in place (its corner stays), or, when
 * growing would run into a neighbour, move whole to free ground, every container
 * keeping its place within the box. Returns what it did otherwise.
 */
function homeProblems(els: GraphElements, before: Map<string, Placed>, after: Map<string, Placed>, box: string): string[] {
  const was = before.get(box);
  const now = after.get(box);
  if (!was || !now) return [];
  const a = rectOfBox(was);
  const b = rectOfBox(now);
  const out: string[] = [];
  if (b.w < a.w || b.h < a.h) out.push(`${box} shrank`);
  for (const n of els.nodes) {
    if (n.kind !== 'container' || n.parent !== box || !after.has(n.id) || !before.has(n.id)) continue;
    const p = before.get(n.id)!;
    const q = after.get(n.id)!;
    if (p.x - a.x !== q.x - b.x || p.y - a.y !== q.y - b.y) out.push(`${n.id} moved within ${box}`);
  }
  return out;
}

/** Lays `before` out, then follows it to `after`; returns the positions of both. */
function follow(before: Topology, after: Topology) {
  const first = toElements(before);
  const a = arrange(first);
  const second = toElements(after);
  const b = rearrange(a, second);
  return { before: positionsOf(a, first), after: positionsOf(b, second), arrangement: b, elements: second };
}

describe('arrange', () => {
  it('is deterministic: the same elements always give the same arrangement', () => {
    for (const count of [0, 8, 60]) {
      const one = arrange(toElements(syntheticTopology(new Generator(42), count)));
      const two = arrange(toElements(syntheticTopology(new Generator(42), count)));
      expect(two).toEqual(one);
    }
    expect(arrange(toElements(small().topology))).toEqual(arrange(toElements(small().topology)));
  });

  it.each([60, 300])('places every node of %i synthetic containers without overlaps, each container inside its home box', (count) => {
    const els = toElements(syntheticTopology(new Generator(42), count));
    expect(problems(arrange(els), els)).toEqual([]);
  });

  it('places a small hand-made picture without overlaps', () => {
    const els = toElements(small().topology);
    expect(problems(arrange(els), els)).toEqual([]);
  });

  it('places containers on no network, and an engine with nothing at all', () => {
    const gen = new Generator(3);
    const loose = [gen.container('loose-a', [], true, true, false), gen.container('loose-b', [], false, false, false)];
    const els = toElements(picture(predefined(gen), loose));
    const arrangement = arrange(els);
    expect(arrangement.grids['']).toBeDefined();
    expect(problems(arrangement, els)).toEqual([]);
    const empty = toElements(picture([], []));
    expect(problems(arrange(empty), empty)).toEqual([]);
  });

  it('puts each container in its home network’s box', () => {
    const { topology, networks } = small();
    const els = toElements(topology);
    const arrangement = arrange(els);
    const web = els.nodes.find((n) => n.data.name === 'web')!;
    expect(web.parent).toBe(`net:${networks.front.id}`);
    expect(arrangement.grids[`net:${networks.front.id}`]!.cells).toContain(web.id);
  });

  it('starts at generation 1, or the one it is given; Re-layout bumps it', () => {
    const els = toElements(small().topology);
    const first = arrange(els);
    expect(first.generation).toBe(1);
    const again = arrange(els, first.generation + 1);
    expect(again.generation).toBe(2);
    const change = arrangementChange(first, again);
    expect(change).not.toBeNull();
    expect(change!.generation).toBe(2);
    expect(applyArrangementChange(first, change!).generation).toBe(2);
  });
});

describe('rearrange keeps what is drawn where it was', () => {
  it('changes nothing when nothing changed', () => {
    const { topology } = small();
    const els = toElements(topology);
    const a = arrange(els);
    const b = rearrange(a, els);
    expect(positionsOf(b, els)).toEqual(positionsOf(a, els));
    expect(arrangementChange(a, b)).toBeNull();
  });

  it('hands back the very place of every container whose box a patch left alone', () => {
    const { gen, topology, networks } = small();
    const els = toElements(topology);
    const a = arrange(els);
    const extra = gen.container('extra', [networks.front], true, false, false);
    const next = toElements({ ...topology, containers: [...topology.containers, extra].sort(byName) });
    const b = rearrange(a, next);
    const [before, after] = [positionsOf(a, els), positionsOf(b, next)];
    const elsewhere = next.nodes.filter((n) => n.kind === 'container' && n.parent !== `net:${networks.front.id}`);
    expect(elsewhere.filter((n) => after.get(n.id) !== before.get(n.id)).map((n) => n.id)).toEqual([]);
    expect(elsewhere.length).toBeGreaterThan(3);
  });

  it('adds an unrelated container: only its home box may grow, nothing else moves', () => {
    const { gen, topology, networks } = small();
    const extra = gen.container('extra', [networks.front], true, true, false);
    const r = follow(topology, { ...topology, containers: [...topology.containers, extra].sort(byName) });
    const home = `net:${networks.front.id}`;
    expect(moved(r.before, r.after, (id) => id === home || isScope(id))).toEqual([]);
    expect(onlyGrew(r.before.get(home)!, r.after.get(home)!)).toBe(true);
    expect(r.after.has(`ctr:${extra.id}`)).toBe(true);
    expect(problems(r.arrangement, r.elements)).toEqual([]);
  });

  it('adds containers until a box is full: the box grows, or moves whole when it cannot, nothing else moves', () => {
    const { gen, topology, networks } = small();
    let before = topology;
    let arrangement = arrange(toElements(before));
    const home = `net:${networks.back.id}`;
    for (let i = 0; i < 12; i++) {
      const after = {
        ...before,
        containers: [...before.containers, gen.container(`more-${i}`, [networks.back], true, i % 3 === 0, false)].sort(byName),
      };
      const els = toElements(after);
      const next = rearrange(arrangement, els);
      const was = positionsOf(arrangement, toElements(before));
      const now = positionsOf(next, els);
      const carried = boxContents(toElements(before), home);
      expect(
        moved(was, now, (id) => carried.has(id) || isScope(id)),
        `step ${i}`,
      ).toEqual([]);
      expect(homeProblems(toElements(before), was, now, home), `step ${i}`).toEqual([]);
      expect(problems(next, els), `step ${i}`).toEqual([]);
      [before, arrangement] = [after, next];
    }
  });

  it('adds an unrelated network, empty or with a container: nothing else moves', () => {
    const { gen, topology } = small();
    const lonely = gen.network('lonely', 'bridge', 'local', 40);
    const r1 = follow(topology, { ...topology, networks: [...topology.networks, lonely].sort(byName) });
    expect(moved(r1.before, r1.after, isScope)).toEqual([]);
    expect(problems(r1.arrangement, r1.elements)).toEqual([]);

    const busy = gen.network('busy', 'macvlan', 'local', 41);
    const tenant = gen.container('tenant', [busy], true, true, false);
    const r2 = follow(topology, {
      ...topology,
      networks: [...topology.networks, busy].sort(byName),
      containers: [...topology.containers, tenant].sort(byName),
    });
    expect(moved(r2.before, r2.after, isScope)).toEqual([]);
    expect(problems(r2.arrangement, r2.elements)).toEqual([]);

    const swarm = gen.network('ov-new', 'overlay', 'swarm', 42);
    const r3 = follow(topology, { ...topology, networks: [...topology.networks, swarm].sort(byName) });
    expect(moved(r3.before, r3.after, isScope)).toEqual([]);
    expect(problems(r3.arrangement, r3.elements)).toEqual([]);
  });

  it('adds a published port to a running container: nothing but that container’s home box moves', () => {
    const { topology } = small();
    const db = topology.containers.find((c) => c.name === 'db')!;
    const published: Container = { ...db, ports: [{ hostIp: '0.0.0.0', hostPort: 5432, containerPort: 5432, protocol: 'tcp' }] };
    const r = follow(topology, { ...topology, containers: topology.containers.map((c) => (c.id === db.id ? published : c)) });
    const home = `net:${db.endpoints[0]!.networkId}`;
    expect(r.after.has('port:0.0.0.0:5432/tcp')).toBe(true);
    expect(moved(r.before, r.after, (id) => id === home || isScope(id))).toEqual([]);
    expect(onlyGrew(r.before.get(home)!, r.after.get(home)!)).toBe(true);
    expect(problems(r.arrangement, r.elements)).toEqual([]);
  });

  it('removes a container: nothing moves but its box, which may give back an emptied bottom row or right column and keeps its corner', () => {
    const { topology } = small();
    const web = topology.containers.find((c) => c.name === 'web')!;
    const home = toElements(topology).nodes.find((n) => n.id === `ctr:${web.id}`)!.parent!;
    const r = follow(topology, { ...topology, containers: topology.containers.filter((c) => c.name !== 'web') });
    expect(r.after.has(`ctr:${web.id}`)).toBe(false);
    expect(moved(r.before, r.after, (id) => isScope(id) || id === home)).toEqual([]);
    expect(corner(r.after.get(home)!)).toEqual(corner(r.before.get(home)!));
    expect(r.after.get(home)!.w).toBeLessThanOrEqual(r.before.get(home)!.w!);
    expect(problems(r.arrangement, r.elements)).toEqual([]);
  });

  it('stops a container, whose ports vanish: nothing moves', () => {
    const { topology } = small();
    const web = topology.containers.find((c) => c.name === 'web')!;
    expect(web.ports.length).toBeGreaterThan(0);
    const stopped: Container = { ...web, state: 'exited', ports: [], endpoints: web.endpoints.map((e) => ({ ...e, ipv4: '' })) };
    const r = follow(topology, { ...topology, containers: topology.containers.map((c) => (c.id === web.id ? stopped : c)) });
    expect([...r.after.keys()].filter((id) => id.startsWith('port:'))).toHaveLength(
      [...r.before.keys()].filter((id) => id.startsWith('port:')).length - 1,
    );
    expect(moved(r.before, r.after)).toEqual([]);
  });

  it('removes a network with its containers: nothing else moves', () => {
    const { topology, networks } = small();
    const r = follow(topology, {
      ...topology,
      networks: topology.networks.filter((n) => n.id !== networks.mesh.id),
      containers: topology.containers.filter((c) => !c.endpoints.some((e) => e.networkId === networks.mesh.id)),
    });
    expect(r.after.has(`net:${networks.mesh.id}`)).toBe(false);
    // Boxes that lost a container keep their corner; nothing else moves.
    const shrunk = (id: string) =>
      id.startsWith('net:') &&
      corner(r.after.get(id)!).x === corner(r.before.get(id)!).x &&
      corner(r.after.get(id)!).y === corner(r.before.get(id)!).y;
    expect(moved(r.before, r.after, (id) => isScope(id) || shrunk(id))).toEqual([]);
  });

  it.each([60, 300])('adds one container to %i synthetic containers: only its home box may grow or move whole, nothing else moves', (count) => {
    const gen = new Generator(42);
    const topology = syntheticTopology(gen, count);
    const home = topology.networks.find((n) => n.name === 'app-net-05')!;
    const extra = gen.container('zz-extra', [home, topology.networks.find((n) => n.name === 'app-net-06')!], true, true, false);
    const r = follow(topology, { ...topology, containers: [...topology.containers, extra].sort(byName) });
    const box = `net:${home.id}`;
    const carried = boxContents(toElements(topology), box);
    expect(moved(r.before, r.after, (id) => carried.has(id) || isScope(id))).toEqual([]);
    expect(homeProblems(toElements(topology), r.before, r.after, box)).toEqual([]);
    expect(problems(r.arrangement, r.elements)).toEqual([]);
  });

  it('adds 30 containers one at a time to an empty engine without ever overlapping boxes or moving what was placed', () => {
    const gen = new Generator(99);
    const base = predefined(gen);
    const nets = [
      ...base,
      ...Array.from({ length: 6 }, (_, i) => gen.network(`proj-${i}`, 'bridge', 'local', 50 + i)),
      gen.network('ov-a', 'overlay', 'swarm', 60),
      gen.network('lan', 'macvlan', 'local', 61),
    ];
    let topology = picture(base, []);
    let els = toElements(topology);
    let arrangement = arrange(els);
    for (let i = 0; i < 30; i++) {
      const on = [...new Set([nets[3 + ((i * 7) % (nets.length - 3))]!, ...(i % 4 === 0 ? [nets[3 + ((i * 3) % (nets.length - 3))]!] : [])])];
      const c = gen.container(`c-${String(i).padStart(2, '0')}`, i % 9 === 4 ? [base[0]!] : on, i % 5 !== 0, i % 3 === 0, false);
      const networks = [
        ...new Map([...topology.networks, ...c.endpoints.map((e) => nets.find((n) => n.id === e.networkId)!)].map((n) => [n.id, n])).values(),
      ];
      const next = picture(networks, [...topology.containers, c]);
      const nextEls = toElements(next);
      const nextArrangement = rearrange(arrangement, nextEls);
      const home = nextEls.nodes.find((n) => n.id === `ctr:${c.id}`)!.parent!;
      const was = positionsOf(arrangement, els);
      const now = positionsOf(nextArrangement, nextEls);
      expect(problems(nextArrangement, nextEls), `after ${c.name}`).toEqual([]);
      const carried = boxContents(els, home);
      expect(
        moved(was, now, (id) => carried.has(id) || isScope(id)),
        `after ${c.name}`,
      ).toEqual([]);
      expect(homeProblems(els, was, now, home), `after ${c.name}`).toEqual([]);
      [topology, els, arrangement] = [next, nextEls, nextArrangement];
    }
    expect(els.nodes.filter((n) => n.kind === 'container')).toHaveLength(30);
  });
});

describe('the compact arrangement: every network collapsed to its count', () => {
  const COLLAPSED: GraphOptions = { ...DEFAULT_OPTIONS, collapsed: true };
  const expanding = (...networkIds: string[]): GraphOptions => ({ ...COLLAPSED, expanded: networkIds });
  const area = (a: Arrangement, els: GraphElements) => {
    const boxes = els.nodes.filter((n) => n.kind === 'network').map((n) => rectOfBox(positionsOf(a, els).get(n.id)!));
    const [x1, y1] = [Math.min(...boxes.map((b) => b.x)), Math.min(...boxes.map((b) => b.y))];
    const [x2, y2] = [Math.max(...boxes.map((b) => b.x + b.w)), Math.max(...boxes.map((b) => b.y + b.h))];
    return (x2 - x1) * (y2 - y1);
  };

  it('gives each count a cell of its box, so 1,000 containers take a fraction of the ground', () => {
    const topology = syntheticTopology(new Generator(42), 1000);
    const full = toElements(topology);
    const compact = toElements(topology, COLLAPSED);
    const arrangement = arrange(compact);
    expect(problems(arrangement, compact)).toEqual([]);
    const at = positionsOf(arrangement, compact);
    for (const g of compact.nodes.filter((n) => n.kind === 'group')) {
      expect(arrangement.grids[g.parent!]!.cells).toContain(g.id);
      expect(inside(rectAround(at.get(g.id)!, CONTAINER_W, CONTAINER_H), rectOfBox(at.get(g.parent!)!))).toBe(true);
    }
    // The fit zoom of a picture goes with the square root of its ground.
    expect(area(arrangement, compact)).toBeLessThan(area(arrange(full), full) / 8);
  });

  it('opens an expanded network where its box is, with its containers as the full arrangement has them; the boxes in its way make room', () => {
    const { topology, networks } = small();
    const compact = arrange(toElements(topology, COLLAPSED));
    const full = arrange(toElements(topology));
    const els = toElements(topology, expanding(networks.back.id));
    const opened = withExpanded(compact, full, [networks.back.id], els);
    const box = `net:${networks.back.id}`;
    expect(problems(opened, els)).toEqual([]);
    expect(corner(positionsOf(opened, els).get(box)!)).toEqual(corner(positionsOf(compact, toElements(topology, COLLAPSED)).get(box)!));
    expect(opened.grids[box]!.cells).toEqual(full.grids[box]!.cells);
    expect(els.nodes.filter((n) => n.kind === 'container' && n.parent === box).length).toBeGreaterThan(2);
    // The same networks expanded give every viewer the same picture; none expanded is the compact arrangement itself.
    expect(withExpanded(compact, full, [networks.back.id], els)).toEqual(opened);
    expect(withExpanded(compact, full, [], toElements(topology, COLLAPSED))).toBe(compact);
  });

  it.each([60, 300])('expands the three largest of %i synthetic containers’ networks without overlaps', (count) => {
    const topology = syntheticTopology(new Generator(42), count);
    const compact = arrange(toElements(topology, COLLAPSED));
    const full = arrange(toElements(topology));
    const largest = topology.networks
      .map((n) => ({ id: n.id, size: full.grids[`net:${n.id}`]?.cells.length ?? 0 }))
      .sort((a, b) => b.size - a.size)
      .slice(0, 3)
      .map((n) => n.id);
    const els = toElements(topology, expanding(...largest));
    expect(problems(withExpanded(compact, full, largest, els), els)).toEqual([]);
  });

  it('follows a change like the full arrangement: an unrelated container moves nothing', () => {
    const { gen, topology, networks } = small();
    const before = toElements(topology, COLLAPSED);
    const a = arrange(before);
    const after = toElements(
      picture(Object.values(networks), [...topology.containers, gen.container('late', [networks.front], true, false, false)]),
      COLLAPSED,
    );
    const b = rearrange(a, after);
    expect(moved(positionsOf(a, before), positionsOf(b, after), isScope)).toEqual([]);
  });
});

describe('arrangementChange', () => {
  it('round-trips through applyArrangementChange, and through JSON, to the same positions', () => {
    const { gen, topology, networks } = small();
    const first = toElements(topology);
    const a = arrange(first);
    const added = gen.container('extra', [networks.mesh], true, true, false);
    const fresh = gen.network('fresh', 'bridge', 'local', 45);
    const next = picture(
      [...topology.networks, fresh],
      [...topology.containers.filter((c) => c.name !== 'db'), added, gen.container('newcomer', [fresh], true, false, false)],
    );
    const els = toElements(next);
    const b = rearrange(a, els);
    const change = arrangementChange(a, b);
    expect(change).not.toBeNull();
    const applied = applyArrangementChange(a, JSON.parse(JSON.stringify(change)) as typeof change & object);
    expect(positionsOf(applied, els)).toEqual(positionsOf(b, els));
    expect(applied).toEqual(b);
  });

  it('carries only the boxes that changed', () => {
    const { gen, topology, networks } = small();
    const a = arrange(toElements(topology));
    const b = rearrange(
      a,
      toElements({ ...topology, containers: [...topology.containers, gen.container('x', [networks.front], true, false, false)] }),
    );
    expect(Object.keys(arrangementChange(a, b)!.grids)).toEqual([`net:${networks.front.id}`]);
    expect(arrangementChange(a, b)!.fixed).toEqual({});
  });

  it('says a box is gone with null', () => {
    const { topology, networks } = small();
    const a = arrange(toElements(topology));
    const without = { ...topology, networks: topology.networks.filter((n) => n.id !== networks.front.id) };
    const b = rearrange(a, toElements(without));
    const change = arrangementChange(a, b)!;
    expect(change.grids[`net:${networks.front.id}`]).toBeNull();
    expect(applyArrangementChange(a, change).grids[`net:${networks.front.id}`]).toBeUndefined();
  });
});
