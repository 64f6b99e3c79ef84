import { describe, expect, it } from 'vitest';
import type { Container, Network, Topology } from '../topology';
import { toElements, type GraphElements } from './elements';
import { layoutAll, placeNew, type Point, type Positions } from './layout';

const CLEAR_W = 160;
const CLEAR_H = 80;

function network(i: number, over: Partial<Network> = {}): Network {
  const name = `net${String(i).padStart(2, '0')}`;
  return {
    id: `n${i}`,
    name,
    driver: i % 5 === 4 ? 'overlay' : 'bridge',
    scope: i % 5 === 4 ? 'swarm' : 'local',
    internal: false,
    attachable: false,
    ingress: false,
    ipv6: false,
    predefined: false,
    subnets: [{ subnet: `10.${i}.0.0/16` }],
    labels: {},
    options: {},
    createdAt: `2024-06-11T08:${String(i % 60).padStart(2, '0')}:00Z`,
    ...over,
  };
}

function container(i: number, networks: Network[], over: Partial<Container> = {}): Container {
  return {
    id: `c${i}`,
    name: `ctr${String(i).padStart(4, '0')}`,
    image: 'busybox:1.36',
    state: i % 7 === 6 ? 'exited' : 'running',
    status: '',
    user: '',
    networkMode: networks[0]?.name ?? 'none',
    endpoints: networks.map((n, k) => ({
      networkId: n.id,
      networkName: n.name,
      ipv4: `10.${k}.${Math.floor(i / 250)}.${(i % 250) + 2}`,
      ipv6: '',
      mac: '',
      aliases: [],
    })),
    ports: [],
    labels: {},
    createdAt: '2024-06-11T09:00:00Z',
    ...over,
  };
}

function topology(networks: Network[], containers: Container[]): Topology {
  return {
    engine: {
      id: 'ENG',
      name: 'devbox',
      version: '27.3.1',
      apiVersion: '1.47',
      os: 'linux',
      arch: 'x86_64',
      endpoint: '',
      swarm: { state: 'inactive' },
    },
    networks,
    containers,
  };
}

/**
 * `containerCount` containers spread unevenly over `networkCount` networks (the first
 * network is the busiest), every third one on a second network, every fifth
 * publishing a port, plus the predefined bridge and host networks.
 */
function world(networkCount: number, containerCount: number): Topology {
  const nets = Array.from({ length: networkCount }, (_, i) => network(i));
  const bridge = network(90, { id: 'bridge', name: 'bridge', predefined: true });
  const host = network(91, { id: 'host', name: 'host', driver: 'host', predefined: true, subnets: [] });
  const containers = Array.from({ length: containerCount }, (_, i) => {
    const primary = nets[Math.floor(Math.sqrt(i * 7919) % networkCount)]!;
    const on = i % 3 === 0 ? [primary, nets[(i + 1) % networkCount]!] : i % 11 === 10 ? [bridge] : [primary];
    const ports = i % 5 === 0 ? [{ hostIp: i % 10 === 0 ? '0.0.0.0' : '127.0.0.1', hostPort: 8000 + i, containerPort: 80, protocol: 'tcp' }] : [];
    return container(i, on, { ports });
  });
  return topology([...nets, bridge, host], containers);
}

const placedNodes = (els: GraphElements) => els.nodes.filter((n) => n.kind !== 'scope');
const overlaps = (p: Point, q: Point) => Math.abs(p.x - q.x) < CLEAR_W && Math.abs(p.y - q.y) < CLEAR_H;

/** Every pair of nodes drawn on top of each other, by id. */
function overlapping(positions: Positions): string[] {
  const all = [...positions.entries()].sort((a, b) => a[1].x - b[1].x);
  const found: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length && all[j]![1].x - all[i]![1].x < CLEAR_W; j++) {
      if (overlaps(all[i]![1], all[j]![1])) found.push(`${all[i]![0]} × ${all[j]![0]}`);
    }
  }
  return found;
}

function at(positions: Positions, id: string): Point {
  const p = positions.get(id);
  if (!p) throw new Error(`${id} has no position`);
  return p;
}

describe('layoutAll', () => {
  it.each([
    ['~50 containers on ~10 networks', 10, 50],
    ['1,000 containers on 31 networks', 31, 1000],
  ])('positions every node but scope groups, with no two overlapping, for %s', (_, networks, containers) => {
    const els = toElements(world(networks, containers));
    const positions = layoutAll(els);
    expect([...positions.keys()].sort()).toEqual(
      placedNodes(els)
        .map((n) => n.id)
        .sort(),
    );
    for (const p of positions.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
    expect(overlapping(positions)).toEqual([]);
  });

  it('leaves scope groups to take the box of their networks', () => {
    const els = toElements(world(10, 50));
    const positions = layoutAll(els);
    expect(els.nodes.some((n) => n.kind === 'scope')).toBe(true);
    for (const n of els.nodes.filter((n) => n.kind === 'scope')) expect(positions.has(n.id)).toBe(false);
  });

  it('gives the same positions for the same elements', () => {
    const first = layoutAll(toElements(world(31, 1000)));
    const second = layoutAll(toElements(world(31, 1000)));
    expect([...second.entries()]).toEqual([...first.entries()]);
  });

  it('puts each driver above its networks, each network above its containers, each port below its container and the host at the bottom', () => {
    for (const els of [toElements(world(10, 50)), toElements(world(31, 1000))]) {
      const positions = layoutAll(els);
      const y = (id: string) => at(positions, id).y;
      const driverEdges = els.edges.filter((e) => e.kind === 'driver');
      expect(driverEdges.length).toBeGreaterThan(0);
      for (const e of driverEdges) expect(y(e.source), e.id).toBeLessThan(y(e.target));
      const containers = els.nodes.filter((n) => n.kind === 'container' && n.data.primaryNetwork);
      expect(containers.length).toBeGreaterThan(0);
      for (const c of containers) expect(y(c.id), c.id).toBeGreaterThan(y(`net:${String(c.data.primaryNetwork)}`));
      const publishes = els.edges.filter((e) => e.kind === 'publish');
      expect(publishes.length).toBeGreaterThan(0);
      for (const e of publishes) expect(y(e.source), e.id).toBeGreaterThan(y(e.target));
      const host = els.nodes.find((n) => n.kind === 'host')!.id;
      const others = [...positions].filter(([id]) => id !== host).map(([, p]) => p.y);
      expect(Math.max(...others)).toBeLessThan(y(host));
    }
  });

  it('puts a container close under its primary network', () => {
    const els = toElements(world(10, 50));
    const positions = layoutAll(els);
    for (const n of els.nodes.filter((n) => n.kind === 'container' && n.data.primaryNetwork)) {
      const net = at(positions, `net:${String(n.data.primaryNetwork)}`);
      const members = els.nodes.filter((m) => m.kind === 'container' && m.data.primaryNetwork === n.data.primaryNetwork).length;
      // Its grid is about sqrt(1.5 × members) cells of 190 px wide (one more with ports), centred on the network.
      expect(Math.abs(at(positions, n.id).x - net.x)).toBeLessThanOrEqual(((Math.ceil(Math.sqrt(members * 1.5)) + 1) * 190) / 2);
    }
  });

  it('positions the collapsed groups without overlap', () => {
    const els = toElements(world(31, 1000), { showStopped: true, showPredefined: true, collapsed: true });
    const positions = layoutAll(els);
    for (const n of placedNodes(els)) expect(positions.has(n.id), n.id).toBe(true);
    expect(overlapping(positions)).toEqual([]);
  });

  it('keeps ports bunched under one container inside their network’s column', () => {
    // Seven containers a grid of 4 + 3; the fourth publishes three ports, so its row of ports needs pulling back from the right.
    const a = network(1, { name: 'a' });
    const b = network(2, { name: 'b' });
    const tcp = (hostPort: number) => ({ hostIp: '0.0.0.0', hostPort, containerPort: 80, protocol: 'tcp' });
    const cs = [
      ...Array.from({ length: 7 }, (_, i) => container(i, [a], { state: 'running', ports: i === 3 ? [tcp(1003)] : [] })),
      ...Array.from({ length: 7 }, (_, i) =>
        container(10 + i, [b], { state: 'running', ports: i === 0 ? [tcp(2000)] : i === 3 ? [tcp(2001), tcp(2002), tcp(2003)] : [] }),
      ),
    ];
    const els = toElements(topology([a, b], cs));
    const positions = layoutAll(els);
    expect(overlapping(positions)).toEqual([]);
    const left = at(positions, 'net:n2').x - (4 * 190) / 2;
    for (const hostPort of [2000, 2001, 2002, 2003]) expect(at(positions, `port:0.0.0.0:${hostPort}/tcp`).x).toBeGreaterThanOrEqual(left);
  });

  it('lays out a host with no networks or containers', () => {
    const els = toElements(topology([], []));
    const positions = layoutAll(els);
    expect([...positions.keys()]).toEqual(['host:ENG']);
  });
});

describe('placeNew', () => {
  it('returns nothing when every node already has a position', () => {
    const els = toElements(world(10, 50));
    expect(placeNew(els, layoutAll(els)).size).toBe(0);
  });

  it('returns positions only for the nodes that have none, and leaves the existing ones alone', () => {
    const t = world(10, 50);
    const existing = layoutAll(toElements(t));
    const snapshot = new Map([...existing].map(([id, p]) => [id, { ...p }]));
    const nets = t.networks.slice(0, 2);
    t.containers.push(container(500, nets, { ports: [{ hostIp: '0.0.0.0', hostPort: 9999, containerPort: 80, protocol: 'tcp' }] }));
    const after = toElements(t);
    const added = placeNew(after, existing);
    expect([...added.keys()].sort()).toEqual(['ctr:c500', 'port:0.0.0.0:9999/tcp']);
    for (const id of added.keys()) expect(existing.has(id)).toBe(false);
    expect(existing).toEqual(snapshot);
  });

  it('places a new container near its primary network, overlapping nobody', () => {
    const t = world(10, 50);
    const existing = layoutAll(toElements(t));
    for (const [k, net] of t.networks.slice(0, 10).entries()) {
      const c = container(600 + k, [net]);
      const after = toElements({ ...t, containers: [...t.containers, c] });
      const added = placeNew(after, existing);
      const spot = at(added, `ctr:${c.id}`);
      expect(Math.abs(spot.x - at(existing, `net:${net.id}`).x), net.name).toBeLessThanOrEqual(600);
      expect(spot.y).toBeGreaterThan(at(existing, `net:${net.id}`).y);
      expect(overlapping(new Map([...existing, ...added]))).toEqual([]);
    }
  });

  it('never overlaps when 20 containers are added one at a time', () => {
    const t = world(10, 50);
    const positions = layoutAll(toElements(t));
    for (let k = 0; k < 20; k++) {
      const nets = [t.networks[k % 3]!, ...(k % 4 === 0 ? [t.networks[5]!] : [])];
      const ports = k % 3 === 0 ? [{ hostIp: '0.0.0.0', hostPort: 7000 + k, containerPort: 80, protocol: 'tcp' }] : [];
      t.containers.push(container(700 + k, nets, { ports }));
      const els = toElements(t);
      const added = placeNew(els, positions);
      expect(added.has(`ctr:c${700 + k}`)).toBe(true);
      for (const id of added.keys()) expect(positions.has(id)).toBe(false);
      for (const [id, p] of added) positions.set(id, p);
      expect(overlapping(positions), `after container ${k + 1}`).toEqual([]);
      expect(Math.abs(at(positions, `ctr:c${700 + k}`).x - at(positions, `net:${nets[0]!.id}`).x)).toBeLessThanOrEqual(600);
    }
  });

  it('places a new network in the network row without overlap', () => {
    const t = world(10, 50);
    const positions = layoutAll(toElements(t));
    const networkYs = new Set([...positions].filter(([id]) => id.startsWith('net:')).map(([, p]) => p.y));
    const fresh = network(40, { driver: 'macvlan' });
    t.networks.push(fresh);
    const added = placeNew(toElements(t), positions);
    expect([...added.keys()].sort()).toEqual(['drv:macvlan', 'net:n40']);
    expect(networkYs.has(at(added, 'net:n40').y)).toBe(true);
    expect(at(added, 'drv:macvlan').y).toBeLessThan(at(added, 'net:n40').y);
    expect(overlapping(new Map([...positions, ...added]))).toEqual([]);
  });

  it('places a new network with its first container under it', () => {
    const t = world(10, 50);
    const positions = layoutAll(toElements(t));
    const fresh = network(41);
    t.networks.push(fresh);
    t.containers.push(container(800, [fresh]));
    const added = placeNew(toElements(t), positions);
    const net = at(added, 'net:n41');
    const ctr = at(added, 'ctr:c800');
    expect([...positions].some(([id, p]) => id.startsWith('net:') && p.y === net.y)).toBe(true);
    expect(ctr.y).toBeGreaterThan(net.y);
    expect(Math.abs(ctr.x - net.x)).toBeLessThanOrEqual(600);
    expect(overlapping(new Map([...positions, ...added]))).toEqual([]);
  });

  it('places everything without overlap when nothing is on screen yet', () => {
    const els = toElements(world(10, 50));
    const added = placeNew(els, new Map());
    expect(added.size).toBe(placedNodes(els).length);
    expect(overlapping(added)).toEqual([]);
  });

  it('gives the same positions for the same elements and existing positions', () => {
    const t = world(10, 50);
    const existing = layoutAll(toElements(t));
    t.containers.push(container(900, [t.networks[2]!]));
    const els = toElements(t);
    expect([...placeNew(els, existing)]).toEqual([...placeNew(els, existing)]);
  });
});
