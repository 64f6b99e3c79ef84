import { docker } from '../scripts/testkit/docker';
import { expect, test } from './fixtures';

test('the page shows live counts that change when a network is created with the CLI', async ({ map, objects, page }) => {
  await map.open();
  await expect(page.getByTestId('engine-status')).toContainText(`Docker Engine ${await docker(['version', '--format', '{{.Server.Version}}'])}`);
  const engineNetworks = (await docker(['network', 'ls', '-q'])).split('\n').length;
  await expect(map.networksTotal).toHaveText(String(engineNetworks));
  const bridges = (await docker(['network', 'ls', '-q', '--filter', 'driver=bridge'])).split('\n').length;
  await expect(map.networksWithDriver('bridge')).toHaveAttribute('data-count', String(bridges));

  await page.evaluate(() => ((window as unknown as { __marker: boolean }).__marker = true));
  await docker(['network', 'create', objects.name('live')]);

  await expect(map.networksTotal).toHaveText(String(engineNetworks + 1));
  await expect(map.networksWithDriver('bridge')).toHaveAttribute('data-count', String(bridges + 1));
  await expect(page.getByTestId('activity')).toContainText(`network ${objects.name('live')} created (bridge driver)`);
  // Updated in place: the page was not reloaded.
  expect(await page.evaluate(() => (window as unknown as { __marker?: boolean }).__marker)).toBe(true);
});

test('a request for a page with a foreign Host header is refused before Next renders it', async ({ request }) => {
  const response = await request.get('/', { headers: { Host: 'evil.example' } });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: { code: 'host_not_allowed' } });
});
