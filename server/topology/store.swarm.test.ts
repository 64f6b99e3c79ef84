import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contains, parseCidr, type Range } from '../../lib/cidr';
import { applyOps } from '../../lib/patch';
import { emptyEngine, type PatchOp, type Topology } from '../../lib/topology';
import { docker, dockerJson, TEST_IMAGE, waitFor } from '../../scripts/testkit/docker';
import { onDial } from '../../scripts/testkit/engineDials';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { TestSwarm } from '../../scripts/testkit/swarm';
import { toSwarm, type RawNode, type RawService, type RawTask } from '../engine/swarmMapping';
import { Engine } from '../engine/engine';
import type { Portolan } from '../index';
import { TopologyStore } from './store';

// The store on a real 3-node swarm (scripts/swarm.sh): Portolan talks to the manager,
// node 1; nodes 2 and 3 are workers. Times are logged, never asserted: two shared cores.

const swarm = new TestSwarm();
const prefix = `ptl-sw-${randomBytes(3).toString('hex')}`;
const NET = `${prefix}-net`;
const WEB = `${prefix}-web`;
const CLIENT = `${prefix}-client`;
let portolan: Portolan;
let feed: Feed;
let requests = 0;

const cli = (args: string[]) => docker(args, swarm.env);
const picture = (): Topology => {
  if (!feed.snapshot) throw new Error('the feed holds no picture');
  return feed.snapshot.topology;
};
const web = () => picture().services.find((s) => s.name === WEB);
const webTasks = () => picture().tasks.filter((t) => t.serviceId === web()?.id);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

beforeAll(async () => {
  await swarm.up();
  portolan = await startTestPortolan(swarm.env);
  // Every HTTP request Portolan makes to the manager.
  onDial(portolan.engine, () => requests++);
  feed = new Feed(portolan.url);
  await feed.ready();
  await portolan.store.settled();
  // The first snapshot a viewer gets may predate the first sync; the sync's own follows it.
  await waitFor('the manager’s picture', () => feed.snapshot?.topology.engine.swarm.manager, 10_000);
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await cli(['service', 'rm', WEB]).catch(() => undefined);
  await cli(['rm', '-f', CLIENT]).catch(() => undefined);
  // The overlay can go once the tasks on it have.
  await swarm.removeNetwork(NET);
  await swarm.down();
});

/** What the manager says now, read through the docker CLI and mapped as Portolan maps it, in the picture's order. */
async function managerSays(): Promise<Pick<Topology, 'nodes' | 'services' | 'tasks'>> {
  const ids = async (args: string[]) => (await cli(args)).split('\n').filter(Boolean);
  const nodeIds = await ids(['node', 'ls', '-q']);
  const serviceIds = await ids(['service', 'ls', '-q']);
  // `service ps` lists history too; the mapping keeps the current tasks, as the store does.
  const taskIds = serviceIds.length ? await ids(['service', 'ps', '-q', '--no-trunc', ...serviceIds]) : [];
  const swarmNow = toSwarm(
    await dockerJson<RawNode[]>(['node', 'inspect', ...nodeIds], swarm.env),
    serviceIds.length ? await dockerJson<RawService[]>(['service', 'inspect', ...serviceIds], swarm.env) : [],
    taskIds.length ? await dockerJson<RawTask[]>(['inspect', '--type', 'task', ...taskIds], swarm.env) : [],
  );
  const { nodes, services, tasks } = applyOps({ engine: emptyEngine(''), networks: [], containers: [], nodes: [], services: [], tasks: [] }, [
    ...swarmNow.nodes.map((value): PatchOp => ({ op: 'upsert', kind: 'node', value })),
    ...swarmNow.services.map((value): PatchOp => ({ op: 'upsert', kind: 'service', value })),
    ...swarmNow.tasks.map((value): PatchOp => ({ op: 'upsert', kind: 'task', value })),
  ]);
  return { nodes, services, tasks };
}

/** Waits until the live picture (built from patches, as a browser builds it) says what the manager says. */
async function pictureMatchesManager(what: string, timeoutMs = 90_000): Promise<void> {
  let last = '';
  await waitFor(
    what,
    async () => {
      const { nodes, services, tasks } = picture();
      last = JSON.stringify(await managerSays());
      return JSON.stringify({ nodes, services, tasks }) === last;
    },
    timeoutMs,
    1000,
  ).catch((err: Error) => {
    const { nodes, services, tasks } = picture();
    throw new Error(`${err.message}\npicture: ${JSON.stringify({ nodes, services, tasks })}\nmanager: ${last}`);
  });
}

describe('a swarm manager’s picture', () => {
  it('holds the three nodes as the manager sees them: a leader manager and two ready workers', async () => {
    expect(picture().engine.swarm).toMatchObject({ state: 'active', manager: true });
    expect(picture().nodes.map((n) => [n.hostname, n.role, n.leader, n.state, n.availability, n.addr])).toEqual([
      ['ptl-swarm-1', 'manager', true, 'ready', 'active', '10.237.7.1'],
      ['ptl-swarm-2', 'worker', false, 'ready', 'active', '10.237.7.2'],
      ['ptl-swarm-3', 'worker', false, 'ready', 'active', '10.237.7.3'],
    ]);
    expect(picture().nodes.every((n) => /^20\.10\./.test(n.engineVersion))).toBe(true);
    expect(picture().nodes).toEqual((await managerSays()).nodes);
  });

  it('shows the overlay once, three tasks one per node with their overlay IPs, and the port published through ingress', async () => {
    await cli(['network', 'create', '-d', 'overlay', '--attachable', NET]);
    const created = Date.now();
    const httpd = `${TEST_IMAGE} busybox httpd -f -p 80 -h /var/www`;
    await cli(`service create -d --no-resolve-image --name ${WEB} --replicas 3 --network ${NET} --publish 18080:80 ${httpd}`.split(' '));
    await waitFor('3 of 3 tasks running in the picture', () => web()?.running === 3, 90_000, 100);
    console.log(`service create → 3 of 3 running in the picture: ${seconds(created)}`);
    // A plain container on the overlay, on the manager's node: the picture holds the manager's own containers.
    await cli(['run', '-d', '--name', CLIENT, '--network', NET, TEST_IMAGE, 'sleep', '1000000']);
    await waitFor(
      'the plain container on the overlay',
      () => picture().containers.some((c) => c.name === CLIENT && c.endpoints.some((e) => e.networkName === NET && e.ipv4)),
      10_000,
    );

    const { networks, nodes, containers } = picture();
    const overlays = networks.filter((n) => n.name === NET);
    expect(overlays).toHaveLength(1);
    const overlay = overlays[0]!;
    expect(overlay).toMatchObject({ driver: 'overlay', scope: 'swarm', attachable: true });
    const ingress = networks.find((n) => n.ingress);
    expect(ingress).toMatchObject({ name: 'ingress', scope: 'swarm' });
    expect(web()).toMatchObject({
      mode: 'replicated',
      replicas: 3,
      running: 3,
      image: TEST_IMAGE,
      ports: [{ targetPort: 80, publishedPort: 18080, protocol: 'tcp', publishMode: 'ingress' }],
    });
    expect([...web()!.networks].sort()).toEqual([overlay.id, ingress!.id].sort());

    const tasks = webTasks();
    expect(tasks.map((t) => [t.slot, t.desiredState, t.state])).toEqual([
      [1, 'running', 'running'],
      [2, 'running', 'running'],
      [3, 'running', 'running'],
    ]);
    expect(new Set(tasks.map((t) => t.nodeId))).toEqual(new Set(nodes.map((n) => n.id)));
    const subnet = parseCidr(overlay.subnets[0]!.subnet) as Range;
    const ips = tasks.map((t) => t.endpoints.find((e) => e.networkId === overlay.id)?.ipv4 ?? '');
    for (const ip of ips) expect(contains(subnet, ip), `${ip} in ${overlay.subnets[0]!.subnet}`).toBe(true);
    expect(new Set(ips).size).toBe(3);
    // The manager's own task runs a container the picture holds too, at the same address.
    const local = tasks.find((t) => t.nodeId === nodes.find((n) => n.role === 'manager')?.id);
    const localContainer = containers.find((c) => c.id === local?.containerId);
    expect(localContainer?.endpoints.find((e) => e.networkId === overlay.id)?.ipv4).toBe(
      local?.endpoints.find((e) => e.networkId === overlay.id)?.ipv4,
    );
    // Those are the tasks' real addresses: the plain container reaches each one, on every node, across the overlay.
    for (const ip of ips) expect(await cli(['exec', CLIENT, 'timeout', '5', 'wget', '-qO-', `http://${ip}/`])).toContain('Portolan test web');

    await pictureMatchesManager('the picture to match the manager');
  });

  it('follows a scale done with the CLI, up to five tasks and down to three', async () => {
    let since = Date.now();
    await cli(['service', 'scale', '-d', `${WEB}=5`]);
    await waitFor('5 of 5 running in the picture', () => web()?.running === 5 && webTasks().length === 5, 90_000, 100);
    console.log(`service scale to 5 → 5 of 5 running in the picture: ${seconds(since)}`);
    expect(feed.activity.map((a) => a.text)).toContain(`service ${WEB} scaled to 5`);

    since = Date.now();
    await cli(['service', 'scale', '-d', `${WEB}=3`]);
    await waitFor('3 wanted in the picture', () => web()?.replicas === 3, 30_000, 100);
    console.log(`service scale to 3 → 3 wanted in the picture: ${seconds(since)}`);
    // The two tasks no longer wanted stay while they stop (busybox httpd ignores SIGTERM: 10 s), then leave.
    await waitFor('3 tasks in the picture', () => webTasks().length === 3 && web()?.running === 3, 90_000, 100);
    console.log(`service scale to 3 → 3 tasks left in the picture: ${seconds(since)}`);
    expect(webTasks().map((t) => t.slot)).toEqual([1, 2, 3]);
    await pictureMatchesManager('the picture to match the manager after scaling');
  });

  it('asks a worker nothing about the swarm, though task containers come and go there', async () => {
    const engine = new Engine(swarm.nodeEnv(2));
    const paths: string[] = [];
    onDial(engine, (path) => paths.push(path));
    const worker = new TopologyStore(engine);
    worker.start();
    try {
      await worker.settled();
      const task = worker.snapshot().topology.containers.find((c) => c.labels['com.docker.swarm.service.name'] === WEB && c.state === 'running');
      expect(task, 'a web task on node 2').toBeDefined();
      // Its container dies and the swarm starts another: the worker's events name the service.
      await docker(['kill', task!.id], swarm.nodeEnv(2));
      await waitFor(
        'a new web task container on node 2',
        () =>
          worker
            .snapshot()
            .topology.containers.some((c) => c.labels['com.docker.swarm.service.name'] === WEB && c.id !== task!.id && c.state === 'running'),
        60_000,
        100,
      );
      await worker.settled();
      expect(worker.snapshot().topology.engine.swarm).toMatchObject({ state: 'active', manager: false });
      expect(paths.filter((p) => /^\/(nodes|services|tasks)\b/.test(p))).toEqual([]);
      const { nodes, services, tasks } = worker.snapshot().topology;
      expect([nodes, services, tasks]).toEqual([[], [], []]);
    } finally {
      await worker.stop();
    }
  });

  it('moves a task that died on a worker at once when Portolan watches that worker too, though the manager says nothing', async () => {
    // The manager sends no event when a worker's task dies; the worker's own engine does.
    const both = await startTestPortolan({
      ...process.env,
      PORTOLAN_ENGINES: `manager=${swarm.env.DOCKER_HOST},node2=${swarm.nodeEnv(2).DOCKER_HOST}`,
    });
    const managerFeed = new Feed(both.url);
    try {
      await managerFeed.ready();
      await both.store.settled();
      const held = () => managerFeed.snapshot?.topology;
      const node2 = await waitFor('node 2 in the manager’s picture', () => held()?.nodes.find((n) => n.hostname === 'ptl-swarm-2'), 10_000);
      const serviceId = await waitFor('the service in the manager’s picture', () => held()?.services.find((s) => s.name === WEB)?.id, 10_000);
      const old = await waitFor(
        'a running web task on node 2',
        () => held()?.tasks.find((t) => t.serviceId === serviceId && t.nodeId === node2.id && t.state === 'running'),
        30_000,
        100,
      );
      const killed = Date.now();
      await docker(['kill', old.containerId!], swarm.nodeEnv(2));
      const replaced = await waitFor(
        `web.${old.slot} running again in the manager’s picture`,
        () => held()?.tasks.find((t) => t.serviceId === serviceId && t.slot === old.slot && t.id !== old.id && t.state === 'running'),
        60_000,
        100,
      );
      console.log(`a task killed on node 2 → its replacement running in the manager’s picture: ${seconds(killed)}`);
      expect(replaced.desiredState).toBe('running');
      expect(held()!.tasks.some((t) => t.id === old.id && t.desiredState === 'running')).toBe(false);
    } finally {
      managerFeed.close();
      await both.close();
    }
  });

  it('turns node 3 down when its daemon stops and runs its task elsewhere, then ready again when it is back', async () => {
    const node3 = picture().nodes.find((n) => n.hostname === 'ptl-swarm-3')!;
    const task3 = webTasks().find((t) => t.nodeId === node3.id && t.desiredState === 'running')!;
    expect(task3, 'a web task on node 3').toBeDefined();

    const stopping = Date.now();
    await swarm.stop(3);
    const stopped = Date.now();
    console.log(`node 3's daemon stopped (its containers first): ${seconds(stopping)}`);
    await waitFor('node 3 down in the picture', () => picture().nodes.find((n) => n.id === node3.id)?.state === 'down', 90_000, 100);
    console.log(`node 3 down in the picture: ${seconds(stopped)} after its daemon exited`);
    const moved = await waitFor(
      `web.${task3.slot} running on another node`,
      () => webTasks().find((t) => t.slot === task3.slot && t.nodeId !== node3.id && t.desiredState === 'running' && t.state === 'running'),
      90_000,
      100,
    );
    console.log(`web.${task3.slot} running again on another node: ${seconds(stopped)} after node 3's daemon exited`);
    expect(moved.id).not.toBe(task3.id);
    expect(web()?.running).toBe(3);
    expect(feed.activity.map((a) => a.text)).toContain('node ptl-swarm-3 is down');
    // The old task, if the manager still holds it running on the down node, is no longer wanted.
    const old = picture().tasks.find((t) => t.id === task3.id);
    if (old) expect(old.desiredState).toBe('shutdown');

    const starting = Date.now();
    await swarm.up();
    await waitFor('node 3 ready in the picture', () => picture().nodes.find((n) => n.id === node3.id)?.state === 'ready', 90_000, 100);
    console.log(`node 3 ready in the picture: ${seconds(starting)} after scripts/swarm.sh up began`);
    expect(feed.activity.map((a) => a.text)).toContain('node ptl-swarm-3 is ready');
    await pictureMatchesManager('the picture to match the manager once node 3 is back');
    // Back, node 3 shuts the old task down and says so to the manager; the store follows the service until then.
    const back = Date.now();
    await waitFor('the manager to hold the old task as ended', async () => !(await managerSays()).tasks.some((t) => t.id === task3.id), 120_000, 500);
    console.log(`the manager holds the old task as ended: ${seconds(back)} after node 3 was ready in the picture`);
    await waitFor('the old task gone from the picture', () => !picture().tasks.some((t) => t.id === task3.id), 60_000, 100);
    console.log(`the old task gone from the picture: ${seconds(back)} after node 3 was ready in the picture`);
  });

  it('asks the manager nothing while the swarm is idle', async () => {
    // Follow-up reads end once every service has settled (a minute and a half at most after the last event).
    await waitFor('no service followed', () => portolan.store.followedServices().length === 0, 120_000, 100);
    // Then wait for the answers to the last reads.
    await portolan.store.settled();
    const before = requests;
    await new Promise((r) => setTimeout(r, 30_000));
    console.log(`Engine requests while idle: ${((requests - before) * 2).toFixed(0)} per minute`);
    expect(requests - before).toBe(0);
  });

  it('reconnects after the manager restarts and then holds exactly what it says; a full resync says the same', async () => {
    const stopping = Date.now();
    await swarm.stop(1);
    await waitFor('reconnecting', () => feed.statuses.at(-1)?.status === 'reconnecting', 30_000, 100);
    await swarm.up();
    await waitFor('connected again', () => feed.statuses.at(-1)?.status === 'connected', 90_000, 100);
    console.log(`manager stopped and back, Portolan connected again: ${seconds(stopping)}`);
    await pictureMatchesManager('the picture to match the manager after its restart', 120_000);
    const held = picture();
    const resynced = (await feed.resync()).topology;
    expect({ nodes: resynced.nodes, services: resynced.services, tasks: resynced.tasks }).toEqual({
      nodes: held.nodes,
      services: held.services,
      tasks: held.tasks,
    });
    expect(resynced.networks.filter((n) => n.name === NET)).toHaveLength(1);
  });
});
