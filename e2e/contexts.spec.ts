import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker } from '../scripts/testkit/docker';
import { expect, extraPortolan, sidePort, test } from './fixtures';

/**
 * The docker CLI's contexts offered by name beside the engines: a Portolan watching one engine, with a DOCKER_CONFIG
 * of the spec's own holding two more contexts, one of them Docker 26.1 beside the test engine (scripts/engine-26.sh).
 * Watching that one from the page adds its map; nothing is kept across a restart.
 */
const V26 = 'unix:///run/portolan-engines/26.1/docker.sock';
const port = sidePort(5);
const config = path.join(os.tmpdir(), `ptl-e2e-contexts-${port}`);
const userEnv = { ...process.env, DOCKER_CONFIG: config };
const SHOTS = process.env.PORTOLAN_E2E_OUTPUT ?? 'test-results/e2e';

test.beforeAll(async () => {
  fs.rmSync(config, { recursive: true, force: true });
  fs.mkdirSync(config, { recursive: true });
  await docker(['context', 'create', 'ptl-e2e-v26', '--docker', `host=${V26}`, '--description', 'Docker 26.1, the newer engine'], userEnv);
  await docker(['context', 'create', 'ptl-e2e-ci', '--docker', 'host=unix:///run/ptl-e2e-ci/docker.sock', '--description', 'the CI runner'], userEnv);
});
test.afterAll(() => fs.rmSync(config, { recursive: true, force: true }));

// Contexts are read on each request, so the server may start before the spec writes them.
const { url } = extraPortolan(port, { DOCKER_CONFIG: config, PORTOLAN_ENGINES: 'here=unix:///var/run/docker.sock' }, 200);

test('offers the contexts Portolan does not watch by name; watching one adds its map, whose docker lines say --context', async ({
  map,
  objects,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${url}/`);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  const offer = page.getByTestId('docker-contexts');
  await expect(offer.getByRole('button', { name: 'Docker contexts (3)' })).toBeVisible();
  await offer.getByRole('button', { name: 'Docker contexts (3)' }).click();
  const list = page.getByRole('region', { name: 'Docker contexts not watched' });
  const v26 = list.locator('[data-context="ptl-e2e-v26"]');
  await expect(list.locator('[data-context]')).toHaveCount(3);
  await expect(v26).toContainText(V26);
  await expect(v26).toContainText('Docker 26.1, the newer engine');
  await expect(v26.getByTestId('context-command')).toHaveText('docker context inspect ptl-e2e-v26');
  await page.screenshot({ path: `${SHOTS}/contexts-1280x720.png` });

  await v26.getByRole('button', { name: 'Watch ptl-e2e-v26' }).click();
  await expect(page.getByTestId('action-command')).toHaveText('docker --context ptl-e2e-v26 events');
  const engines = page.getByRole('navigation', { name: 'Engines' });
  const watched = engines.locator('[data-engine="ptl-e2e-v26"]');
  await expect(watched).toHaveAttribute('data-status', 'connected');
  // Watched now, it is offered no more.
  await expect(offer.getByRole('button', { name: 'Docker contexts (2)' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/contexts-watched-1280x720.png` });

  await watched.click();
  await expect(page).toHaveURL(/\?engine=ptl-e2e-v26$/);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await expect(map.engineStatus).toContainText('26.1');
  // The docker line to copy reaches that engine as the CLI would: by its context.
  await page.getByTestId('global-actions').getByRole('button', { name: 'New network' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(objects.name('ctx'));
  await expect(dialog.getByTestId('command-preview')).toContainText('docker --context ptl-e2e-v26 network create --driver bridge ');
});
