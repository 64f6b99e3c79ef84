import { docker } from '../scripts/testkit/docker';
import { expect, extraPortolan, sidePort, test } from './fixtures';

// A demo-screen Portolan from the same build: PORTOLAN_READ_ONLY hides every action.
const { url } = extraPortolan(sidePort(3), { PORTOLAN_READ_ONLY: '1' }, 200);

test('a read-only Portolan shows the live map without any action', async ({ map, page }) => {
  const bridge = await docker(['network', 'inspect', '-f', '{{.Id}}', 'bridge']);
  await page.goto(`${url}/?select=net:${bridge}`);
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  await expect(map.inspectPanel).toHaveAttribute('data-selected', `net:${bridge}`);
  await expect(page.getByTestId('network-subnets')).toBeVisible();
  await expect(page.getByTestId('global-actions')).toHaveCount(0);
  await expect(page.getByTestId('selection-actions')).toHaveCount(0);
  const refused = await fetch(`${url}/api/networks`, {
    method: 'POST',
    headers: { Origin: url, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'never-created' }),
  });
  expect(refused.status).toBe(403);
});
