import { describe, expect, it } from 'vitest';
import { dequal } from 'dequal/lite';
import { applyOps, applyPatch, diffTopology } from './patch';
import {
  emptyEngine,
  type Container,
  type Network,
  type PatchOp,
  type Service,
  type SwarmNode,
  type Task,
  type Topology,
  type TopologySnapshot,
} from './topology';
import { container as aContainer, endpoint, network as aNetwork, topology as picture } from './testing/topology';

/** This file's networks have a subnet, and its containers sit on demo-net with an address there, as `docker run --network demo-net` leaves them. */
const network = (name: string, overrides: Partial<Network> = {}): Network =>
  aNetwork(name, { subnets: [{ subnet: '172.18.0.0/16', gateway: '172.18.0.1' }], ...overrides });

const container = (name: string, overrides: Partial<Container> = {}): Container =>
  aContainer(name, {
    image: 'nginx:1.27-alpine',
    status: 'Up since 2024-06-11T08:31:03Z',
    networkMode: 'demo-net',
    endpoints: [{ ...endpoint(network('demo-net'), '172.18.0.2'), mac: '02:42:ac:12:00:02', aliases: [name] }],
    ...overrides,
  });

const engine = emptyEngine('unix:///var/run/docker.sock');
const topology = (networks: Network[], containers: Container[]): Topology => picture(networks, containers, engine);

function snapshot(revision: number, topo: Topology, epoch = 'epoch-a'): TopologySnapshot {
  return { epoch, revision, topology: topo };
}

const bridge = network('bridge', {
  predefined: true,
  subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
});
const demo = network('demo-net');
const web1 = container('web1');
const web2 = container('web2');

describe('applyPatch', () => {
  it('applies a patch that follows the snapshot and moves to its revision', () => {
    const base = snapshot(4, topology([bridge], [web1]));
    const result = applyPatch(base, {
      epoch: 'epoch-a',
      from: 4,
      to: 5,
      ops: [
        { op: 'upsert', kind: 'network', value: demo },
        { op: 'upsert', kind: 'container', value: web2 },
      ],
    });
    expect(result).toEqual({
      applied: true,
      snapshot: snapshot(5, topology([bridge, demo], [web1, web2])),
    });
  });

  it('keeps networks and containers sorted by name after inserting', () => {
    const zeta = network('zeta');
    const alpha = network('alpha');
    const base = snapshot(1, topology([bridge, zeta], [web2]));
    const result = applyPatch(base, {
      epoch: 'epoch-a',
      from: 1,
      to: 2,
      ops: [
        { op: 'upsert', kind: 'network', value: alpha },
        { op: 'upsert', kind: 'network', value: demo },
        { op: 'upsert', kind: 'container', value: web1 },
      ],
    });
    expect(result.applied && result.snapshot.topology.networks.map((n) => n.name)).toEqual(['alpha', 'bridge', 'demo-net', 'zeta']);
    expect(result.applied && result.snapshot.topology.containers.map((c) => c.name)).toEqual(['web1', 'web2']);
  });

  it('replaces an object on upsert with the same id, moving it when its name changed', () => {
    const renamed = {
      ...web1,
      name: 'zz-web',
      state: 'exited',
      status: 'Exited (0) at 2024-06-11T09:00:00Z',
    };
    const base = snapshot(7, topology([demo], [web1, web2]));
    const result = applyPatch(base, {
      epoch: 'epoch-a',
      from: 7,
      to: 8,
      ops: [{ op: 'upsert', kind: 'container', value: renamed }],
    });
    expect(result).toEqual({
      applied: true,
      snapshot: snapshot(8, topology([demo], [web2, renamed])),
    });
  });

  it('deletes objects named by remove ops, and ignores a remove of an unknown id', () => {
    const base = snapshot(2, topology([bridge, demo], [web1, web2]));
    const result = applyPatch(base, {
      epoch: 'epoch-a',
      from: 2,
      to: 3,
      ops: [
        { op: 'remove', kind: 'container', id: web1.id },
        { op: 'remove', kind: 'network', id: demo.id },
        { op: 'remove', kind: 'network', id: 'never-existed' },
      ],
    });
    expect(result).toEqual({
      applied: true,
      snapshot: snapshot(3, topology([bridge], [web2])),
    });
  });

  it('removes only the kind named: a network remove with a container id leaves the container', () => {
    const base = snapshot(2, topology([demo], [web1]));
    const result = applyPatch(base, {
      epoch: 'epoch-a',
      from: 2,
      to: 3,
      ops: [{ op: 'remove', kind: 'network', id: web1.id }],
    });
    expect(result).toEqual({
      applied: true,
      snapshot: snapshot(3, topology([demo], [web1])),
    });
  });

  it('applies ops in order: an upsert after a remove of the same id brings it back', () => {
    const restarted = { ...web1, status: 'Up since 2024-06-11T10:00:00Z' };
    const base = snapshot(2, topology([], [web1]));
    const inOrder = applyPatch(base, {
      epoch: 'epoch-a',
      from: 2,
      to: 3,
      ops: [
        { op: 'remove', kind: 'container', id: web1.id },
        { op: 'upsert', kind: 'container', value: restarted },
      ],
    });
    expect(inOrder).toEqual({
      applied: true,
      snapshot: snapshot(3, topology([], [restarted])),
    });

    const reversed = applyPatch(base, {
      epoch: 'epoch-a',
      from: 2,
      to: 3,
      ops: [
        { op: 'upsert', kind: 'container', value: restarted },
        { op: 'remove', kind: 'container', id: web1.id },
      ],
    });
    expect(reversed).toEqual({
      applied: true,
      snapshot: snapshot(3, topology([], [])),
    });
  });

  it('does not mutate the snapshot it is given', () => {
    const base = snapshot(4, topology([bridge, demo], [web1]));
    const copy = structuredClone(base);
    const result = applyPatch(base, {
      epoch: 'epoch-a',
      from: 4,
      to: 5,
      ops: [
        { op: 'upsert', kind: 'container', value: web2 },
        { op: 'remove', kind: 'network', id: demo.id },
        {
          op: 'upsert',
          kind: 'container',
          value: { ...web1, state: 'exited' },
        },
      ],
    });
    expect(base).toEqual(copy);
    expect(result.applied && result.snapshot).not.toBe(base);
    expect(result.applied && result.snapshot.topology.containers).not.toBe(base.topology.containers);
  });

  it('keeps the engine info of the snapshot', () => {
    const base = snapshot(1, topology([], []));
    const result = applyPatch(base, {
      epoch: 'epoch-a',
      from: 1,
      to: 2,
      ops: [],
    });
    expect(result.applied && result.snapshot.topology.engine).toBe(engine);
  });

  it('keeps the name of the engine the snapshot is of', () => {
    const base = { ...snapshot(1, topology([], [])), engine: 'lab' };
    const result = applyPatch(base, { epoch: 'epoch-a', from: 1, to: 2, ops: [], engine: 'lab' });
    expect(result.applied && result.snapshot.engine).toBe('lab');
  });

  it('reports a gap when the patch starts after the snapshot revision', () => {
    const base = snapshot(4, topology([bridge], []));
    expect(applyPatch(base, { epoch: 'epoch-a', from: 5, to: 6, ops: [] })).toEqual({ applied: false, reason: 'gap' });
  });

  it('reports a gap when the patch overlaps the snapshot revision without starting at it', () => {
    const base = snapshot(4, topology([bridge], []));
    expect(applyPatch(base, { epoch: 'epoch-a', from: 3, to: 5, ops: [] })).toEqual({ applied: false, reason: 'gap' });
  });

  it('reports a stale patch when it ends at or before the snapshot revision', () => {
    const base = snapshot(4, topology([bridge], []));
    expect(applyPatch(base, { epoch: 'epoch-a', from: 3, to: 4, ops: [] })).toEqual({ applied: false, reason: 'stale' });
    expect(applyPatch(base, { epoch: 'epoch-a', from: 1, to: 2, ops: [] })).toEqual({ applied: false, reason: 'stale' });
  });

  it('reports a new epoch when the server restarted, whatever the revisions say', () => {
    const base = snapshot(4, topology([bridge], []));
    expect(applyPatch(base, { epoch: 'epoch-b', from: 4, to: 5, ops: [] })).toEqual({ applied: false, reason: 'new-epoch' });
    expect(applyPatch(base, { epoch: 'epoch-b', from: 0, to: 1, ops: [] })).toEqual({ applied: false, reason: 'new-epoch' });
  });
});

describe('swarm kinds', () => {
  const node = (id: string, hostname: string): SwarmNode => ({
    ...{ id, hostname, role: 'worker', availability: 'active', state: 'ready' },
    ...{ leader: false, addr: '10.99.0.2', engineVersion: '20.10.24' },
  });
  const service: Service = {
    id: 's1',
    name: 'web',
    image: 'busybox',
    mode: 'replicated',
    replicas: 2,
    running: 2,
    ports: [],
    networks: [],
    labels: {},
  };
  const task = (id: string, slot: number): Task => ({
    id,
    serviceId: 's1',
    nodeId: 'n1',
    slot,
    state: 'running',
    desiredState: 'running',
    endpoints: [],
  });

  it('upserts and removes nodes, services and tasks, each sorted, without touching networks or containers', () => {
    const base = snapshot(1, topology([bridge], [web1]));
    const ops: PatchOp[] = [
      { op: 'upsert', kind: 'node', value: node('n2', 'worker-b') },
      { op: 'upsert', kind: 'node', value: node('n1', 'worker-a') },
      { op: 'upsert', kind: 'service', value: service },
      { op: 'upsert', kind: 'task', value: task('t2', 2) },
      { op: 'upsert', kind: 'task', value: task('t1', 1) },
    ];
    const result = applyPatch(base, { epoch: 'epoch-a', from: 1, to: 2, ops });
    if (!result.applied) throw new Error(result.reason);
    const t = result.snapshot.topology;
    expect(t.nodes.map((n) => n.hostname)).toEqual(['worker-a', 'worker-b']);
    expect(t.tasks.map((x) => x.id)).toEqual(['t1', 't2']);
    expect(t.services).toEqual([service]);
    expect(t.networks).toEqual([bridge]);
    expect(t.containers).toEqual([web1]);
    const gone = applyOps(t, [
      { op: 'remove', kind: 'task', id: 't1' },
      { op: 'remove', kind: 'node', id: 'n1' },
    ]);
    expect(gone.tasks.map((x) => x.id)).toEqual(['t2']);
    expect(gone.nodes.map((n) => n.id)).toEqual(['n2']);
  });

  it('diffs swarm objects by value, so a task that changed state is one upsert', () => {
    const before = { ...topology([], []), nodes: [node('n1', 'a')], services: [service], tasks: [task('t1', 1)] };
    const after = { ...before, tasks: [{ ...task('t1', 1), state: 'shutdown' }] };
    expect(diffTopology(before, after)).toEqual([{ op: 'upsert', kind: 'task', value: after.tasks[0] }]);
    expect(applyOps(before, diffTopology(before, after))).toEqual(after);
  });
});

describe('diffTopology', () => {
  it('produces no ops for two topologies equal by value', () => {
    const before = topology([bridge, demo], [web1, web2]);
    const after = structuredClone(before);
    expect(diffTopology(before, after)).toEqual([]);
  });

  it('upserts only what changed, added or renamed, and removes what is gone', () => {
    const web1Moved = {
      ...web1,
      endpoints: [{ ...web1.endpoints[0]!, ipv4: '172.18.0.9' }],
    };
    const backend = network('backend-net');
    const before = topology([bridge, demo], [web1, web2]);
    const after = topology([backend, bridge], [web1Moved]);
    expect(diffTopology(before, after)).toEqual([
      { op: 'upsert', kind: 'network', value: backend },
      { op: 'remove', kind: 'network', id: demo.id },
      { op: 'upsert', kind: 'container', value: web1Moved },
      { op: 'remove', kind: 'container', id: web2.id },
    ]);
  });

  it('notices a change deep inside a value (a new alias)', () => {
    const withAlias = {
      ...web1,
      endpoints: [{ ...web1.endpoints[0]!, aliases: ['web1', 'www'] }],
    };
    expect(diffTopology(topology([], [web1]), topology([], [withAlias]))).toEqual([{ op: 'upsert', kind: 'container', value: withAlias }]);
  });

  it('round-trips: applying the diff to the old topology gives the new one', () => {
    const before = topology([bridge, demo, network('old-net')], [container('db'), web1, web2]);
    const after = topology(
      [network('aaa-net'), bridge, { ...demo, labels: { team: 'blue' } }],
      [
        container('api'),
        {
          ...web1,
          state: 'exited',
          status: 'Exited (137) at 2024-06-11T09:00:00Z',
          endpoints: [],
        },
        web2,
      ],
    );
    expect(applyOps(before, diffTopology(before, after))).toEqual(after);
    expect(applyOps(after, diffTopology(after, before))).toEqual(before);
  });

  it('round-trips from an empty topology and back to one', () => {
    const empty = topology([], []);
    const full = topology([bridge, demo], [web1, web2]);
    expect(applyOps(empty, diffTopology(empty, full))).toEqual(full);
    expect(applyOps(full, diffTopology(full, empty))).toEqual(empty);
  });
});

// The patches and the graph diff call an object changed when dequal says it is not the same value: these are the cases they rely on.
describe('dequal, the equality patches are made with', () => {
  it('is true for equal primitives and false for different ones', () => {
    expect(dequal('a', 'a')).toBe(true);
    expect(dequal(1, 1)).toBe(true);
    expect(dequal(true, true)).toBe(true);
    expect(dequal(null, null)).toBe(true);
    expect(dequal('1', 1)).toBe(false);
    expect(dequal(0, false)).toBe(false);
    expect(dequal(null, undefined)).toBe(false);
    expect(dequal(null, {})).toBe(false);
  });

  it('compares objects by value, whatever the key order', () => {
    expect(dequal({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(dequal({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [2, 1] } })).toBe(false);
  });

  it('tells objects with different keys apart', () => {
    expect(dequal({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(dequal({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(dequal({ a: 1 }, { b: 1 })).toBe(false);
    expect(dequal({ gateway: undefined }, {})).toBe(false);
  });

  it('tells arrays of different lengths apart and arrays from objects', () => {
    expect(dequal([1, 2], [1, 2, 3])).toBe(false);
    expect(dequal([], {})).toBe(false);
    expect(dequal(['x'], { 0: 'x' })).toBe(false);
    expect(dequal([], [])).toBe(true);
  });

  it('is true for a container and its deep copy', () => {
    expect(dequal(web1, structuredClone(web1))).toBe(true);
    expect(
      dequal(web1, {
        ...web1,
        ports: [
          {
            hostIp: '0.0.0.0',
            hostPort: 8080,
            containerPort: 80,
            protocol: 'tcp',
          },
        ],
      }),
    ).toBe(false);
  });
});
