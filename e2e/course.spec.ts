import { docker, TEST_IMAGE, waitFor } from '../scripts/testkit/docker';
import { expect, test, type MapPage } from './fixtures';
import type { Page } from '@playwright/test';

// The networking course's walkthrough, done through Portolan's UI only; the
// test checks the Engine with the CLI and fetches the published port itself.

const id = (ref: string, network = false) => docker(network ? ['network', 'inspect', '-f', '{{.Id}}', ref] : ['inspect', '-f', '{{.Id}}', ref]);
const ipOn = (ctr: string, net: string) => docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`, ctr]);

async function expectCommand(page: Page, command: string | RegExp) {
  const outcome = page.getByTestId('action-outcome');
  await expect(outcome).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('action-command')).toHaveText(command);
  await page.getByRole('button', { name: 'Dismiss' }).click();
}

async function select(map: MapPage, graphId: string) {
  await map.page.getByRole('button', { name: 'Fit' }).click();
  await map.clickNode(graphId);
  await expect(map.inspectPanel).toHaveAttribute('data-selected', graphId);
}

async function runContainer(page: Page, fields: { name: string; command: string; network?: string; port?: [number, number] }) {
  await page.getByTestId('global-actions').getByRole('button', { name: 'Run container' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Image').selectOption(TEST_IMAGE);
  await dialog.getByLabel('Name').fill(fields.name);
  await dialog.getByLabel('Command').fill(fields.command);
  if (fields.network) await dialog.getByLabel('Network').selectOption(fields.network);
  if (fields.port) {
    await dialog.getByLabel('Host port').fill(String(fields.port[0]));
    await dialog.getByLabel('Container port').fill(String(fields.port[1]));
  }
  await dialog.getByRole('button', { name: 'Run container' }).click();
}

test('the course walkthrough, from the map only', async ({ map, objects, page }) => {
  test.setTimeout(120_000);
  await map.open();

  // Inspect bridge and read its subnet.
  const bridge = await id('bridge', true);
  await select(map, `net:${bridge}`);
  const subnet = await docker(['network', 'inspect', '-f', '{{(index .IPAM.Config 0).Subnet}}', 'bridge']);
  await expect(page.getByTestId('network-subnets')).toContainText(subnet);

  // A sleeping container on the default bridge, attached.
  const sleeper = objects.name('sleeper');
  await runContainer(page, { name: sleeper, command: 'sleep 1000000', network: 'bridge' });
  await expectCommand(page, `docker run --detach --name ${sleeper} ${TEST_IMAGE} sleep 1000000`);
  const sleeperId = await id(sleeper);
  await map.expectMember(`ctr:${sleeperId}`, `net:${bridge}`);

  // web1 publishes 8080 → 80; the test fetches it.
  const web1 = objects.name('web1');
  await runContainer(page, { name: web1, command: 'httpd -f -p 80 -h /var/www', network: 'bridge', port: [8080, 80] });
  await expectCommand(page, `docker run --detach --name ${web1} --publish 127.0.0.1:8080:80 ${TEST_IMAGE} httpd -f -p 80 -h /var/www`);
  const body = await waitFor(
    'web1 to serve',
    () =>
      fetch('http://127.0.0.1:8080/', { signal: AbortSignal.timeout(2000) }).then(
        (r) => (r.ok ? r.text() : null),
        () => null,
      ),
    10_000,
  );
  expect(body).toContain('Portolan test web');
  await map.expectElement(`pub:127.0.0.1:8080/tcp:${await id(web1)}`);

  // A network of our own; connect the sleeper with a static IP, then disconnect it.
  const net = objects.name('course');
  await page.getByTestId('global-actions').getByRole('button', { name: 'New network' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('Name').fill(net);
  await create.getByLabel('Subnet').fill('10.242.7.0/24');
  await create.getByLabel('Gateway').fill('10.242.7.1');
  await create.getByRole('button', { name: 'Create network' }).click();
  await expectCommand(page, `docker network create --driver bridge --subnet 10.242.7.0/24 --gateway 10.242.7.1 ${net}`);
  const netId = await id(net, true);
  await map.expectElement(`net:${netId}`);

  await select(map, `net:${netId}`);
  await map.inspectPanel.getByRole('button', { name: 'Connect a container…' }).click();
  const connect = page.getByRole('dialog');
  await connect.getByLabel('Container').selectOption(sleeper);
  await connect.getByLabel('IPv4 address').fill('10.242.7.50');
  await connect.getByRole('button', { name: 'Connect' }).click();
  await expectCommand(page, `docker network connect --ip 10.242.7.50 ${net} ${sleeper}`);
  expect(await ipOn(sleeper, net)).toBe('10.242.7.50');
  await expect.poll(async () => (await map.edge(`att:${netId}:${sleeperId}`))?.label).toBe('10.242.7.50');

  await map.inspectPanel.getByRole('button', { name: `Disconnect ${sleeper}` }).click();
  await expectCommand(page, `docker network disconnect ${net} ${sleeper}`);
  await map.expectElement(`att:${netId}:${sleeperId}`, false);
  expect(await docker(['inspect', '-f', '{{len .NetworkSettings.Networks}}', sleeper])).toBe('1');

  // Probe: within the bridge network, then across two networks with none shared.
  const loner = objects.name('loner');
  await docker(['run', '-d', '--name', loner, '--network', net, TEST_IMAGE, 'sleep', '1000000']);
  await select(map, `ctr:${sleeperId}`);
  await map.inspectPanel.getByRole('button', { name: 'Probe…' }).click();
  const probe = page.getByRole('dialog');
  await probe.getByLabel('Target').selectOption(web1);
  await probe.getByLabel('Port').fill('80');
  await probe.getByRole('button', { name: 'Probe' }).click();
  await expect(probe.getByTestId('probe-result')).toHaveAttribute('data-reachable', 'true');
  await probe.getByLabel('Target').selectOption(loner);
  await probe.getByLabel('Port').fill('');
  await probe.getByRole('button', { name: 'Probe' }).click();
  await expect(probe.getByTestId('probe-result')).toHaveAttribute('data-reachable', 'false');
  await expect(probe.getByTestId('probe-result')).toContainText('share no network');
  await page.keyboard.press('Escape');

  // Map web1's ports to 8081 → 80: a new container, same networks and IPs, new edge.
  const web1Before = await id(web1);
  const ipBefore = await ipOn(web1, 'bridge');
  await select(map, `ctr:${web1Before}`);
  await map.inspectPanel.getByRole('button', { name: 'Map ports…' }).click();
  const ports = page.getByRole('dialog');
  await ports.getByLabel('Host port').fill('8081');
  await expect(ports.getByTestId('ports-preview')).toContainText('8081');
  await ports.getByRole('button', { name: 'Map ports' }).click();
  // busybox httpd ignores SIGTERM, so the stop waits out its grace period.
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  const web1After = await id(web1);
  expect(web1After).not.toBe(web1Before);
  expect(await ipOn(web1, 'bridge')).toBe(ipBefore);
  await map.expectElement(`pub:127.0.0.1:8081/tcp:${web1After}`);
  await map.expectElement(`pub:127.0.0.1:8080/tcp:${web1Before}`, false);
  expect(
    await waitFor(
      '8081 to serve',
      () =>
        fetch('http://127.0.0.1:8081/', { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.ok,
          () => false,
        ),
      10_000,
    ),
  ).toBe(true);

  // Clean up from the UI: containers, then the network.
  for (const name of [sleeper, web1, loner]) {
    const ctr = await id(name);
    await select(map, `ctr:${ctr}`);
    await map.inspectPanel.getByRole('button', { name: 'Remove…', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove container' }).click();
    await map.expectElement(`ctr:${ctr}`, false);
  }
  await select(map, `net:${netId}`);
  await map.inspectPanel.getByRole('button', { name: 'Remove network…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove network' }).click();
  await map.expectElement(`net:${netId}`, false);
  expect(await docker(['ps', '-aq', '--filter', `name=${objects.prefix}`])).toBe('');
});

test('dropping a container onto a network connects it there, and it springs back to its place', async ({ map, objects, page }) => {
  const net = await docker(['network', 'create', objects.name('drop')]);
  const ctr = await objects.sleeper('dragged');
  await map.open();
  await map.expectElement(`ctr:${ctr}`);
  await page.getByRole('button', { name: 'Fit' }).click();
  const before = (await map.positions())[`ctr:${ctr}`];
  const from = await page.evaluate((id) => window.__PORTOLAN__!.renderedPosition(id), `ctr:${ctr}`);
  const to = await page.evaluate((id) => window.__PORTOLAN__!.renderedPosition(id), `net:${net}`);
  const box = (await page.getByTestId('graph').boundingBox())!;
  await page.mouse.move(box.x + from!.x, box.y + from!.y);
  await page.mouse.down();
  await page.mouse.move(box.x + (from!.x + to!.x) / 2, box.y + (from!.y + to!.y) / 2, { steps: 5 });
  await page.mouse.move(box.x + to!.x, box.y + to!.y, { steps: 5 });
  await page.mouse.up();

  await expectCommand(page, `docker network connect ${objects.name('drop')} ${objects.name('dragged')}`);
  await map.expectElement(`att:${net}:${ctr}`);
  expect(await docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${objects.name('drop')}").NetworkID}}`, ctr])).toBe(net);
  expect((await map.positions())[`ctr:${ctr}`]).toEqual(before);
});
