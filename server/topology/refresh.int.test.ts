import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Container, PatchOp } from '../../lib/topology';
import { PortolanApi } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker, dockerJson, waitFor } from '../../scripts/testkit/docker';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { toContainer, toNetwork } from '../engine/mapping';
import type { Portolan } from '../index';
import { log } from '../log';

// What Portolan changes itself, it reads again; what fails to read, it reads again too.

let portolan: Portolan;
let feed: Feed;
let api: PortolanApi;
const objects = new TestObjects('refresh');

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  feed = new Feed(portolan.url);
  await feed.ready();
  await portolan.store.settled();
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await objects.cleanup();
});

const engineContainer = async (ref: string): Promise<Container> =>
  toContainer((await dockerJson<Dockerode.ContainerInspectInfo[]>(['inspect', ref]))[0]!);
const upserts = (since: number, id: string) =>
  feed.patches
    .slice(since)
    .flatMap((p) => p.ops)
    .filter((op): op is Extract<PatchOp, { op: 'upsert'; kind: 'container' }> => op.op === 'upsert' && op.kind === 'container' && op.value.id === id);

describe("a stopped container connected to a network through Portolan's API", () => {
  it('is attached, with no address until it starts, in the patch, the live snapshot and /api/topology by the time the API answers', async () => {
    const net = objects.name('net');
    await docker(['network', 'create', net]);
    const id = await objects.docker(['create', '--name', objects.name('idle'), TEST_IMAGE, 'sleep', '1000000']);
    await waitFor('the created container in the picture', () => feed.snapshot?.topology.containers.some((c) => c.id === id));
    await portolan.store.settled();

    const since = feed.patches.length;
    const answer = await api.post(`/api/networks/${net}/connect`, { container: objects.name('idle') });
    expect(answer.status).toBe(200);

    // The Engine sends no event for this connect: only Portolan's own re-read can show it.
    const onNet = (c: Container | undefined) => c?.endpoints.find((e) => e.networkName === net);
    const served = (await api.get<{ topology: { containers: Container[] } }>('/api/topology')).body.topology.containers.find((c) => c.id === id);
    expect(onNet(served)).toMatchObject({ ipv4: '', ipv6: '' });
    await waitFor('the patch in the live feed', () => upserts(since, id).some((op) => onNet(op.value)));
    expect(onNet(feed.snapshot?.topology.containers.find((c) => c.id === id))).toMatchObject({ ipv4: '' });
    expect(served).toEqual(await engineContainer(id));

    // Once it starts, the Engine gives it an address there, and says so with events.
    await docker(['start', id]);
    await waitFor('an address on the new network', () => onNet(feed.snapshot?.topology.containers.find((c) => c.id === id))?.ipv4);
    await portolan.store.settled();
    expect(feed.snapshot?.topology.containers.find((c) => c.id === id)).toEqual(await engineContainer(id));
  });

  it('is read again after every other action too: run, stop, start, disconnect, remove, network create and remove', async () => {
    const net = objects.name('acts');
    const inspect = vi.spyOn(portolan.engine, 'inspectContainer');
    const network = vi.spyOn(portolan.engine, 'network');
    try {
      const created = await api.post<{ id: string }>('/api/networks', { name: net });
      expect(created.status).toBe(201);
      expect(portolan.store.snapshot().topology.networks.some((n) => n.id === created.body.id)).toBe(true);
      expect(network).toHaveBeenCalledWith(created.body.id);

      const run = await api.post<{ id: string }>('/api/containers', {
        image: TEST_IMAGE,
        name: objects.name('run'),
        command: 'sleep 1000000',
        network: net,
      });
      expect(run.status).toBe(201);
      const picture = () => portolan.store.snapshot().topology.containers.find((c) => c.id === run.body.id);
      expect(picture()?.state).toBe('running');

      expect((await api.post(`/api/containers/${run.body.id}/stop`)).status).toBe(200);
      expect(picture()?.state).toBe('exited');
      expect((await api.post(`/api/containers/${run.body.id}/start`)).status).toBe(200);
      expect(picture()?.state).toBe('running');
      expect((await api.delete(`/api/containers/${run.body.id}`)).status).toBe(200);
      expect(picture()).toBeUndefined();
      expect(inspect.mock.calls.filter(([ref]) => ref === run.body.id).length).toBeGreaterThanOrEqual(4);

      expect((await api.delete(`/api/networks/${net}`)).status).toBe(200);
      expect(portolan.store.snapshot().topology.networks.some((n) => n.name === net)).toBe(false);
    } finally {
      inspect.mockRestore();
      network.mockRestore();
    }
  });
});

describe('a re-inspect that fails', () => {
  it('is logged and retried, and the picture ends right', async () => {
    const net = objects.name('flaky');
    const warn = vi.spyOn(log, 'warn');
    // The Engine door fails once, as a daemon under load or a dropped connection would.
    const network = vi
      .spyOn(portolan.engine, 'network')
      .mockRejectedValueOnce(Object.assign(new Error('(HTTP code 500) server error - injected'), { statusCode: 500 }));
    try {
      const id = await docker(['network', 'create', net]);
      await waitFor('the network in the live picture', () => feed.snapshot?.topology.networks.find((n) => n.id === id), 5000);
      await portolan.store.settled();
      expect(network.mock.calls.filter(([ref]) => ref === id)).toHaveLength(2);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ key: `network:${id}`, failures: 1 }), 're-inspect failed; retrying');
      const [raw] = await dockerJson<Dockerode.NetworkInspectInfo[]>(['network', 'inspect', id]);
      expect(feed.snapshot?.topology.networks.find((n) => n.id === id)).toEqual(toNetwork(raw!));
    } finally {
      network.mockRestore();
      warn.mockRestore();
    }
  });

  it('that keeps failing is logged, and the store resyncs the whole picture', async () => {
    const net = objects.name('down');
    const error = vi.spyOn(log, 'error');
    const failure = Object.assign(new Error('(HTTP code 500) server error - injected'), { statusCode: 500 });
    const network = vi.spyOn(portolan.engine, 'network').mockRejectedValue(failure);
    const networks = vi.spyOn(portolan.engine, 'networks');
    try {
      const id = await docker(['network', 'create', net]);
      await waitFor('the store to give up and resync', () => networks.mock.calls.length > 0, 10_000);
      await portolan.store.settled();
      expect(error).toHaveBeenCalledWith(
        expect.objectContaining({ key: `network:${id}`, failures: 4 }),
        're-inspect keeps failing; resyncing the whole picture',
      );
      const [raw] = await dockerJson<Dockerode.NetworkInspectInfo[]>(['network', 'inspect', id]);
      expect(feed.snapshot?.topology.networks.find((n) => n.id === id)).toEqual(toNetwork(raw!));
    } finally {
      network.mockRestore();
      networks.mockRestore();
      error.mockRestore();
    }
  });
});
