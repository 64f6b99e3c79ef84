import { describe, expect, it } from 'vitest';
import { Generator, syntheticTopology } from '../../scripts/bench/synthetic';
import { swarmPicture } from '../../scripts/testkit/syntheticSwarm';
import type { Topology } from '../topology';
import { arrange } from './arrangement';
import { toElements } from './elements';
import { boundsOf, engineElementId, engineGroupId, mergeEngines, splitEngineId, type EnginePart } from './engines';
import { positionsOf } from './layout';

/** A small engine: Docker's bridge, one network of its own with two containers, one publishing a port. */
function smallTopology(seed: number, engineId: string): Topology {
  const gen = new Generator(seed);
  const bridge = gen.network('bridge', 'bridge', 'local', 17, true);
  const app = gen.network('app', 'bridge', 'local', 30);
  const web = gen.container('web', [app, bridge], true, true, true);
  const db = gen.container('db', [app], true, false, false);
  return {
    engine: {
      id: engineId,
      name: 'host',
      version: '26.1.5+dfsg1',
      apiVersion: '1.45',
      os: 'linux',
      arch: 'amd64',
      endpoint: '',
      swarm: { state: 'inactive' },
    },
    networks: [app, bridge],
    containers: [db, web],
    nodes: [],
    services: [],
    tasks: [],
  };
}

function connected(name: string, topology: Topology): EnginePart {
  const elements = toElements(topology);
  return {
    name,
    endpoint: `unix:///run/${name}.sock`,
    status: 'connected',
    version: topology.engine.version,
    picture: { elements, positions: positionsOf(arrange(elements), elements) },
  };
}

const gone: EnginePart = {
  name: 'gone',
  endpoint: 'unix:///tmp/none.sock',
  status: 'unreachable',
  version: '',
  detail: 'connect ENOENT /tmp/none.sock',
};

describe('several engines on one map', () => {
  // Two daemons on one machine can report the same engine id (20.10 derives it from /etc/docker/key.json).
  const here = connected('here', smallTopology(1, 'SAME:ID'));
  const v26 = connected('v26', smallTopology(2, 'SAME:ID'));
  const merged = mergeEngines([here, v26, gone]);
  const ids = [...merged.elements.nodes, ...merged.elements.edges].map((e) => e.id);

  it('keeps the first engine’s ids exactly and puts the name and a slash before every other engine’s', () => {
    for (const n of here.picture!.elements.nodes) expect(ids).toContain(n.id);
    for (const e of here.picture!.elements.edges) expect(ids).toContain(e.id);
    for (const n of v26.picture!.elements.nodes) expect(ids).toContain(`v26/${n.id}`);
    expect(ids).toContain('host:SAME:ID');
    expect(ids).toContain('v26/host:SAME:ID');
    expect(ids).toContain('drv:bridge');
    expect(ids).toContain('v26/drv:bridge');
    expect(ids).toContain('v26/scope:local');
  });

  it('has no id twice, and every edge and parent names a node of the merged picture', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const nodes = new Set(merged.elements.nodes.map((n) => n.id));
    for (const e of merged.elements.edges) {
      expect(nodes.has(e.source), e.id).toBe(true);
      expect(nodes.has(e.target), e.id).toBe(true);
    }
    for (const n of merged.elements.nodes) if (n.parent !== undefined) expect(nodes.has(n.parent), n.id).toBe(true);
  });

  it('holds each engine’s picture in its group, named with its version and status, and tells which engine each element is on', () => {
    const group = merged.elements.nodes.find((n) => n.id === engineGroupId('v26'))!;
    expect(group.label).toBe('v26 · Docker 26.1.5\nconnected');
    expect(merged.elements.nodes.find((n) => n.id === 'v26/host:SAME:ID')!.parent).toBe(engineGroupId('v26'));
    expect(merged.elements.nodes.find((n) => n.id === 'host:SAME:ID')!.parent).toBe(engineGroupId('here'));
    const v26Net = merged.elements.nodes.find((n) => n.kind === 'network' && n.data.engine === 'v26' && n.data.name === 'app')!;
    expect(v26Net.id).toMatch(/^v26\/net:/);
    expect(merged.elements.edges.filter((e) => e.data.engine === 'v26')).toHaveLength(v26.picture!.elements.edges.length);
  });

  it('draws an unreachable engine as its group with its status in words and nothing in it', () => {
    const group = merged.elements.nodes.find((n) => n.id === engineGroupId('gone'))!;
    expect(group.label).toBe('gone · unix:///tmp/none.sock\nunreachable: connect ENOENT /tmp/none.sock');
    expect(group.classes).toContain('engine-unreachable');
    expect(merged.elements.nodes.filter((n) => n.data.engine === 'gone')).toEqual([group]);
  });

  it('places every engine’s picture inside its group, and no two groups overlap', () => {
    const groups = ['here', 'v26', 'gone'].map((name) => merged.positions.get(engineGroupId(name))!);
    for (const name of ['here', 'v26']) {
      const g = merged.positions.get(engineGroupId(name))!;
      const inside = new Map(
        [...merged.positions].filter(([id]) => merged.elements.nodes.find((n) => n.id === id)?.data.engine === name && !id.startsWith('engine:')),
      );
      const b = boundsOf(inside)!;
      expect(b.x).toBeGreaterThanOrEqual(g.x - g.w! / 2);
      expect(b.y).toBeGreaterThan(g.y - g.h! / 2);
      expect(b.x + b.w).toBeLessThanOrEqual(g.x + g.w! / 2);
      expect(b.y + b.h).toBeLessThanOrEqual(g.y + g.h! / 2);
    }
    for (const [i, a] of groups.entries())
      for (const b of groups.slice(i + 1)) {
        const apart = Math.abs(a.x - b.x) >= (a.w! + b.w!) / 2 || Math.abs(a.y - b.y) >= (a.h! + b.h!) / 2;
        expect(apart).toBe(true);
      }
  });

  it('sets a last row that is not full to the right, clear of the activity ticker bottom left', () => {
    const [first, , last] = ['here', 'v26', 'gone'].map((name) => merged.positions.get(engineGroupId(name))!);
    expect(last!.y).toBeGreaterThan(first!.y + first!.h! / 2);
    expect(last!.x - last!.w! / 2).toBeGreaterThan(first!.x + first!.w! / 2);
  });

  it('makes an unreachable engine’s group tall enough for its status and why, however long', () => {
    const long = { ...gone, detail: 'No Docker Engine answers on unix:///tmp/none.sock. '.repeat(6) };
    const short = mergeEngines([here, gone]).positions.get(engineGroupId('gone'))!;
    const tall = mergeEngines([here, long]).positions.get(engineGroupId('gone'))!;
    expect(tall.h!).toBeGreaterThan(short.h! * 2);
  });

  it('keeps an engine’s unchanged elements the same objects from one merge to the next, so only what changed is redrawn', () => {
    const again = mergeEngines([here, v26, gone]);
    const before = new Map(merged.elements.nodes.map((n) => [n.id, n]));
    for (const n of again.elements.nodes) if (n.kind !== 'engine') expect(n).toBe(before.get(n.id));
  });

  it('an engine that comes back brings its picture into its group', () => {
    const back = mergeEngines([here, v26, connected('gone', smallTopology(3, 'OTHER'))]);
    expect(back.elements.nodes.some((n) => n.id === 'gone/host:OTHER' && n.parent === engineGroupId('gone'))).toBe(true);
    expect(back.elements.nodes.find((n) => n.id === engineGroupId('gone'))!.label).toMatch(/\nconnected$/);
  });

  it('holds a swarm manager’s nodes, services, tasks and bands in its group, under its name', () => {
    const swarm = connected('lab', swarmPicture());
    const all = mergeEngines([here, swarm]);
    const lab = all.elements.nodes.filter((n) => n.data.engine === 'lab' && n.kind !== 'engine');
    for (const kind of ['swarm-node', 'service', 'task', 'span'] as const) {
      const own = swarm.picture!.elements.nodes.filter((n) => n.kind === kind);
      expect(own.length, kind).toBeGreaterThan(0);
      expect(lab.filter((n) => n.kind === kind).map((n) => n.id)).toEqual(own.map((n) => `lab/${n.id}`));
    }
    // Each is placed, inside the group.
    const g = all.positions.get(engineGroupId('lab'))!;
    for (const n of lab) {
      const at = all.positions.get(n.id);
      if (!at) continue;
      expect(Math.abs(at.x - g.x), n.id).toBeLessThanOrEqual(g.w! / 2);
      expect(Math.abs(at.y - g.y), n.id).toBeLessThanOrEqual(g.h! / 2);
    }
    expect(lab.filter((n) => all.positions.has(n.id)).length).toBe(lab.filter((n) => swarm.picture!.positions.has(splitEngineId(n.id).id)).length);
  });

  it('gives a large map group headings of 12 px or more once it fits a 1280×720 screen', () => {
    const big = connected('here', syntheticTopology(new Generator(7), 300));
    const all = mergeEngines([big, v26, gone]);
    const b = boundsOf(all.positions)!;
    // The page's header takes about 100 px of a 720 px window.
    const zoom = Math.min(1280 / b.w, 620 / b.h);
    const font = Number(all.elements.nodes.find((n) => n.kind === 'engine')!.data.fontSize);
    expect(font * zoom).toBeGreaterThanOrEqual(12);
  });
});

describe('engine ids', () => {
  it('reads the engine and the id on its own map back from an id of the merged picture', () => {
    expect(splitEngineId('net:abc')).toEqual({ engine: null, id: 'net:abc' });
    expect(splitEngineId('v26/net:abc')).toEqual({ engine: 'v26', id: 'net:abc' });
    // A port's id holds a slash of its own.
    expect(splitEngineId('port:0.0.0.0:8080/tcp')).toEqual({ engine: null, id: 'port:0.0.0.0:8080/tcp' });
    expect(splitEngineId('lab-2.eu/port:0.0.0.0:8080/tcp')).toEqual({ engine: 'lab-2.eu', id: 'port:0.0.0.0:8080/tcp' });
    expect(splitEngineId(engineElementId('v26', 'pub:127.0.0.1:80/udp:c1'))).toEqual({ engine: 'v26', id: 'pub:127.0.0.1:80/udp:c1' });
    expect(engineElementId(null, 'ctr:1')).toBe('ctr:1');
  });
});
