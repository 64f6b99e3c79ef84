import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from './fixtures';

// A second Portolan, from the same build, pointed at an engine that does not exist.
const PORT = 3198;
const MISSING = '/tmp/portolan-e2e-no-engine.sock';
let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT), DOCKER_HOST: `unix://${MISSING}`, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  await expect
    .poll(
      async () =>
        fetch(`http://localhost:${PORT}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(503);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

test('with no engine the page still opens, names the endpoint it tried and how to fix it', async ({ page }) => {
  await page.goto(`http://localhost:${PORT}/`);
  const status = page.getByTestId('engine-status');
  await expect(status).toHaveAttribute('data-status', 'unreachable');
  await expect(status).toContainText('Engine unreachable');
  await expect(status).toContainText(`unix://${MISSING}`);
  await expect(status).toContainText('Start it');
  await page.screenshot({ path: 'test-results/screenshots/unreachable.png', fullPage: true });
});
