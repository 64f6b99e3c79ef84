import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortolanApi } from '../../scripts/testkit/api';
import { TEST_IMAGE, docker } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { SecondEngine } from '../../scripts/testkit/secondEngine';
import type { Portolan } from '../index';

// Prune removes every unused network on its engine, other people's too: it runs
// only against a daemon of the test's own.
const engine = new SecondEngine();
let portolan: Portolan;

beforeAll(async () => {
  await engine.start();
  await engine.loadTestImage();
  portolan = await startTestPortolan(engine.env);
  await portolan.store.settled();
}, 60_000);

afterAll(async () => {
  await portolan?.close();
  // A daemon that stops gives `sleep` (pid 1, deaf to SIGTERM) its 10 s grace; removing it first is instant.
  await docker(['rm', '-f', 'member'], engine.env).catch(() => undefined);
  await engine.destroy();
});

it('prune removes the unused network and keeps the one a container uses', async () => {
  await docker(['network', 'create', 'unused'], engine.env);
  const usedId = await docker(['network', 'create', 'used'], engine.env);
  await docker(['run', '-d', '--name', 'member', '--network', 'used', TEST_IMAGE, 'sleep', '1000000'], engine.env);
  const unusedId = await docker(['network', 'inspect', '-f', '{{.Id}}', 'unused'], engine.env);

  const { status, body } = await new PortolanApi(portolan.url).post('/api/networks/prune');

  expect(status).toBe(200);
  expect(body).toEqual({ command: 'docker network prune --force', removed: ['unused'] });
  const left = (await docker(['network', 'ls', '--format', '{{.Name}} {{.ID}}', '--no-trunc'], engine.env)).split('\n').sort();
  expect(left).toEqual([expect.stringMatching(/^bridge /), expect.stringMatching(/^host /), expect.stringMatching(/^none /), `used ${usedId}`]);
  expect(left.join('\n')).not.toContain(unusedId);
  // The Engine's own "network prune" event names no network: the picture is still exactly the networks there are.
  await portolan.store.settled();
  const ids = (await docker(['network', 'ls', '--format', '{{.ID}}', '--no-trunc'], engine.env)).split('\n').sort();
  expect(
    portolan.store
      .snapshot()
      .topology.networks.map((n) => n.id)
      .sort(),
  ).toEqual(ids);
});

it('prune removes a network only a stopped container names, as the Engine does: the container then cannot start', async () => {
  await docker(['network', 'create', 'stale'], engine.env);
  await docker(['create', '--name', 'sleeper', '--network', 'stale', TEST_IMAGE, 'true'], engine.env);
  await portolan.store.settled();
  const staleId = portolan.store.snapshot().topology.networks.find((n) => n.name === 'stale')!.id;
  try {
    const { status, body } = await new PortolanApi(portolan.url).post('/api/networks/prune', { expected: [staleId] });
    expect(status).toBe(200);
    expect(body).toEqual({ command: 'docker network prune --force', removed: ['stale'] });
    // The container is still there, and cannot start: its network is gone.
    await expect(docker(['start', 'sleeper'], engine.env)).rejects.toThrow(/stale.*not found|not found.*stale|network .* not found/);
  } finally {
    await docker(['rm', '-f', 'sleeper'], engine.env).catch(() => undefined);
  }
});

it('refuses a prune whose list changed since it was shown, names the change, and removes nothing', async () => {
  await docker(['network', 'create', 'shown'], engine.env);
  await portolan.store.settled();
  const shownId = portolan.store.snapshot().topology.networks.find((n) => n.name === 'shown')!.id;
  // Someone makes another unused network before the prune is confirmed.
  await docker(['network', 'create', 'late'], engine.env);
  await portolan.store.settled();

  const { status, body } = await new PortolanApi(portolan.url).post('/api/networks/prune', { expected: [shownId] });

  expect(status).toBe(409);
  expect(body).toEqual({
    error: {
      code: 'prune_changed',
      message: 'The networks a prune would remove changed since they were listed; it would now also remove late. Nothing was removed.',
      hint: 'Look at the list again, then confirm.',
    },
  });
  const left = (await docker(['network', 'ls', '--format', '{{.Name}}'], engine.env)).split('\n');
  expect(left).toEqual(expect.arrayContaining(['shown', 'late']));
  const again = await new PortolanApi(portolan.url).post('/api/networks/prune', { expected: ['late', shownId] });
  expect(again.status).toBe(200);
  expect((again.body as { removed: string[] }).removed.sort()).toEqual(['late', 'shown']);
});
