import { spawn, type ChildProcess } from 'node:child_process';
import { docker } from '../scripts/testkit/docker';
import { expect, test } from './fixtures';

// A demo-screen Portolan from the same build: PORTOLAN_READ_ONLY hides every action.
const PORT = 3197;
let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT), PORTOLAN_READ_ONLY: '1', NEXT_TELEMETRY_DISABLED: '1' },
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
    .toBe(200);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

test('a read-only Portolan shows the live map without any action', async ({ map, page }) => {
  const bridge = await docker(['network', 'inspect', '-f', '{{.Id}}', 'bridge']);
  await page.goto(`http://localhost:${PORT}/?select=net:${bridge}`);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await expect(map.inspectPanel).toHaveAttribute('data-selected', `net:${bridge}`);
  await expect(page.getByTestId('network-subnets')).toBeVisible();
  await expect(page.getByTestId('global-actions')).toHaveCount(0);
  await expect(page.getByTestId('selection-actions')).toHaveCount(0);
  const refused = await fetch(`http://localhost:${PORT}/api/networks`, {
    method: 'POST',
    headers: { Origin: `http://localhost:${PORT}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'never-created' }),
  });
  expect(refused.status).toBe(403);
});
