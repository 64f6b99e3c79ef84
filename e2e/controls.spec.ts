import { docker } from '../scripts/testkit/docker';
import { expect, test } from './fixtures';

test('finding by name marks the matches, dims the rest, and Enter opens the first match', async ({ map, objects, page }) => {
  const ctr = await objects.sleeper('findme');
  await map.open();
  await map.expectElement(`ctr:${ctr}`);
  await page.getByLabel('Find by name').fill(objects.name('findme'));
  await expect.poll(async () => (await map.node(`ctr:${ctr}`))?.classes).toContain('match');
  const bridge = await docker(['network', 'inspect', '-f', '{{.Id}}', 'bridge']);
  expect((await map.node(`net:${bridge}`))?.classes).toContain('dimmed');
  await page.getByLabel('Find by name').press('Enter');
  await expect(map.inspectPanel).toHaveAttribute('data-selected', `ctr:${ctr}`);
});

test('filters hide stopped containers, predefined networks and other drivers', async ({ map, objects, page }) => {
  const stopped = await docker(['create', '--name', objects.name('idle'), 'portolan/busybox:test']);
  const net = await docker(['network', 'create', objects.name('kept')]);
  await map.open();
  await map.expectElement(`ctr:${stopped}`);

  await page.getByRole('button', { name: 'stopped containers' }).click();
  await map.expectElement(`ctr:${stopped}`, false);

  const none = await docker(['network', 'inspect', '-f', '{{.Id}}', 'none']);
  await page.getByRole('button', { name: 'predefined networks' }).click();
  await map.expectElement(`net:${none}`, false);
  await map.expectElement(`net:${net}`);

  await page.getByRole('group', { name: 'Filter by driver' }).getByRole('button', { name: 'null' }).click();
  await map.expectElement(`net:${net}`, false);
  expect((await map.nodes()).filter((n) => n.kind === 'network')).toEqual([]);
});

test('the picture exports as a PNG file', async ({ map, page }) => {
  await map.open();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^portolan-.*\.png$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const png = Buffer.concat(chunks);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);
});

test('the theme switches between light and dark and is remembered', async ({ map, page }) => {
  await map.open();
  const dark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
  const before = await dark();
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  expect(await dark()).toBe(!before);
  await page.reload();
  await map.open();
  expect(await dark()).toBe(!before);
});
