import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortolanApi } from '../scripts/testkit/api';
import { TestObjects, docker, waitFor } from '../scripts/testkit/docker';
import { Feed } from '../scripts/testkit/feed';
import { SecondEngine } from '../scripts/testkit/secondEngine';
import type { EngineSummary, TopologySnapshot } from '../lib/topology';
import { loadConfig } from './config';
import { defaultEngine } from './engine/engineSpecs';
import { startPortolan, type Portolan } from './index';

/**
 * Several engines on one Portolan: the shared test engine ("here") and one of the test's own ("lab"), which it
 * stops and starts; a third whose configuration cannot be used ("broken"). Each keeps its own picture.
 */
const lab = new SecondEngine();
const here = new TestObjects('sites');
const there = new TestObjects('sites', lab.env);
let portolan: Portolan;
let api: PortolanApi;
const feeds: Feed[] = [];

beforeAll(async () => {
  await lab.start();
  portolan = await startPortolan({
    config: loadConfig({ PORT: '0', NODE_ENV: 'production' }),
    engines: [
      { ...defaultEngine(process.env), name: 'here' },
      { ...defaultEngine(lab.env), name: 'lab' },
      { ...defaultEngine({ DOCKER_HOST: 'foo://bar' }), name: 'broken' },
    ],
    pages: false,
  });
  api = new PortolanApi(portolan.url);
  await Promise.all(portolan.sites.map((s) => (s.broken === undefined ? s.store.settled() : null)));
});

afterAll(async () => {
  for (const feed of feeds) feed.close();
  await portolan?.close();
  await here.cleanup();
  await there.cleanup().catch(() => undefined);
  await lab.destroy();
});

async function viewer(query: Record<string, string> = {}): Promise<Feed> {
  const feed = new Feed(portolan.url, portolan.url, query);
  feeds.push(feed);
  await feed.ready();
  return feed;
}

const engines = async () => (await api.get<{ engines: EngineSummary[] }>('/api/engines')).body.engines;

it('lists every engine with its status: the broken one says why, and the others run', async () => {
  const list = await engines();
  expect(list.map((e) => [e.name, e.status])).toEqual([
    ['here', 'connected'],
    ['lab', 'connected'],
    ['broken', 'unreachable'],
  ]);
  expect(list[1]!.endpoint).toBe(lab.env.DOCKER_HOST);
  expect(list[1]!.version).toMatch(/^\d+\.\d+/);
  expect(list[2]!.detail).toContain('DOCKER_HOST=foo://bar');
  // A request about the broken engine gets its configuration error, not a crash.
  const refused = await api.get<{ error: { code: string; message: string } }>('/api/topology?engine=broken');
  expect(refused.status).toBe(503);
  expect(refused.body.error.message).toContain('foo://bar');
  const unknown = await api.get<{ error: { code: string; hint: string } }>('/api/topology?engine=nope');
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.hint).toContain('"lab"');
});

it('acts on the engine a request names, and defaults to the first', async () => {
  const net = there.name('only-lab');
  const made = await api.post<{ command: string; id: string }>('/api/networks?engine=lab', { name: net });
  expect(made.status).toBe(201);
  // The docker line to copy is aimed at the lab engine too.
  expect(made.body.command).toBe(`docker -H ${lab.env.DOCKER_HOST} network create --driver bridge ${net}`);
  // It is on the lab engine, and not on the shared one.
  expect(await docker(['network', 'inspect', '-f', '{{.Name}}', net], lab.env)).toBe(net);
  await expect(docker(['network', 'inspect', net])).rejects.toThrow();
  const lab1 = (await api.get<TopologySnapshot>('/api/topology?engine=lab')).body;
  const here1 = (await api.get<TopologySnapshot>('/api/topology')).body;
  expect(lab1.topology.networks.map((n) => n.name)).toContain(net);
  expect(here1.topology.networks.map((n) => n.name)).not.toContain(net);
  // Two daemons on one machine can share an engine id (20.10 derives it from /etc/docker/key.json): names tell them apart.
  expect(lab1.engine).toBe('lab');
  expect(here1.engine).toBe('here');
  expect(lab1.topology.engine.endpoint).toBe(lab.env.DOCKER_HOST);
  expect((await api.delete(`/api/networks/${net}?engine=lab`)).status).toBe(200);
});

it('a viewer follows the first engine, the one it names, or every engine, and each payload names its engine', async () => {
  const first = await viewer();
  const labOnly = await viewer({ engine: 'lab' });
  const every = await viewer({ engines: 'all' });
  expect(first.snapshot?.engine).toBe('here');
  expect(labOnly.snapshot?.engine).toBe('lab');
  await waitFor('every engine’s snapshot', () => every.snapshots.size === 3);
  expect(every.engines?.map((e) => e.name)).toEqual(['here', 'lab', 'broken']);

  const net = there.name('live');
  await docker(['network', 'create', net], lab.env);
  const onLab = (f: Feed, snapshot = f.snapshots.get('lab')) => snapshot?.topology.networks.some((n) => n.name === net);
  await waitFor('the lab network at the lab viewer', () => onLab(labOnly, labOnly.snapshot ?? undefined), 5000);
  await waitFor('the lab network at the viewer of every engine', () => onLab(every), 5000);
  expect(every.snapshots.get('here')!.topology.networks.some((n) => n.name === net)).toBe(false);
  // The first engine's viewer heard nothing of it.
  expect(first.patches.every((p) => p.engine === 'here')).toBe(true);
  expect(first.snapshot!.topology.networks.some((n) => n.name === net)).toBe(false);
  const activity = await waitFor('the lab activity', () => every.activity.find((a) => a.text.includes(net)), 5000);
  expect(activity.engine).toBe('lab');
  await docker(['network', 'rm', net], lab.env);
});

it('an engine that stops is marked unreachable while the others keep their pictures, and comes back by itself', async () => {
  const every = await viewer({ engines: 'all' });
  const before = (await api.get<TopologySnapshot>('/api/topology')).body.topology.networks.length;
  await lab.stop();
  await waitFor('lab marked down', async () => (await engines()).find((e) => e.name === 'lab')?.status !== 'connected', 15_000, 200);
  await waitFor('the viewer told', () => every.engines?.find((e) => e.name === 'lab')?.status !== 'connected', 5000);
  expect((await engines()).find((e) => e.name === 'here')?.status).toBe('connected');
  // The first engine's picture is untouched, and its actions still work.
  const net = here.name('still');
  expect((await api.post('/api/networks', { name: net })).status).toBe(201);
  const after = (await api.get<TopologySnapshot>('/api/topology')).body.topology.networks;
  expect(after.length).toBe(before + 1);
  await lab.start();
  await waitFor('lab back', async () => (await engines()).find((e) => e.name === 'lab')?.status === 'connected', 60_000, 500);
});
