import { afterAll, beforeAll, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import { docker, dockerJson, waitFor } from '../../scripts/testkit/docker';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { SecondEngine } from '../../scripts/testkit/secondEngine';
import { toNetwork } from '../engine/mapping';
import type { Portolan } from '../index';

// A daemon of the test's own, so stopping it disturbs no other test.
const engine = new SecondEngine();
let portolan: Portolan;
let feed: Feed;

beforeAll(async () => {
  await engine.start();
  portolan = await startTestPortolan(engine.env);
  feed = new Feed(portolan.url);
  await feed.ready();
}, 60_000);

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await engine.destroy();
});

async function engineNetworks() {
  const ids = (await docker(['network', 'ls', '-q'], engine.env)).split('\n');
  return (await dockerJson<Dockerode.NetworkInspectInfo[]>(['network', 'inspect', ...ids], engine.env))
    .map(toNetwork)
    .sort((a, b) => a.name.localeCompare(b.name));
}

it('reports reconnecting when the daemon stops, then catches up with what changed while it was away', async () => {
  await docker(['network', 'create', 'before-restart'], engine.env);
  await waitFor('the first network', () => feed.snapshot?.topology.networks.some((n) => n.name === 'before-restart'));

  await engine.stop();
  await waitFor('reconnecting', () => feed.statuses.at(-1)?.status === 'reconnecting', 10_000);
  expect((await fetch(`${portolan.url}/api/health`)).status).toBe(503);

  // Changes made while Portolan cannot watch: one network goes, another comes.
  await engine.start();
  await docker(['network', 'rm', 'before-restart'], engine.env);
  await docker(['network', 'create', 'after-restart'], engine.env);

  await waitFor('connected again', () => feed.statuses.at(-1)?.status === 'connected', 15_000);
  await portolan.store.settled();
  await waitFor(
    'the picture to match the Engine',
    async () => JSON.stringify(feed.snapshot?.topology.networks) === JSON.stringify(await engineNetworks()),
    5000,
  );
  expect(feed.snapshot?.topology.networks.map((n) => n.name)).toEqual(['after-restart', 'bridge', 'host', 'none']);
  expect(feed.snapshot?.topology.networks).toEqual(await engineNetworks());
  const health = await fetch(`${portolan.url}/api/health`);
  expect(health.status).toBe(200);
});

it('reports unreachable with the endpoint and a fix when no engine answers at start, and connects once one does', async () => {
  const missing = new SecondEngine();
  const lonely = await startTestPortolan(missing.env);
  try {
    const status = await waitFor('unreachable', () => (lonely.store.status().status === 'unreachable' ? lonely.store.status() : null), 5000);
    expect(status.endpoint).toBe(`unix://${missing.socket}`);
    expect(status.detail).toContain('Start it');
    const page = await fetch(`${lonely.url}/api/health`);
    expect(page.status).toBe(503);
    expect(await page.json()).toMatchObject({ ok: false, engine: { status: 'unreachable', endpoint: `unix://${missing.socket}` } });

    await missing.start();
    await waitFor('connected', () => lonely.store.status().status === 'connected', 15_000);
    expect(lonely.store.snapshot().topology.networks.map((n) => n.name)).toEqual(['bridge', 'host', 'none']);
  } finally {
    await lonely.close();
    await missing.destroy();
  }
}, 60_000);
