import { spawn } from 'node:child_process';
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

/** `docker save | docker load` from the shared engine into the test's own: there is no registry to pull from. */
async function copyTestImage(): Promise<void> {
  const save = spawn('docker', ['save', TEST_IMAGE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const load = spawn('docker', ['load', '--quiet'], { env: engine.env, stdio: ['pipe', 'ignore', 'inherit'] });
  save.stdout.pipe(load.stdin);
  const exited = (p: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => p.once('exit', resolve));
  const [saved, loaded] = await Promise.all([exited(save), exited(load)]);
  if (saved !== 0 || loaded !== 0) throw new Error(`copying ${TEST_IMAGE} to the second engine failed (save ${saved}, load ${loaded})`);
}

beforeAll(async () => {
  await engine.start();
  await copyTestImage();
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
