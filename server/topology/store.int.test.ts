import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Network, PatchOp } from '../../lib/topology';
import { TestObjects, dockerJson, docker, waitFor } from '../../scripts/testkit/docker';
import { onDial } from '../../scripts/testkit/engineDials';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan, waitForOp } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';
import { Engine } from '../engine/engine';
import { TopologyStore } from './store';
import { toContainer, toNetwork } from '../engine/mapping';
import type Dockerode from 'dockerode';

let portolan: Portolan;
let feed: Feed;
const objects = new TestObjects('store');

beforeAll(async () => {
  portolan = await startTestPortolan();
  feed = new Feed(portolan.url);
  await feed.ready();
  await portolan.store.settled();
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await objects.cleanup();
});

/** What the Engine says now, read through the docker CLI and mapped as Portolan maps it. */
async function engineTopology() {
  const networkIds = (await docker(['network', 'ls', '-q', '--no-trunc'])).split('\n').filter(Boolean);
  const containerIds = (await docker(['ps', '-aq', '--no-trunc'])).split('\n').filter(Boolean);
  const networks = (await dockerJson<Dockerode.NetworkInspectInfo[]>(['network', 'inspect', ...networkIds])).map(toNetwork);
  const containers = containerIds.length ? (await dockerJson<Dockerode.ContainerInspectInfo[]>(['inspect', ...containerIds])).map(toContainer) : [];
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
  return { networks: networks.sort(byName), containers: containers.sort(byName) };
}

const named = (kind: 'network' | 'container', name: string) => (op: PatchOp) => op.op === 'upsert' && op.kind === kind && op.value.name === name;

describe('the live topology', () => {
  it('starts with a snapshot equal to what docker network inspect and docker ps -a say', async () => {
    const snapshot = await feed.resync();
    const networks = await dockerJson<Dockerode.NetworkInspectInfo[]>(['network', 'inspect', ...(await docker(['network', 'ls', '-q'])).split('\n')]);
    expect(snapshot.topology.networks.map((n) => [n.id, n.name, n.driver, n.scope, n.internal, n.ipv6, n.subnets.map((s) => s.subnet)])).toEqual(
      networks
        .map((n) => [n.Id, n.Name, n.Driver, n.Scope, n.Internal, n.EnableIPv6, (n.IPAM?.Config ?? []).map((c) => c.Subnet)])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    const ps = (await docker(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}} {{.State}}'])).split('\n').filter(Boolean).sort();
    expect(snapshot.topology.containers.map((c) => `${c.id} ${c.name} ${c.image} ${c.state}`).sort()).toEqual(ps);
    expect(snapshot.topology.engine.id).toBe(await docker(['info', '--format', '{{.ID}}']));
  });

  it('turns network create, connect, disconnect and remove done with the CLI into matching patches', async () => {
    const net = objects.name('net');
    await objects.sleeper('c1');
    let since = feed.patches.length;
    await docker(['network', 'create', '--subnet', '10.231.7.0/24', net]);
    const created = await waitForOp(feed, since, 'network create patch', named('network', net));
    expect(created.op === 'upsert' && (created.value as Network).subnets).toEqual([{ subnet: '10.231.7.0/24' }]);

    since = feed.patches.length;
    await docker(['network', 'connect', '--ip', '10.231.7.9', net, objects.name('c1')]);
    await waitForOp(
      feed,
      since,
      'connect patch',
      (op) => op.op === 'upsert' && op.kind === 'container' && op.value.endpoints.some((e) => e.networkName === net && e.ipv4 === '10.231.7.9'),
    );

    since = feed.patches.length;
    await docker(['network', 'disconnect', net, objects.name('c1')]);
    await waitForOp(
      feed,
      since,
      'disconnect patch',
      (op) =>
        op.op === 'upsert' &&
        op.kind === 'container' &&
        op.value.name === objects.name('c1') &&
        op.value.endpoints.every((e) => e.networkName !== net),
    );

    since = feed.patches.length;
    const id = created.op === 'upsert' ? created.value.id : '';
    await docker(['network', 'rm', net]);
    await waitForOp(feed, since, 'network remove patch', (op) => op.op === 'remove' && op.kind === 'network' && op.id === id);
    expect(feed.snapshot?.topology.networks.some((n) => n.name === net)).toBe(false);
  });

  it('turns container run, stop, start and rename done with the CLI into matching patches', async () => {
    let since = feed.patches.length;
    const id = await objects.sleeper('life');
    await waitForOp(
      feed,
      since,
      'run patch',
      (op) => op.op === 'upsert' && op.kind === 'container' && op.value.id === id && op.value.state === 'running',
    );

    since = feed.patches.length;
    await docker(['stop', '-t', '0', id]);
    await waitForOp(
      feed,
      since,
      'stop patch',
      (op) => op.op === 'upsert' && op.kind === 'container' && op.value.id === id && op.value.state === 'exited',
    );

    since = feed.patches.length;
    await docker(['start', id]);
    const started = await waitForOp(
      feed,
      since,
      'start patch',
      (op) => op.op === 'upsert' && op.kind === 'container' && op.value.id === id && op.value.state === 'running',
    );
    expect(started.op === 'upsert' && started.kind === 'container' && started.value.endpoints.map((e) => e.networkName)).toEqual(['bridge']);

    since = feed.patches.length;
    await docker(['rename', id, objects.name('renamed')]);
    await waitForOp(feed, since, 'rename patch', named('container', objects.name('renamed')));
    expect(feed.snapshot?.topology.containers.find((c) => c.id === id)?.name).toBe(objects.name('renamed'));
    // The rename's activity line can come one flush after the patch that already shows the new name.
    await waitFor('the rename in words', () => feed.activity.some((a) => a.text === `${objects.name('life')} renamed to ${objects.name('renamed')}`));
  });

  // How far events coalesce depends on how fast the Engine emits them (26.1 connects more slowly than 20.10): the
  // inspect queue's unit tests hold the coalescing; here the picture must end exact with never more than one
  // inspect per event.
  it('ends a burst of 30 events about 10 containers equal to the Engine, inspecting each container at most once per event', async () => {
    const nets = ['b1', 'b2', 'b3'].map((n) => objects.name(n));
    for (const n of nets) await docker(['network', 'create', n]);
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => objects.sleeper(`burst${i}`)));
    await waitFor(
      'burst containers in the picture',
      () => ids.every((id) => feed.snapshot?.topology.containers.some((c) => c.id === id && c.state === 'running')),
      10_000,
    );
    await portolan.store.settled();

    const inspect = vi.spyOn(portolan.engine, 'inspectContainer');
    // 30 connect events, the three about each container fired together.
    await Promise.all(ids.flatMap((id) => nets.map((n) => docker(['network', 'connect', n, id]))));
    await waitFor(
      'all 30 attachments in the picture',
      () => ids.every((id) => feed.snapshot?.topology.containers.find((c) => c.id === id)?.endpoints.length === 4),
      5000,
    );
    await portolan.store.settled();

    const inspectsPerContainer = ids.map((id) => inspect.mock.calls.filter(([arg]) => arg === id).length);
    inspect.mockRestore();
    expect(inspectsPerContainer.every((n) => n >= 1 && n <= 3)).toBe(true);

    const engine = await engineTopology();
    expect(feed.snapshot?.topology.networks).toEqual(engine.networks);
    expect(feed.snapshot?.topology.containers).toEqual(engine.containers);
    expect(portolan.store.snapshot().topology.containers).toEqual(engine.containers);
  });

  it('sends the same snapshot to every viewer without asking the Engine again', async () => {
    const spies = [vi.spyOn(portolan.engine, 'inspectContainer'), vi.spyOn(portolan.engine, 'networks'), vi.spyOn(portolan.engine, 'info')];
    const viewers = Array.from({ length: 5 }, () => new Feed(portolan.url));
    const snapshots = await Promise.all(viewers.map((v) => v.ready()));
    viewers.forEach((v) => v.close());
    expect(new Set(snapshots.map((s) => s.revision)).size).toBe(1);
    expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
    spies.forEach((s) => s.mockRestore());
  });

  it('asks an engine that is no swarm manager nothing about a swarm, and holds no nodes, services or tasks', async () => {
    const engine = new Engine(process.env);
    const paths: string[] = [];
    onDial(engine, (path) => paths.push(path));
    const store = new TopologyStore(engine);
    store.start();
    await store.settled();
    await store.stop();
    const { topology } = store.snapshot();
    expect(topology.engine.swarm.manager, 'the test engine is no swarm manager').not.toBe(true);
    expect(paths.some((p) => p.startsWith('/info'))).toBe(true);
    expect(paths.filter((p) => /^\/(nodes|services|tasks)\b/.test(p))).toEqual([]);
    expect([topology.nodes, topology.services, topology.tasks]).toEqual([[], [], []]);
  });
});
