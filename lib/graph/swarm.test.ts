import { describe, expect, it } from 'vitest';
import { nodeDownOps, OVERLAY, SWARM, swarmPicture } from '../../scripts/testkit/syntheticSwarm';
import { applyOps } from '../patch';
import type { PatchOp, Service, Task, Topology } from '../topology';
import { DEFAULT_OPTIONS, toElements, type GraphElements, type GraphNode } from './elements';
import { isCurrentTask, nodeStatus, overlayOnNodes, taskName } from './swarm';

const { nodes: N, tasks: T, services: S, networks: NET, containers: C } = SWARM;

const node = (els: GraphElements, id: string): GraphNode => {
  const found = els.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`${id} is not drawn`);
  return found;
};
const ids = (els: GraphElements, kind: string) => els.nodes.filter((n) => n.kind === kind).map((n) => n.id);

describe('the swarm on the map', () => {
  const picture = swarmPicture();
  const els = toElements(picture);

  it('draws each node of the swarm once, by its graph id, with its role, state and address', () => {
    expect(ids(els, 'swarm-node')).toEqual([`node:${N.manager}`, `node:${N.worker1}`, `node:${N.worker2}`]);
    const manager = node(els, `node:${N.manager}`);
    expect(manager.label).toBe('manager-1\nleader ★\n192.0.2.11\nDocker 26.1.5');
    expect(manager.classes).toEqual(expect.arrayContaining(['swarm-node', 'manager', 'leader', 'node-ready', 'availability-active', 'self']));
    expect(node(els, `node:${N.worker1}`).classes).not.toContain('self');
    expect(node(els, `node:${N.worker1}`).data).toMatchObject({ role: 'worker', state: 'ready', availability: 'active', engineVersion: '26.1.5' });
  });

  it('draws an overlay network once, as a band of the swarm scope, and ingress as the routing mesh', () => {
    const overlays = els.nodes.filter((n) => n.kind === 'network' && n.data.driver === 'overlay');
    expect(overlays.map((n) => n.data.name)).toEqual(['ingress', OVERLAY]);
    for (const n of overlays) expect(n).toMatchObject({ parent: 'scope:swarm', classes: expect.arrayContaining(['band']) });
    expect(node(els, `net:${NET.ingress}`).label.split('\n')[0]).toBe('ingress · routing mesh');
    // Local networks stay boxes of the local scope.
    expect(els.nodes.find((n) => n.data.name === 'docker_gwbridge')).toMatchObject({
      parent: 'scope:local',
      classes: expect.not.arrayContaining(['band']),
    });
  });

  it('draws each service with its replicas, and each current task by service and slot, in its service’s overlay', () => {
    expect(node(els, `svc:${S.web}`)).toMatchObject({
      kind: 'service',
      parent: `net:${NET.front}`,
      label: expect.stringMatching(/^web\n3\/3 running\n/),
    });
    const web = [T.web1, T.web2, T.web3].map((t) => node(els, `task:${t}`));
    expect(web.map((t) => t.label)).toEqual(['web.1\n10.0.1.3', 'web.2\n10.0.1.4', 'web.3\n10.0.1.5']);
    for (const t of web)
      expect(t).toMatchObject({ kind: 'task', parent: `net:${NET.front}`, classes: expect.arrayContaining(['task', 'state-running']) });
    // One replica per node.
    expect(web.map((t) => t.data.nodeId)).toEqual([N.manager, N.worker1, N.worker2]);
  });

  it('lets the task stand for the task’s container the manager lists, and keeps a plain container on the attachable overlay', () => {
    expect(els.nodes.find((n) => n.id === `ctr:${C.web1}`)).toBeUndefined();
    expect(node(els, `ctr:${C.probe}`)).toMatchObject({ kind: 'container', parent: `net:${NET.front}` });
  });

  it('publishes an ingress-mode port on every node, in the ingress band: the routing mesh answers everywhere', () => {
    const mesh = els.nodes.filter((n) => n.id.startsWith('mesh:'));
    expect(mesh.map((n) => n.id)).toEqual([N.manager, N.worker1, N.worker2].map((n) => `mesh:${n}:8080/tcp`));
    for (const m of mesh)
      expect(m).toMatchObject({
        kind: 'port',
        parent: `net:${NET.ingress}`,
        label: ':8080/tcp → web\nmesh → task :80',
        classes: expect.arrayContaining(['port', 'exposed', 'mesh']),
      });
  });

  it('sits a service published through the mesh alone under the ingress band, which holds the mesh’s ports only', () => {
    const web = picture.services.find((s) => s.id === S.web)!;
    const meshOnly = applyOps(picture, [
      { op: 'upsert', kind: 'service', value: { ...web, networks: [] } },
      ...picture.tasks
        .filter((t) => t.serviceId === S.web)
        .map((t): PatchOp => ({ op: 'upsert', kind: 'task', value: { ...t, endpoints: t.endpoints.filter((e) => e.networkId === NET.ingress) } })),
    ]);
    const els2 = toElements(meshOnly);
    expect(node(els2, `svc:${S.web}`).parent).toBe('scope:swarm');
    expect(node(els2, `task:${T.web2}`)).toMatchObject({ parent: 'scope:swarm', label: 'web.2\nrunning' });
    expect(new Set(els2.nodes.filter((n) => n.parent === `net:${NET.ingress}`).map((n) => n.kind))).toEqual(new Set(['port', 'span']));
  });

  it('binds a host-mode port only on the node that runs its task, with an edge to that task', () => {
    const hostPorts = els.nodes.filter((n) => n.id.startsWith('nodeport:'));
    expect(hostPorts.map((n) => n.id)).toEqual([`nodeport:${N.worker1}:9090/tcp`]);
    expect(hostPorts[0]).toMatchObject({ kind: 'port', label: ':9090/tcp\non worker-1 only', classes: expect.arrayContaining(['host-mode']) });
    expect(els.edges.filter((e) => e.source === hostPorts[0]!.id)).toEqual([
      expect.objectContaining({ id: `pub:nodeport:${N.worker1}:9090/tcp:${T.edge1}`, kind: 'publish', target: `task:${T.edge1}`, label: '→ 80/tcp' }),
    ]);
    expect(els.nodes.some((n) => n.id.startsWith('mesh:') && n.id.endsWith(':9090/tcp'))).toBe(false);
  });

  it('tints each band in the columns of the nodes its network is on: ingress on every node, the overlay where tasks need it', () => {
    expect(ids(els, 'span').sort()).toEqual(
      [
        ...[N.manager, N.worker1, N.worker2].map((n) => `span:${NET.ingress}:${n}`),
        ...[N.manager, N.worker1, N.worker2].map((n) => `span:${NET.front}:${n}`),
      ].sort(),
    );
    // Without web.3, no task on worker-2 needs the overlay: it is not there, though ingress still is.
    const fewer = applyOps(picture, [{ op: 'remove', kind: 'task', id: T.web3 }]);
    const spans = ids(toElements(fewer), 'span');
    expect(spans).not.toContain(`span:${NET.front}:${N.worker2}`);
    expect(spans).toContain(`span:${NET.ingress}:${N.worker2}`);
    expect(
      overlayOnNodes(
        fewer,
        fewer.networks.find((n) => n.id === NET.front)!,
        fewer.containers,
      ).map((o) => o.node.hostname),
    ).toEqual(['manager-1', 'worker-1']);
  });

  it('marks a node that went down in words and in its border, its tasks and its mesh ports with it; the replica started again runs', () => {
    const after = toElements(applyOps(picture, nodeDownOps(picture)));
    const down = node(after, `node:${N.worker2}`);
    expect(down.classes).toEqual(expect.arrayContaining(['down', 'node-down']));
    expect(down.label.split('\n')[1]).toBe('DOWN · worker');
    expect(node(after, `task:${T.web3}`)).toMatchObject({ label: 'web.3\nnode down', classes: expect.arrayContaining(['node-down', 'stopping']) });
    expect(node(after, `mesh:${N.worker2}:8080/tcp`).classes).toContain('node-down');
    expect(node(after, `task:${T.web3b}`)).toMatchObject({ label: 'web.3\n10.0.1.6', data: expect.objectContaining({ nodeId: N.manager }) });
    expect(node(after, `task:${T.web3b}`).classes).not.toContain('node-down');
  });

  it('says drained and paused in words, first, where a narrow card cuts the rest', () => {
    expect(nodeStatus({ state: 'ready', availability: 'drain', role: 'worker', leader: false })).toBe('drained · worker');
    expect(nodeStatus({ state: 'down', availability: 'pause', role: 'manager', leader: false })).toBe('DOWN · paused · manager');
    const drained = applyOps(picture, [{ op: 'upsert', kind: 'node', value: { ...picture.nodes[1]!, availability: 'drain' } }]);
    expect(node(toElements(drained), `node:${N.worker1}`).classes).toEqual(expect.arrayContaining(['drained', 'availability-drain']));
  });

  it('leaves the history out: a task shut down for good is not drawn, one still wanted is', () => {
    const history: Task = { ...picture.tasks[1]!, id: 'old'.padEnd(25, '0'), state: 'shutdown', desiredState: 'shutdown' };
    const failing: Task = { ...history, id: 'new'.padEnd(25, '0'), state: 'failed', desiredState: 'running' };
    expect(isCurrentTask(history)).toBe(false);
    expect(isCurrentTask(failing)).toBe(true);
    const els2 = toElements(
      applyOps(picture, [
        { op: 'upsert', kind: 'task', value: history },
        { op: 'upsert', kind: 'task', value: failing },
      ]),
    );
    expect(els2.nodes.some((n) => n.id === `task:${history.id}`)).toBe(false);
    expect(node(els2, `task:${failing.id}`).classes).toContain('state-failed');
  });

  it('edges a task to a second overlay with its address there; ingress needs none, its band carries the mesh', () => {
    const back = { ...picture.networks.find((n) => n.id === NET.front)!, id: 'ptlsmback'.padEnd(26, '0'), name: 'ptl-sm-back' };
    const web2 = picture.tasks.find((t) => t.id === T.web2)!;
    const withBack: Topology = applyOps(picture, [
      { op: 'upsert', kind: 'network', value: back },
      { op: 'upsert', kind: 'task', value: { ...web2, endpoints: [...web2.endpoints, { networkId: back.id, ipv4: '10.0.2.4' }] } },
    ]);
    const edges = toElements(withBack).edges.filter((e) => e.target === `task:${T.web2}`);
    expect(edges).toEqual([
      expect.objectContaining({ id: `tatt:${back.id}:${T.web2}`, kind: 'attachment', source: `net:${back.id}`, label: '10.0.2.4' }),
    ]);
  });

  it('names a global service’s tasks by the service and marks a service short of its replicas', () => {
    const global: Service = { ...picture.services.find((s) => s.id === S.edge)!, mode: 'global', replicas: undefined };
    expect(taskName({ id: 'x', slot: undefined }, global)).toBe('edge (global)');
    const short = applyOps(picture, [{ op: 'upsert', kind: 'service', value: { ...picture.services.find((s) => s.id === S.web)!, running: 2 } }]);
    expect(node(toElements(short), `svc:${S.web}`)).toMatchObject({
      label: expect.stringMatching(/^web\n2\/3 running/),
      classes: expect.arrayContaining(['degraded']),
    });
  });

  it('shows no swarm when the scope filter leaves it out, and never folds a band’s containers into a count', () => {
    const local = toElements(picture, { ...DEFAULT_OPTIONS, scopes: ['local'] });
    expect(local.nodes.filter((n) => ['swarm-node', 'service', 'task', 'span'].includes(n.kind))).toEqual([]);
    const collapsed = toElements(picture, { ...DEFAULT_OPTIONS, collapsed: true });
    expect(node(collapsed, `ctr:${C.probe}`).parent).toBe(`net:${NET.front}`);
    expect(collapsed.nodes.some((n) => n.id === `grp:${NET.front}`)).toBe(false);
  });
});

describe('an engine that is no swarm manager', () => {
  it('draws what it always drew: overlays as boxes, a task’s container as a container, nothing of the swarm', () => {
    const worker: Topology = { ...swarmPicture(), nodes: [], services: [], tasks: [] };
    const els = toElements(worker);
    expect(els.nodes.filter((n) => ['swarm-node', 'service', 'task', 'span'].includes(n.kind))).toEqual([]);
    expect(els.nodes.filter((n) => n.classes.includes('band'))).toEqual([]);
    expect(node(els, `ctr:${C.web1}`).parent).toBe(`net:${NET.front}`);
    expect(node(els, `net:${NET.ingress}`).label).toBe('ingress\n10.0.0.0/24');
    expect(els.nodes.find((n) => n.kind === 'host')!.data).toMatchObject({ swarmNodeId: N.manager });
  });
});
