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

test('tagging an image from its bar and removing that name again: the images view shows each change and the docker line', async ({
  images,
  objects,
  page,
}) => {
  const name = `portolan/${objects.prefix}-own:1`;
  const id = await imageOfOurOwn(objects, name);
  const target = `127.0.0.1:5000/${objects.prefix}/own:2`;

  await page.setViewportSize({ width: 1280, height: 720 });
  await images.open();
  await images.tag(name, target);
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('action-command')).toHaveText(`docker tag ${name} ${target}`);
  // The Engine's tag event reaches every viewer: the bar has both names, and a name for a registry can be pushed.
  await expect(images.bar(target)).toHaveAttribute('data-tags', new RegExp(`(^| )${name.replace(/[.:/]/g, '\\$&')}( |$)`));
  await expect(images.section.getByRole('button', { name: `Push ${target}` })).toBeVisible();
  expect(await docker(['image', 'inspect', '-f', '{{.Id}}', target])).toBe(id);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.screenshot({ path: 'test-results/screenshots/images-tag-remove-1280x720.png' });

  // The confirmation lists both names, the one chosen, what stays, and the command.
  const dialog = await images.openRemove(target);
  await expect(dialog.getByRole('radio', { name: target, exact: true })).toBeChecked();
  await expect(dialog.getByRole('radio', { name, exact: true })).not.toBeChecked();
  await expect(dialog.getByTestId('remove-image-outcome')).toHaveText(`Only this name goes: the image stays as ${name}.`);
  await expect(dialog.getByTestId('command-preview')).toHaveText(`docker rmi ${target}`);
  await page.screenshot({ path: 'test-results/screenshots/images-remove-confirm-1280x720.png' });
  await dialog.getByRole('button', { name: 'Remove image' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('action-outcome')).toContainText(`${target} untagged`);
  await expect(page.getByTestId('action-command')).toHaveText(`docker rmi ${target}`);
  await expect(images.bar(name)).toHaveAttribute('data-tags', name);
  await expect(images.bar(target)).toHaveCount(0);
  await expect(docker(['image', 'inspect', target])).rejects.toThrow(/No such image/i);
});

test('removing the last name of an image a container uses: the Engine’s words read as an error, and the image stays', async ({
  images,
  objects,
  page,
}) => {
  const name = `portolan/${objects.prefix}-used:1`;
  await imageOfOurOwn(objects, name);
  const user = objects.name('user');
  await objects.docker(['create', '--name', user, '--pull', 'never', name, 'true']);

  await images.open();
  const dialog = await images.openRemove(name);
  await expect(dialog.getByTestId('remove-image-outcome')).toContainText('This is its last name: the image goes');
  await expect(dialog.getByText('1 container uses this image')).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove image' }).click();

  const error = dialog.getByTestId('action-error');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText(`unable to remove repository reference "${name}"`);
  await expect(error).toContainText(`The container ${user} uses it: remove that container first (docker rm --force ${user})`);
  await page.screenshot({ path: 'test-results/screenshots/images-remove-refused.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(images.bar(name)).toHaveCount(1);
  expect(await docker(['image', 'inspect', '-f', '{{.RepoTags}}', name])).toBe(`[${name}]`);
});
