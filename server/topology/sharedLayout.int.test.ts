import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, toElements } from '../../lib/graph/elements';
import { positionsOf } from '../../lib/graph/layout';
import type { TopologySnapshot } from '../../lib/topology';
import { PortolanApi } from '../../scripts/testkit/api';
import { docker, TestObjects, waitFor } from '../../scripts/testkit/docker';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';

let portolan: Portolan;
let feed: Feed;
const objects = new TestObjects('layout');

beforeAll(async () => {
  portolan = await startTestPortolan();
  feed = new Feed(portolan.url);
  await feed.resync();
  await portolan.store.settled();
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await objects.cleanup();
});

const placesOf = (s: TopologySnapshot) => positionsOf(s.layout!, toElements(s.topology, DEFAULT_OPTIONS));

describe('the shared arrangement on a real Engine', () => {
  it('places a container run with the CLI in its network’s box and moves nothing else', async () => {
    const net = await docker(['network', 'create', objects.name('box')]);
    await objects.sleeper('first', ['--network', objects.name('box')]);
    await waitFor('the first container in the viewer’s picture', () =>
      feed.snapshot?.topology.containers.some((c) => c.name === objects.name('first')),
    );
    await portolan.store.settled();
    const before = placesOf(feed.snapshot!);

    const second = await objects.sleeper('second', ['--network', objects.name('box')]);
    await waitFor(
      'the second container running in the picture',
      () => feed.snapshot?.topology.containers.find((c) => c.id === second)?.state === 'running',
      5000,
    );
    await portolan.store.settled();
    const after = placesOf(feed.snapshot!);
    // The viewer's copy, patched change by change, is the server's arrangement, the full one and the compact one.
    expect(feed.snapshot!.layout).toEqual(portolan.store.snapshot().layout);
    expect(feed.snapshot!.compactLayout).toEqual(portolan.store.snapshot().compactLayout);
    // Compact, the network is a box holding its count, in a cell of its own.
    expect(feed.snapshot!.compactLayout!.grids[`net:${net}`]!.cells).toContain(`grp:${net}`);
    expect(after.get(`ctr:${second}`)).toBeDefined();
    for (const [id, p] of before) {
      if (id === `net:${net}` || id.startsWith('scope:')) continue; // its box may grow around the newcomer
      expect(after.get(id), id).toEqual(p);
    }
  });

  it('keeps room under a created container for the ports it will publish once started', async () => {
    const net = await docker(['network', 'create', objects.name('ports')]);
    const created = await docker([
      'create',
      '--name',
      objects.name('web'),
      '--network',
      objects.name('ports'),
      '-p',
      '127.0.0.1:18411:80',
      'portolan/busybox:test',
      'httpd',
      '-f',
      '-p',
      '80',
    ]);
    await waitFor('the created container in the picture', () => feed.snapshot?.topology.containers.some((c) => c.id === created));
    await portolan.store.settled();
    const box = feed.snapshot!.layout!.grids[`net:${net}`]!;
    const row = Math.floor(box.cells.indexOf(`ctr:${created}`) / box.cols);
    expect(box.rows[row]).toBe(1);
    const before = placesOf(feed.snapshot!);
    await docker(['start', created]);
    await waitFor('its port in the picture', () => feed.snapshot?.topology.containers.find((c) => c.id === created)?.ports.length, 5000);
    await portolan.store.settled();
    const after = placesOf(feed.snapshot!);
    // Starting it publishes the port into the room kept for it: its box does not grow.
    expect(after.get(`net:${net}`)).toEqual(before.get(`net:${net}`));
  });

  it('lays the picture out afresh for every viewer on POST /api/layout', async () => {
    const api = new PortolanApi(portolan.url);
    const generation = portolan.store.snapshot().layout!.generation;
    const since = feed.patches.length;
    const { status, body } = await api.post<{ generation: number }>('/api/layout');
    expect(status).toBe(200);
    expect(body.generation).toBe(generation + 1);
    const patch = await waitFor('the re-layout patch', () => feed.patches.slice(since).find((p) => p.layout?.generation === generation + 1));
    expect(patch.ops).toEqual([]);
    expect(patch.compactLayout?.generation).toBe(portolan.store.snapshot().compactLayout!.generation);
    expect(feed.snapshot!.layout).toEqual(portolan.store.snapshot().layout);
    expect(feed.snapshot!.compactLayout).toEqual(portolan.store.snapshot().compactLayout);
  });

  it('refuses a re-layout from a read-only Portolan', async () => {
    const readOnly = await startTestPortolan(process.env, { PORTOLAN_READ_ONLY: '1' });
    try {
      const { status } = await new PortolanApi(readOnly.url).post('/api/layout');
      expect(status).toBe(403);
    } finally {
      await readOnly.close();
    }
  });
});
