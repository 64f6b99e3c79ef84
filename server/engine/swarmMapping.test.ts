import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toNetwork } from './mapping';
import { isCurrentTask, toService, toSwarm, toSwarmNode, type RawNode, type RawService, type RawTask } from './swarmMapping';

// The Engine's own answers to GET /nodes, /services, /tasks and /networks, captured from
// the test swarm (scripts/swarm.sh: Docker 20.10, API 1.41) and from a one-node swarm on
// Docker 26.1 (API 1.45). The 20.10 capture was taken with node 3's daemon killed: node 3
// is down, its tasks are still "running" there in the manager's eyes though no longer
// wanted, web.1 is pending with the scheduler's reason, and a killed task left a failed one.
const fixture = <T>(version: string, name: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `swarm-${version}`, `${name}.json`), 'utf8')) as T;

const v20 = {
  nodes: fixture<RawNode[]>('20.10', 'nodes'),
  services: fixture<RawService[]>('20.10', 'services'),
  tasks: fixture<RawTask[]>('20.10', 'tasks'),
};
const v26 = {
  nodes: fixture<RawNode[]>('26.1', 'nodes'),
  services: fixture<RawService[]>('26.1', 'services'),
  tasks: fixture<RawTask[]>('26.1', 'tasks'),
};

const NODE1 = 'i80nwy6qlspwguy5pagbfjgod';
const NODE2 = 'nwwh6jyxhkdw66y4a2r3sobg9';
const NODE3 = 'wnb0w88ye35t77bsju8lyi3gg';
const WEB = 'nj65cx4mk6ga1wevyumb2shfe';
const AGENT = 'xiflp2dihslothowajb6978qm';
const INGRESS = 'ixdmuo79in51n3w3hvjlf7g2l';
const OVERLAY = 'nk5b3psjpyjddxe37ipb1rbt9';

describe('swarm nodes', () => {
  it('reads hostname, role, availability, state, leadership, address and engine version (Docker 20.10)', () => {
    expect(v20.nodes.map(toSwarmNode)).toEqual([
      {
        id: NODE1,
        hostname: 'ptl-swarm-1',
        role: 'manager',
        availability: 'active',
        state: 'ready',
        leader: true,
        addr: '10.237.7.1',
        engineVersion: '20.10.24+dfsg1',
      },
      {
        id: NODE2,
        hostname: 'ptl-swarm-2',
        role: 'worker',
        availability: 'active',
        state: 'ready',
        leader: false,
        addr: '10.237.7.2',
        engineVersion: '20.10.24+dfsg1',
      },
      {
        id: NODE3,
        hostname: 'ptl-swarm-3',
        role: 'worker',
        availability: 'active',
        state: 'down',
        leader: false,
        addr: '10.237.7.3',
        engineVersion: '20.10.24+dfsg1',
      },
    ]);
  });

  it('reads a Docker 26.1 manager the same way', () => {
    expect(v26.nodes.map(toSwarmNode)).toEqual([
      {
        id: 'zoylj0plnkazlswfl8p4n8fqc',
        hostname: 'ptl-swarm-26',
        role: 'manager',
        availability: 'active',
        state: 'ready',
        leader: true,
        addr: '10.237.6.1',
        engineVersion: '26.1.5+dfsg1',
      },
    ]);
  });

  it('takes a manager’s advertised address when its status says 0.0.0.0', () => {
    const [manager] = v20.nodes;
    expect(toSwarmNode({ ...manager!, Status: { State: 'ready', Addr: '0.0.0.0' } }).addr).toBe('10.237.7.1');
  });
});

describe('swarm services', () => {
  it('reads a replicated service: image, wanted replicas, published ports with their mode, networks and labels', () => {
    const { services } = toSwarm(v20.nodes, v20.services, v20.tasks);
    expect(services.find((s) => s.id === WEB)).toEqual({
      id: WEB,
      name: 'ptl-sw-web',
      image: 'portolan/busybox:test',
      mode: 'replicated',
      replicas: 3,
      // web.1 is pending and its old task, on the down node, is no longer wanted: two of three run.
      running: 2,
      ports: [
        { targetPort: 80, publishedPort: 8080, protocol: 'tcp', publishMode: 'ingress' },
        { targetPort: 80, publishedPort: 8081, protocol: 'tcp', publishMode: 'host' },
      ],
      // The overlay it asked for, then ingress, which its ingress-mode port attaches it to.
      networks: [OVERLAY, INGRESS],
      labels: { 'io.portolan.test': 'swarm' },
    });
  });

  it('reads a global service: no wanted count, one running task per reachable node', () => {
    const { services } = toSwarm(v20.nodes, v20.services, v20.tasks);
    expect(services.find((s) => s.id === AGENT)).toEqual({
      id: AGENT,
      name: 'ptl-sw-agent',
      image: 'portolan/busybox:test',
      mode: 'global',
      running: 2,
      ports: [],
      networks: [OVERLAY],
      labels: {},
    });
  });

  it('reads Docker 26.1 services the same way', () => {
    const { services } = toSwarm(v26.nodes, v26.services, v26.tasks);
    expect(
      services.map((s) => [s.name, s.mode, s.replicas, s.running, s.ports.map((p) => `${p.publishedPort}:${p.targetPort}/${p.publishMode}`)]),
    ).toEqual([
      // Its one task was killed and waits out the restart delay (desired ready): none runs.
      ['ptl-sw-agent', 'global', undefined, 0, []],
      ['ptl-sw-web', 'replicated', 1, 1, ['8080:80/ingress', '8081:80/host']],
    ]);
    expect(services.find((s) => s.name === 'ptl-sw-web')?.networks).toEqual(['1womi8u4mi5gp3lu6nb8yofqu', 'straka8otxb76sz28n9woulfs']);
  });

  it('shows the image as a person named it, without the digest the manager pinned', () => {
    const web = v20.services.find((s) => s.ID === WEB)!;
    const pinned = structuredClone(web);
    pinned.Spec!.TaskTemplate!.ContainerSpec!.Image = 'nginx:1.27@sha256:5f0574409b3add89581b96c68afe9e9c7b284651c3a974b6e8bac46bf95e6b7f';
    expect(toService(pinned, []).image).toBe('nginx:1.27');
  });
});

describe('swarm tasks', () => {
  it('keeps the current tasks and leaves the history out: the failed task and those ended for good', () => {
    const { tasks } = toSwarm(v20.nodes, v20.services, v20.tasks);
    expect(tasks.map((t) => t.id).sort()).toEqual(
      [
        'b2278i4199qy4dr8ynfkkfo2o', // agent on node 1
        'jm7vg7zig15zyrdgeht7202dw', // agent on the down node 3: no longer wanted, still running as far as the manager knows
        'lieompo4r38o705w8a97d1op2', // web.2
        'mpul2nokfboba87cmhpsezd4d', // web.1's replacement, pending
        'rfl77vtzgs26pgjprf5mwdcds', // agent on node 2
        'v5t835c09nyvy3pigseda6vdn', // web.3
        'x392jk5cq2y53bjxy56zg0xxe', // web.1 on the down node 3
      ].sort(),
    );
    expect(v20.tasks.find((t) => t.ID === 'j2okzbrh0yk00mvg6hi9ci6fa')?.Status?.State).toBe('failed');
  });

  it('reads service, node, slot, states, container and the task’s IP on each network', () => {
    const { tasks } = toSwarm(v20.nodes, v20.services, v20.tasks);
    expect(tasks.find((t) => t.id === 'lieompo4r38o705w8a97d1op2')).toEqual({
      id: 'lieompo4r38o705w8a97d1op2',
      serviceId: WEB,
      nodeId: NODE1,
      slot: 2,
      state: 'running',
      desiredState: 'running',
      containerId: 'f7663e8987588562db4a62fd3967939b5660aca30762d01f61abc8a83f749a1e',
      endpoints: [
        { networkId: INGRESS, ipv4: '10.237.8.22' },
        { networkId: OVERLAY, ipv4: '10.237.11.4' },
      ],
    });
  });

  it('says why a task waits, in the scheduler’s words, and gives a global task no slot', () => {
    const { tasks } = toSwarm(v20.nodes, v20.services, v20.tasks);
    const pending = tasks.find((t) => t.id === 'mpul2nokfboba87cmhpsezd4d')!;
    expect(pending).toMatchObject({ nodeId: '', slot: 1, state: 'pending', desiredState: 'running' });
    expect(pending.containerId).toBeUndefined();
    expect(pending.error).toBe('no suitable node (host-mode port already in use on 2 nodes; 1 node not available for new tasks)');
    expect(tasks.find((t) => t.id === 'b2278i4199qy4dr8ynfkkfo2o')!.slot).toBeUndefined();
  });

  it('keeps a Docker 26.1 task that waits out its restart delay (desired ready) and drops the one that failed', () => {
    const { tasks } = toSwarm(v26.nodes, v26.services, v26.tasks);
    expect(tasks.map((t) => [t.id, t.desiredState, t.state])).toEqual([
      ['22kh1l7hguu23wb7ti3cfo92u', 'ready', 'ready'],
      ['5sqjiaimjwcj0nwpq1cmic13l', 'running', 'running'],
    ]);
  });

  it('tells current tasks from history by both states', () => {
    expect(isCurrentTask({ desiredState: 'running', state: 'pending' })).toBe(true);
    expect(isCurrentTask({ desiredState: 'ready', state: 'ready' })).toBe(true);
    // Replaced, and not stopped yet: a rolling update's old task, or one on a node that went down.
    expect(isCurrentTask({ desiredState: 'shutdown', state: 'running' })).toBe(true);
    // Failed while still wanted: the manager has not replaced it yet.
    expect(isCurrentTask({ desiredState: 'running', state: 'failed' })).toBe(true);
    expect(isCurrentTask({ desiredState: 'shutdown', state: 'failed' })).toBe(false);
    expect(isCurrentTask({ desiredState: 'shutdown', state: 'shutdown' })).toBe(false);
    expect(isCurrentTask({ desiredState: 'remove', state: 'complete' })).toBe(false);
  });
});

describe('swarm networks on a manager', () => {
  it('lists each overlay once, in swarm scope, beside the local networks', () => {
    const networks = fixture<Parameters<typeof toNetwork>[0][]>('20.10', 'networks').map(toNetwork);
    expect(networks.filter((n) => n.driver === 'overlay').map((n) => [n.name, n.scope, n.ingress, n.attachable])).toEqual([
      ['ingress', 'swarm', true, false],
      ['ptl-sw-net', 'swarm', false, true],
    ]);
    expect(networks.find((n) => n.name === 'ingress')?.predefined).toBe(true);
  });
});
