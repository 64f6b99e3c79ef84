import { describe, expect, it } from 'vitest';
import { nodeDownOps, OVERLAY, SWARM, swarmPicture, taskMovedOps } from '../../scripts/testkit/syntheticSwarm';
import { applyOps } from '../patch';
import type { PatchOp, Service, SwarmNode, Task, Topology } from '../topology';
import { arrange, rearrange } from './arrangement';
import { toElements, type GraphElements } from './elements';
import {
  applyArrangementChange,
  arrangementChange,
  ASPECT,
  CELL_W,
  CONTAINER_H,
  PORT_H,
  PORT_W,
  positionsOf,
  SWARM_NODE_H,
  SWARM_NODE_W,
  type Arrangement,
  type Placed,
  type Rect,
} from './layout';

const { nodes: N, tasks: T, services: S, networks: NET, containers: C } = SWARM;

const box = (p: Placed): Rect => ({ x: p.x - p.w! / 2, y: p.y - p.h! / 2, w: p.w!, h: p.h! });
const around = (p: Placed, w: number, h: number): Rect => ({ x: p.x - w / 2, y: p.y - h / 2, w, h });
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/** The size a node takes on the map, for the overlap checks. */
function sizeOf(kind: string): [number, number] | null {
  if (kind === 'container' || kind === 'task' || kind === 'service') return [CELL_W - 4, CONTAINER_H];
  if (kind === 'port') return [PORT_W, PORT_H];
  if (kind === 'swarm-node') return [SWARM_NODE_W, SWARM_NODE_H];
  return null;
}

/** What must hold of any arrangement of a swarm, in words. */
function problems(arrangement: Arrangement, els: GraphElements): string[] {
  const at = positionsOf(arrangement, els);
  const out: string[] = [];
  for (const n of els.nodes) if (!at.has(n.id)) out.push(`${n.id} is not placed`);
  const cards = els.nodes.flatMap((n) => {
    const size = sizeOf(n.kind);
    return size && at.has(n.id) ? [[n.id, around(at.get(n.id)!, ...size)] as const] : [];
  });
  for (const [i, [a, ra]] of cards.entries()) for (const [b, rb] of cards.slice(i + 1)) if (overlap(ra, rb)) out.push(`${a} × ${b}`);
  const boxes = els.nodes.filter((n) => n.kind === 'network').map((n) => [n.id, box(at.get(n.id)!)] as const);
  for (const [i, [a, ra]] of boxes.entries()) for (const [b, rb] of boxes.slice(i + 1)) if (overlap(ra, rb)) out.push(`boxes ${a} × ${b}`);
  // Every card of a band lies inside its band; every node of the swarm inside the frame of its scope.
  for (const n of els.nodes) {
    const size = sizeOf(n.kind);
    if (!size || !n.parent?.startsWith('net:') || !at.has(n.id)) continue;
    if (!inside(around(at.get(n.id)!, ...size), box(at.get(n.parent)!))) out.push(`${n.id} lies outside ${n.parent}`);
  }
  const swarm = box(at.get('scope:swarm')!);
  for (const n of els.nodes.filter((m) => m.parent === 'scope:swarm' && at.has(m.id))) {
    const size = sizeOf(n.kind);
    const r = size ? around(at.get(n.id)!, ...size) : box(at.get(n.id)!);
    if (!inside(r, swarm)) out.push(`${n.id} lies outside the swarm scope`);
  }
  if (overlap(box(at.get('scope:local')!), swarm)) out.push('the scopes overlap');
  return out;
}

/** Nodes placed in both that are drawn elsewhere, or at another size, in the second. */
function moved(before: Map<string, Placed>, after: Map<string, Placed>): string[] {
  return [...before].flatMap(([id, p]) => {
    const q = after.get(id);
    return q && (q.x !== p.x || q.y !== p.y || q.w !== p.w || q.h !== p.h)
      ? [`${id}: (${p.x}, ${p.y}, ${p.w}×${p.h}) → (${q.x}, ${q.y}, ${q.w}×${q.h})`]
      : [];
  });
}

function follow(before: Topology, ops: PatchOp[]) {
  const first = toElements(before);
  const a = arrange(first);
  const after = applyOps(before, ops);
  const second = toElements(after);
  const b = rearrange(a, second);
  return { before: positionsOf(a, first), after: positionsOf(b, second), arrangement: b, elements: second };
}

const isScope = (id: string) => id.startsWith('scope:');

describe('the swarm’s arrangement', () => {
  const picture = swarmPicture();
  const els = toElements(picture);
  const arrangement = arrange(els);
  const at = positionsOf(arrangement, els);
  const x = (id: string) => at.get(id)!.x;

  it('places every node of a three-node swarm without overlaps, each card inside its band and the swarm in its scope', () => {
    expect(problems(arrangement, els)).toEqual([]);
  });

  it('lays the local scope out narrow beside the swarm, so the whole picture keeps a screen’s shape and the room’s type its size', () => {
    const [local, swarm] = [box(at.get('scope:local')!), box(at.get('scope:swarm')!)];
    expect(local.x + local.w).toBeLessThan(swarm.x);
    const width = swarm.x + swarm.w - Math.min(local.x, x(`host:${SWARM.engineId}`) - 160);
    const height = Math.max(local.y + local.h, swarm.y + swarm.h) - Math.min(local.y, swarm.y);
    expect(width / height).toBeLessThanOrEqual(ASPECT + 0.2);
  });

  it('is deterministic', () => {
    expect(arrange(toElements(swarmPicture()))).toEqual(arrangement);
  });

  it('gives each node a column headed by its card: a task, its host-mode port and a mesh port sit under their node', () => {
    const columns = [N.manager, N.worker1, N.worker2].map((n) => x(`node:${n}`));
    expect(new Set(columns).size).toBe(3);
    expect([T.web1, T.web2, T.web3].map((t) => x(`task:${t}`))).toEqual(columns);
    expect([N.manager, N.worker1, N.worker2].map((n) => x(`mesh:${n}:8080/tcp`))).toEqual(columns);
    expect(x(`task:${T.edge1}`)).toBe(x(`node:${N.worker1}`));
    expect(x(`nodeport:${N.worker1}:9090/tcp`)).toBe(x(`node:${N.worker1}`));
    expect(at.get(`nodeport:${N.worker1}:9090/tcp`)!.y).toBeGreaterThan(at.get(`task:${T.edge1}`)!.y);
    // The plain container runs on the manager: its column.
    expect(x(`ctr:${C.probe}`)).toBe(x(`node:${N.manager}`));
  });

  it('heads each service’s row with its card, left of the nodes’ columns, its tasks across them', () => {
    const web = at.get(`svc:${S.web}`)!;
    expect(web.x).toBeLessThan(Math.min(...[N.manager, N.worker1, N.worker2].map((n) => x(`node:${n}`))));
    expect([T.web1, T.web2, T.web3].map((t) => at.get(`task:${t}`)!.y)).toEqual([web.y, web.y, web.y]);
    expect(at.get(`task:${T.edge1}`)!.y).toBe(at.get(`svc:${S.edge}`)!.y);
  });

  it('draws each overlay once, as a band across the columns, ingress under the nodes’ cards, and its spans in the columns it is on', () => {
    const [ingress, front] = [box(at.get(`net:${NET.ingress}`)!), box(at.get(`net:${NET.front}`)!)];
    expect(ingress.x).toBe(front.x);
    expect(ingress.w).toBe(front.w);
    expect(ingress.y).toBeGreaterThan(at.get(`node:${N.manager}`)!.y);
    expect(front.y).toBeGreaterThan(ingress.y + ingress.h);
    for (const n of [N.manager, N.worker1, N.worker2]) {
      const span = box(at.get(`span:${NET.front}:${n}`)!);
      expect(span.x + span.w / 2).toBe(x(`node:${n}`));
      expect(inside(span, front)).toBe(true);
    }
  });

  it('keeps a node that goes down where it is, and moves nothing on screen but the replica the swarm started again', () => {
    const { before, after, arrangement: b, elements } = follow(picture, nodeDownOps(picture));
    expect(moved(before, after).filter((id) => !isScope(id))).toEqual([]);
    expect(after.has(`task:${T.web3b}`)).toBe(true);
    expect(after.get(`task:${T.web3b}`)!.x).toBe(after.get(`node:${N.manager}`)!.x);
    expect(problems(b, elements)).toEqual([]);
  });

  it('moves a task whose node changes from worker-2 to the manager, and nothing else', () => {
    const { before, after, arrangement: b, elements } = follow(picture, taskMovedOps(picture, T.web3, N.manager));
    expect(moved(before, after).filter((id) => !isScope(id))).toEqual([expect.stringMatching(new RegExp(`^task:${T.web3}: `))]);
    expect(after.get(`task:${T.web3}`)!.x).toBe(after.get(`node:${N.manager}`)!.x);
    // worker-2 no longer has the overlay: its span goes, nothing is drawn in its place.
    expect(after.has(`span:${NET.front}:${N.worker2}`)).toBe(false);
    expect(problems(b, elements)).toEqual([]);
  });

  it('adds a node in a new column: every card keeps its place, the bands keep their corners and widen', () => {
    const worker3: SwarmNode = { ...picture.nodes[2]!, id: 'wrk3node'.padEnd(25, '0'), hostname: 'worker-3', addr: '192.0.2.14' };
    const { before, after, arrangement: b, elements } = follow(picture, [{ op: 'upsert', kind: 'node', value: worker3 }]);
    const bands = new Set([`net:${NET.ingress}`, `net:${NET.front}`]);
    expect(moved(before, after).filter((id) => !isScope(id) && !bands.has(id.split(': ')[0]!))).toEqual([]);
    for (const band of bands) {
      const [was, now] = [box(before.get(band)!), box(after.get(band)!)];
      expect([now.x, now.y, now.h]).toEqual([was.x, was.y, was.h]);
      expect(now.w).toBe(was.w + CELL_W);
    }
    expect(after.get(`node:${worker3.id}`)!.x).toBeGreaterThan(after.get(`node:${N.worker2}`)!.x);
    // The routing mesh answers on the new node too.
    expect(after.get(`mesh:${worker3.id}:8080/tcp`)!.x).toBe(after.get(`node:${worker3.id}`)!.x);
    expect(problems(b, elements)).toEqual([]);
  });

  it('removes a node: nothing else moves', () => {
    const { before, after } = follow(picture, [
      { op: 'remove', kind: 'node', id: N.worker2 },
      { op: 'remove', kind: 'task', id: T.web3 },
    ]);
    expect(moved(before, after).filter((id) => !isScope(id))).toEqual([]);
    expect(after.has(`node:${N.worker2}`)).toBe(false);
  });

  it('opens a new overlay with its service as a band under the lowest one, moving nothing', () => {
    const back = { ...picture.networks.find((n) => n.id === NET.front)!, id: 'ptlsmback'.padEnd(26, '0'), name: 'ptl-sm-back', attachable: false };
    const db: Service = {
      ...picture.services.find((s) => s.id === S.web)!,
      id: 'dbsvc'.padEnd(25, '0'),
      name: 'db',
      replicas: 1,
      running: 1,
      ports: [],
      networks: [back.id],
    };
    const dbTask: Task = {
      id: 'db1task'.padEnd(25, '0'),
      serviceId: db.id,
      nodeId: N.worker2,
      slot: 1,
      state: 'running',
      desiredState: 'running',
      endpoints: [{ networkId: back.id, ipv4: '10.0.2.3' }],
    };
    const {
      before,
      after,
      arrangement: b,
      elements,
    } = follow(picture, [
      { op: 'upsert', kind: 'network', value: back },
      { op: 'upsert', kind: 'service', value: db },
      { op: 'upsert', kind: 'task', value: dbTask },
    ]);
    expect(moved(before, after).filter((id) => !isScope(id))).toEqual([]);
    expect(box(after.get(`net:${back.id}`)!).y).toBeGreaterThan(box(after.get(`net:${NET.front}`)!).y);
    expect(after.get(`task:${dbTask.id}`)!.x).toBe(after.get(`node:${N.worker2}`)!.x);
    expect(problems(b, elements)).toEqual([]);
  });

  it('grows a band whose column is full; when it would run into the band under it, it moves whole and nothing else does', () => {
    // Three more replicas of edge, all on worker-1: its column of the overlay's band overflows.
    const more = [2, 3, 4].map((slot): PatchOp => ({
      op: 'upsert',
      kind: 'task',
      value: {
        ...picture.tasks.find((t) => t.id === T.edge1)!,
        id: `edge${slot}task`.padEnd(25, '0'),
        slot,
        endpoints: [{ networkId: NET.front, ipv4: `10.0.1.${30 + slot}` }],
      },
    }));
    // ingress grows too: two more services publish through the mesh, each port a row on every node; one fits its free row.
    const publishing = [8081, 8082].map((port): PatchOp => ({
      op: 'upsert',
      kind: 'service',
      value: {
        ...picture.services.find((s) => s.id === S.web)!,
        id: `svc${port}`.padEnd(25, '0'),
        name: `api${port}`,
        ports: [{ targetPort: 80, publishedPort: port, protocol: 'tcp', publishMode: 'ingress' }],
      },
    }));
    const { before, after, arrangement: b, elements } = follow(picture, [...more, ...publishing]);
    expect(problems(b, elements)).toEqual([]);
    const front = `net:${NET.front}`;
    const ingress = `net:${NET.ingress}`;
    const [wasFront, nowFront] = [box(before.get(front)!), box(after.get(front)!)];
    expect([nowFront.x, nowFront.y]).toEqual([wasFront.x, wasFront.y]);
    expect(nowFront.h).toBeGreaterThan(wasFront.h);
    // ingress could not grow in place without running into the overlay's band: it moved whole, its ports with it.
    const [wasIngress, nowIngress] = [box(before.get(ingress)!), box(after.get(ingress)!)];
    expect(nowIngress.x).toBe(wasIngress.x);
    expect(nowIngress.y).toBeGreaterThan(nowFront.y + nowFront.h);
    const withIngress = new Set([ingress, ...elements.nodes.filter((n) => n.parent === ingress).map((n) => n.id)]);
    const withFront = new Set([front, ...elements.nodes.filter((n) => n.parent === front).map((n) => n.id)]);
    expect(
      moved(before, after).filter((line) => !isScope(line) && !withIngress.has(line.split(': ')[0]!) && !withFront.has(line.split(': ')[0]!)),
    ).toEqual([]);
    // Within the overlay's band every card kept its place; only the band and its spans grew.
    const cardsOfFront = (line: string) => withFront.has(line.split(': ')[0]!) && line.split(': ')[0] !== front && !line.startsWith('span:');
    expect(moved(before, after).filter(cardsOfFront)).toEqual([]);
  });

  it('carries its changes through arrangementChange and JSON to the same positions', () => {
    const after = applyOps(picture, nodeDownOps(picture));
    const next = rearrange(arrangement, toElements(after));
    const change = JSON.parse(JSON.stringify(arrangementChange(arrangement, next)));
    const rebuilt = applyArrangementChange(arrangement, change);
    expect(positionsOf(rebuilt, toElements(after))).toEqual(positionsOf(next, toElements(after)));
  });

  it('makes room for a swarm that appears in a running picture, on free ground right of the local scope', () => {
    const local: Topology = { ...picture, nodes: [], services: [], tasks: [] };
    const a = arrange(toElements(local));
    const els2 = toElements(picture);
    const b = rearrange(a, els2);
    expect(problems(b, els2)).toEqual([]);
    expect(problems(rearrange(b, els2), els2)).toEqual([]);
  });

  it('keeps the overlay’s name and the plain container in view of the engine that is not a manager', () => {
    const worker: Topology = { ...picture, nodes: [], services: [], tasks: [] };
    const e = toElements(worker);
    expect(positionsOf(arrange(e), e).has(`ctr:${C.probe}`)).toBe(true);
    expect(e.nodes.find((n) => n.id === `net:${NET.front}`)!.data.name).toBe(OVERLAY);
  });
});
