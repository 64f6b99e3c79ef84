import { docker } from '../scripts/testkit/docker';
import { imageOfOurOwn, startRegistry } from '../scripts/testkit/registry';
import { expect, test } from './fixtures';

// Pulls and pushes go only to a registry this spec runs on loopback.

test('pulling from the loopback registry in the images view: the bar reaches 100% and the image is listed from that registry', async ({
  images,
  objects,
  page,
}) => {
  const registry = await startRegistry(objects);
  const image = `${registry}/${objects.prefix}/busybox:1`;
  await imageOfOurOwn(objects, image);
  await docker(['push', image]);
  await docker(['rmi', image]);

  await page.setViewportSize({ width: 1280, height: 720 });
  await images.open();
  await images.pull(image);

  await expect(images.transfer).toHaveAttribute('data-image', image);
  expect(await images.outcome()).toBe('done');
  await expect(images.progress).toHaveAttribute('aria-valuenow', '100');
  await expect(images.transfer.getByTestId('transfer-command')).toHaveText(`docker pull ${image}`);
  await expect(images.bar(image).getByTestId('image-registry')).toHaveText(registry);
  expect(await docker(['image', 'inspect', '-f', '{{join .RepoDigests ","}}', image])).toContain(`${registry}/${objects.prefix}/busybox@sha256:`);
  await page.screenshot({ path: 'test-results/screenshots/registry-pull.png' });
});

test('pushing a tagged local image from its bar, and a pull of a tag the registry lacks shows the Engine’s words', async ({ images, objects }) => {
  const registry = await startRegistry(objects);
  const image = `${registry}/${objects.prefix}/pushed:1`;
  await imageOfOurOwn(objects, image);

  await images.open();
  await expect(images.bar(image).getByTestId('image-registry')).toHaveText('local only');
  await images.push(image);
  expect(await images.outcome()).toBe('done');
  await expect(images.transfer.getByTestId('transfer-command')).toHaveText(`docker push ${image}`);
  expect(await docker(['image', 'inspect', '-f', '{{join .RepoDigests ","}}', image])).toContain(`${registry}/${objects.prefix}/pushed@sha256:`);

  await images.pull(`${registry}/${objects.prefix}/pushed:absent`);
  expect(await images.outcome()).toBe('failed');
  const error = images.transfer.getByTestId('action-error');
  await expect(error).toContainText(/not found|manifest unknown/);
  await expect(error).toContainText(`${registry} has no ${registry}/${objects.prefix}/pushed:absent`);
});

test('the run dialog pulls an image it does not have first, then runs it', async ({ map, objects, page }) => {
  const registry = await startRegistry(objects);
  const image = `${registry}/${objects.prefix}/runme:1`;
  const name = objects.name('pulled');
  await imageOfOurOwn(objects, image);
  await docker(['push', image]);
  await docker(['rmi', image]);

  await map.open();
  await page.getByTestId('global-actions').getByRole('button', { name: 'Run container' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Image').selectOption({ label: 'Another image…' });
  await dialog.getByLabel('Reference').fill(image);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Command').fill('sleep 1000000');
  await dialog.getByRole('button', { name: 'Pull it first' }).click();
  await expect(dialog.getByTestId('transfer')).toHaveAttribute('data-outcome', 'done', { timeout: 30_000 });
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await dialog.getByRole('button', { name: 'Run container' }).click();

  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  expect(await docker(['inspect', '-f', '{{.Config.Image}} {{.State.Running}}', name])).toBe(`${image} true`);
});
