import { docker, TEST_IMAGE, TestObjects } from '../scripts/testkit/docker';
import { SecondEngine } from '../scripts/testkit/secondEngine';
import { expect, extraPortolan, sidePort, test } from './fixtures';

/**
 * Removing asks first: one confirmation that lists exactly what goes and the docker line. Cancel changes nothing;
 * confirming removes what was listed and nothing else. A refusal reads as one ("Could not remove …"), never as done.
 */
const exists = (kind: 'network' | 'container', ref: string, env?: NodeJS.ProcessEnv) =>
  docker([kind, 'inspect', ref], env).then(
    () => true,
    () => false,
  );

test('removing a container asks first: cancel keeps it, confirm removes it and only it', async ({ map, objects, page }) => {
  const net = objects.name('pair');
  await docker(['network', 'create', net]);
  const gone = await objects.sleeper('goes', ['--network', net]);
  const stays = await objects.sleeper('stays', ['--network', net]);
  await map.open(`?select=ctr:${gone}`);

  await map.inspectPanel.getByRole('button', { name: 'Remove…', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('confirm-list').locator('li')).toHaveCount(1);
  await expect(dialog.getByTestId('confirm-list')).toContainText(objects.name('goes'));
  await expect(dialog.getByTestId('confirm-list')).toContainText('running: it is killed');
  await expect(dialog.getByTestId('command-preview')).toHaveText(`docker rm --force ${objects.name('goes')}`);
  // Cancel has the focus: Enter alone removes nothing.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await exists('container', gone)).toBe(true);

  await map.inspectPanel.getByRole('button', { name: 'Remove…', exact: true }).click();
  await dialog.getByRole('button', { name: 'Remove container' }).click();
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('action-command')).toHaveText(`docker rm --force ${objects.name('goes')}`);
  await map.expectElement(`ctr:${gone}`, false);
  expect(await exists('container', gone)).toBe(false);
  expect(await exists('container', stays)).toBe(true);
  expect(await exists('network', net)).toBe(true);
});

test('removing a network asks first; one the Engine refuses reads as not removed, with its words', async ({ map, objects, page }) => {
  const idle = await docker(['network', 'create', objects.name('idle')]);
  const busy = await docker(['network', 'create', objects.name('busy')]);
  await objects.sleeper('holder', ['--network', objects.name('busy')]);
  const dialog = page.getByRole('dialog');

  // A network a running container holds: listed with it; the Engine refuses, and the dialog says so.
  await map.open(`?select=net:${busy}`);
  await map.inspectPanel.getByRole('button', { name: 'Remove network…' }).click();
  await expect(dialog.getByTestId('confirm-list')).toContainText(`Still has running container ${objects.name('holder')}`);
  await dialog.getByRole('button', { name: 'Remove network' }).click();
  const error = dialog.getByTestId('action-error');
  await expect(error).toContainText(`Could not remove network ${objects.name('busy')}: `);
  await expect(error).toContainText('active endpoints');
  await expect(error).not.toContainText('removed');
  await expect(page.getByTestId('action-outcome')).toBeHidden();
  expect(await exists('network', busy)).toBe(true);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await map.open(`?select=net:${idle}`);
  await map.inspectPanel.getByRole('button', { name: 'Remove network…' }).click();
  await expect(dialog.getByTestId('command-preview')).toHaveText(`docker network rm ${objects.name('idle')}`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await exists('network', idle)).toBe(true);
  await map.inspectPanel.getByRole('button', { name: 'Remove network…' }).click();
  await dialog.getByRole('button', { name: 'Remove network' }).click();
  await expect(page.getByTestId('action-summary')).toHaveText(`✓ network ${objects.name('idle')} removed`);
  expect(await exists('network', idle)).toBe(false);
  expect(await exists('network', busy)).toBe(true);
});

test('a refusal in the message corner wraps a long id and keeps its close button on screen', async ({ map, objects, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // A stopped container whose network is gone: starting it is refused, in words that carry a name with no place to break.
  const long = `wrap_${'x'.repeat(100)}`;
  const net = await docker(['network', 'create', objects.name(long)]);
  const ctr = await objects.docker(['create', '--name', objects.name('wrapped'), '--network', objects.name(long), TEST_IMAGE, 'sleep', '1000000']);
  await docker(['network', 'rm', net]);
  await map.open(`?select=ctr:${ctr}`);
  await map.inspectPanel.getByRole('button', { name: 'Start', exact: true }).click();
  const outcome = page.getByTestId('action-outcome');
  await expect(outcome).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('action-summary')).toContainText(`✗ could not start ${objects.name('wrapped')}: `);
  await expect(outcome).toContainText(`network ${objects.name(long)} not found`);
  const box = (await outcome.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  await expect(outcome.getByRole('button', { name: 'Dismiss' })).toBeInViewport({ ratio: 1 });
  // Nothing inside is wider than the message itself.
  expect(await outcome.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/refusal-1280x720.png' });
  await outcome.getByRole('button', { name: 'Dismiss' }).click();
  await expect(outcome).toBeHidden();
  expect(await docker(['inspect', '-f', '{{.State.Status}}', ctr])).toBe('created');
});

// Prune removes every unused network on its engine, other people's too: this one runs on a daemon of its own.
const engine = new SecondEngine();
test.beforeAll(async () => {
  await engine.start();
  await engine.loadTestImage();
});
test.afterAll(async () => {
  await docker(['rm', '-f', 'holder', 'sleeper'], engine.env).catch(() => undefined);
  await engine.destroy();
});
const { url } = extraPortolan(sidePort(7), { DOCKER_HOST: engine.env.DOCKER_HOST! }, 200);

test('prune lists exactly what it removes, from the picture: cancel keeps them, confirm removes them and nothing else', async ({ map, page }) => {
  const own = new TestObjects('prune', engine.env);
  const idle = await own.docker(['network', 'create', 'idle']);
  const stale = await own.docker(['network', 'create', 'stale']);
  const busy = await own.docker(['network', 'create', 'busy']);
  await own.docker(['create', '--name', 'sleeper', '--network', 'stale', TEST_IMAGE, 'true']);
  await own.docker(['run', '-d', '--name', 'holder', '--network', 'busy', TEST_IMAGE, 'sleep', '1000000']);

  await page.goto(`${url}/`);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await expect
    .poll(async () => {
      const { topology } = (await (await page.request.get(`${url}/api/topology`)).json()) as {
        topology: { networks: unknown[]; containers: unknown[] };
      };
      return [topology.networks.length, topology.containers.length];
    })
    .toEqual([6, 2]);
  await page.getByTestId('global-actions').getByRole('button', { name: 'Prune networks…' }).click();
  const dialog = page.getByRole('dialog');
  const listed = dialog.getByTestId('confirm-list').locator('li');
  await expect(listed).toHaveCount(2);
  expect(await listed.evaluateAll((items) => items.map((li) => li.getAttribute('data-id')))).toEqual([idle, stale]);
  await expect(listed.nth(1)).toContainText('Named by stopped container sleeper: it will not start again');
  await expect(dialog.getByTestId('command-preview')).toHaveText('docker network prune --force');
  await page.screenshot({ path: 'test-results/screenshots/prune-confirm.png' });

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  for (const id of [idle, stale, busy]) expect(await exists('network', id, engine.env)).toBe(true);

  await page.getByTestId('global-actions').getByRole('button', { name: 'Prune networks…' }).click();
  await dialog.getByRole('button', { name: 'Prune networks' }).click();
  await expect(page.getByTestId('action-summary')).toHaveText('✓ 2 networks pruned: idle, stale');
  for (const id of [idle, stale]) expect(await exists('network', id, engine.env)).toBe(false);
  const left = (await own.docker(['network', 'ls', '--format', '{{.Name}}'])).split('\n').sort();
  expect(left).toEqual(['bridge', 'busy', 'host', 'none']);
});
