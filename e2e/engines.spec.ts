import { docker } from '../scripts/testkit/docker';
import { expect, extraPortolan, sidePort, test } from './fixtures';

/**
 * One Portolan watching several engines: the test engine, Docker 26.1 beside it (scripts/engine-26.sh),
 * and one that is not there. Each has its own map; the one that is down never hides the others.
 */
const V26 = 'unix:///run/portolan-engines/26.1/docker.sock';
const { url } = extraPortolan(
  sidePort(2),
  { PORTOLAN_ENGINES: `here=unix:///var/run/docker.sock,v26=${V26},gone=unix:///tmp/ptl-no-such-engine.sock` },
  200,
);

test('each engine is listed with its status; choosing one shows its map, and an action there acts on it', async ({ map, objects, page }) => {
  await page.goto(`${url}/`);
  const engines = page.getByRole('navigation', { name: 'Engines' });
  const engine = (name: string) => engines.locator(`[data-engine="${name}"]`);
  await expect(engine('here')).toHaveAttribute('aria-current', 'page');
  await expect(engine('v26')).toHaveAttribute('data-status', 'connected');
  await expect(engine('gone')).toHaveAttribute('data-status', 'unreachable');
  // Said in words, not by colour alone.
  await expect(engine('gone')).toContainText('unreachable');
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');

  await engine('v26').click();
  await expect(page).toHaveURL(/\?engine=v26$/);
  await expect(engine('v26')).toHaveAttribute('aria-current', 'page');
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await expect(map.engineStatus).toContainText('26.1');

  // A network made here is made on Docker 26.1, not on the first engine, and the docker line to copy says so.
  const name = objects.name('on-v26');
  await page.getByTestId('global-actions').getByRole('button', { name: 'New network' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await expect(dialog.getByTestId('command-preview')).toContainText(`docker -H ${V26} network create --driver bridge `);
  await expect(dialog.getByTestId('command-preview')).toContainText(name);
  await dialog.getByRole('button', { name: 'Create network' }).click();
  await expect(page.getByTestId('action-command')).toContainText(`docker -H ${V26} network create`);
  await expect.poll(async () => (await map.nodes()).some((n) => n.kind === 'network' && n.data.name === name)).toBe(true);
  try {
    expect(await docker(['network', 'inspect', '-f', '{{.Name}}', name], { ...process.env, DOCKER_HOST: V26 })).toBe(name);
    await expect(docker(['network', 'inspect', name])).rejects.toThrow();
  } finally {
    await docker(['network', 'rm', name], { ...process.env, DOCKER_HOST: V26 }).catch(() => undefined);
  }

  // The engine that is not there has a page of its own that says so, and the others stay listed.
  await engine('gone').click();
  await expect(map.engineStatus).toHaveAttribute('data-status', 'unreachable');
  await expect(engine('here')).toHaveAttribute('data-status', 'connected');
});

// The first engine's configuration cannot be used: Portolan starts all the same, for the others.
const firstBroken = extraPortolan(sidePort(6), { PORTOLAN_ENGINES: 'odd=foo://bar,here=unix:///var/run/docker.sock' }, 503);

test('a first engine that cannot be configured is listed with why, and the others still open', async ({ map, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${firstBroken.url}/`);
  const engines = page.getByRole('navigation', { name: 'Engines' });
  await expect(engines.locator('[data-engine="odd"]')).toHaveAttribute('data-status', 'unreachable');
  await expect(map.engineStatus).toHaveAttribute('data-status', 'unreachable');
  await expect(map.engineStatus).toContainText('PORTOLAN_ENGINES: odd=foo://bar: Portolan cannot use foo:// addresses');
  await page.screenshot({ path: `${process.env.PORTOLAN_E2E_OUTPUT ?? 'test-results/e2e'}/first-engine-broken-1280x720.png` });
  await engines.locator('[data-engine="here"]').click();
  await expect(page).toHaveURL(/\?engine=here$/);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
});
