import { docker, dockerJson, TEST_IMAGE, TestObjects } from '../scripts/testkit/docker';
import { TestSwarm } from '../scripts/testkit/swarm';
import { expect, extraPortolan, sidePort, test, type DrawnNode, type MapPage } from './fixtures';

// The real 3-node swarm of scripts/swarm.sh (three 20.10 daemons in network namespaces), seen through a Portolan
// pointed at its manager. Only the Playwright project `swarm` runs this file (PORTOLAN_E2E_SWARM=1; npm test does,
// after the vitest swarm suite). Times are never asserted: two shared cores; a node is seen down after the manager's
// heartbeat timeout, so the waits are long.

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const swarm = new TestSwarm();
const manager = swarm.nodeEnv(1);
const objects = new TestObjects('e2esw', manager);
const NET = objects.name('net');
const WEB = objects.name('web');
const CLIENT = objects.name('client');
/** Ports of the swarm's own: they answer only inside its network namespaces. */
const MESH_PORT = 18181;
const UI_PORT = 18182;
const PROJECTOR = { width: 1280, height: 720 };
const cli = (args: string[]) => docker(args, manager);

test.beforeAll(async () => {
  // Builds the swarm, or starts what is missing of it; left up afterwards if it was up before (someone demoing).
  await swarm.up();
});
const portolan = extraPortolan(sidePort(4), { DOCKER_HOST: manager.DOCKER_HOST!, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, 200);
test.use({ baseURL: portolan.url });

/** node ids by hostname (ptl-swarm-1…3), the overlay's and the service's ids: asked of the manager with the CLI. */
const ids = { nodes: {} as Record<string, string>, net: '', web: '', ingress: '', client: '' };

test.beforeAll(async () => {
  for (const line of (await cli(['node', 'ls', '--format', '{{.ID}} {{.Hostname}}'])).split('\n')) {
    const [id, host] = line.split(' ');
    ids.nodes[host!] = id!;
  }
  ids.net = await cli(['network', 'create', '--driver', 'overlay', '--attachable', NET]);
  ids.ingress = await cli(['network', 'inspect', '-f', '{{.Id}}', 'ingress']);
  const httpd = [TEST_IMAGE, 'busybox', 'httpd', '-f', '-p', '80', '-h', '/var/www'];
  ids.web = await cli([
    'service',
    'create',
    '-d',
    '--no-resolve-image',
    '--name',
    WEB,
    '--replicas',
    '3',
    '--network',
    NET,
    '--publish',
    `${MESH_PORT}:80`,
    ...httpd,
  ]);
  ids.client = await cli(['run', '-d', '--name', CLIENT, '--network', NET, TEST_IMAGE, 'sleep', '1000000']);
});

test.afterAll(async () => {
  await cli(['service', 'rm', WEB]).catch(() => undefined);
  await objects.cleanup().catch((err: Error) => console.warn(`swarm e2e cleanup: ${err.message}`));
  // The overlay can go once the tasks on it have.
  await swarm.removeNetwork(NET);
  await swarm.down();
});

const node = (host: string) => ids.nodes[host]!;
const HOSTS = ['ptl-swarm-1', 'ptl-swarm-2', 'ptl-swarm-3'];
const webTasks = async (map: MapPage): Promise<DrawnNode[]> => (await map.nodes()).filter((n) => n.kind === 'task' && n.data.serviceId === ids.web);

test('the map shows three nodes, the overlay across them, one task per node and the published port on ingress on every node', async ({
  map,
  page,
}) => {
  await page.setViewportSize(PROJECTOR);
  await map.open();
  // Three tasks running, one on each node: the swarm may take a while to place and start them.
  await expect
    .poll(
      async () =>
        (await webTasks(map))
          .filter((t) => t.classes.includes('state-running'))
          .map((t) => t.data.nodeId)
          .sort(),
      { timeout: 120_000 },
    )
    .toEqual(HOSTS.map(node).sort());

  const nodes = await map.nodes();
  expect(nodes.filter((n) => n.kind === 'swarm-node').map((n) => n.data.name)).toEqual(HOSTS);
  expect(nodes.find((n) => n.id === `node:${node('ptl-swarm-1')}`)?.classes).toEqual(expect.arrayContaining(['manager', 'leader', 'self']));
  // The overlay once, a band in the swarm scope, on all three nodes (a task on each; the plain container on node 1).
  const overlays = nodes.filter((n) => n.kind === 'network' && n.data.name === NET);
  expect(overlays.map((n) => n.id)).toEqual([`net:${ids.net}`]);
  expect(overlays[0]).toMatchObject({ parent: 'scope:swarm', classes: expect.arrayContaining(['band']) });
  expect(
    nodes
      .filter((n) => n.kind === 'span' && n.parent === `net:${ids.net}`)
      .map((n) => n.data.nodeId)
      .sort(),
  ).toEqual(HOSTS.map(node).sort());
  const at = await map.positions();
  for (const t of await webTasks(map)) expect(at[t.id]!.x, t.label).toBe(at[`node:${t.data.nodeId}`]!.x);
  // The routing mesh: the published port stands in the ingress band in every node's column.
  for (const host of HOSTS) {
    const mesh = nodes.find((n) => n.id === `mesh:${node(host)}:${MESH_PORT}/tcp`);
    expect(mesh, host).toMatchObject({ kind: 'port', parent: `net:${ids.ingress}`, classes: expect.arrayContaining(['mesh']) });
    expect(at[mesh!.id]!.x).toBe(at[`node:${node(host)}`]!.x);
  }
  // The plain container, run on the manager, sits in the overlay's band in the manager's column.
  await map.expectMember(`ctr:${ids.client}`, `net:${ids.net}`);
  expect(at[`ctr:${ids.client}`]!.x).toBe(at[`node:${node('ptl-swarm-1')}`]!.x);

  await page.getByRole('button', { name: 'Fit' }).click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: 'test-results/screenshots/swarm-live-1280x720.png' });
  await map.open('?present=1');
  await map.expectElement(`ctr:${ids.client}`);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'test-results/screenshots/swarm-live-presenter-1280x720.png' });
});

test('publishing a port from the service panel changes the service in place, as docker service inspect shows; unpublishing takes it off', async ({
  map,
  page,
}) => {
  type Port = { TargetPort: number; PublishedPort: number; Protocol: string; PublishMode: string };
  const inspect = async () =>
    (await dockerJson<[{ ID: string; Spec: { EndpointSpec?: { Ports?: Port[] } } }]>(['service', 'inspect', WEB], manager))[0];
  const before = await inspect();

  await map.open(`?select=svc:${ids.web}`);
  await expect(map.inspectPanel).toHaveAttribute('data-kind', 'service');
  await map.inspectPanel.getByRole('button', { name: 'Publish a port…' }).click();
  const dialog = page.getByRole('dialog');
  // A published port the mesh already gives this service: the manager refuses, in its own words, with what to do.
  await dialog.getByLabel('Published port', { exact: true }).fill(String(MESH_PORT));
  await dialog.getByLabel('Target port', { exact: true }).fill('81');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  const refused = dialog.getByTestId('action-error');
  await expect(refused).toContainText('Engine said:');
  await expect(refused).toContainText('duplicate published ports provided');
  await expect(refused).toContainText('choose another published port');
  expect((await inspect()).Spec).toEqual(before.Spec);
  await dialog.getByLabel('Published port', { exact: true }).fill(String(UI_PORT));
  await dialog.getByLabel('Target port', { exact: true }).fill('81');
  const command = `docker service update --publish-add published=${UI_PORT},target=81,protocol=tcp,mode=ingress ${WEB}`;
  await expect(dialog.getByTestId('command-preview')).toHaveText(command);
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('action-command')).toHaveText(command);

  const after = await inspect();
  expect(after.ID).toBe(before.ID);
  expect(after.Spec.EndpointSpec?.Ports).toEqual(
    expect.arrayContaining([
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: MESH_PORT, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 81, PublishedPort: UI_PORT, PublishMode: 'ingress' },
    ]),
  );
  // The map follows: the new port in the ingress band on every node, and in the panel's table.
  for (const host of HOSTS) await map.expectElement(`mesh:${node(host)}:${UI_PORT}/tcp`);
  await expect(map.inspectPanel.getByTestId('service-ports')).toHaveAttribute('data-count', '2');

  await page.getByTestId('action-outcome').getByRole('button', { name: 'Dismiss' }).click();
  await map.inspectPanel.getByRole('button', { name: `Unpublish ${UI_PORT}/tcp…` }).click();
  await expect(dialog.getByTestId('command-preview')).toHaveText(`docker service update --publish-rm 81 ${WEB}`);
  await dialog.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  expect((await inspect()).Spec.EndpointSpec?.Ports).toEqual([{ Protocol: 'tcp', TargetPort: 80, PublishedPort: MESH_PORT, PublishMode: 'ingress' }]);
  await map.expectElement(`mesh:${node('ptl-swarm-2')}:${UI_PORT}/tcp`, false);
});

test('an encrypted, attachable overlay created from the dialog is on the manager as docker network inspect shows it', async ({ page }) => {
  const name = objects.name('secure');
  await page.goto('/');
  await page.getByRole('button', { name: 'New network' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Driver').selectOption('overlay');
  await dialog.getByLabel('Attachable').check();
  await dialog.getByLabel('Encrypted').check();
  await expect(dialog.getByTestId('command-preview')).toContainText(`--attachable --opt encrypted ${name}`);
  await dialog.getByRole('button', { name: 'Create network' }).click();
  await expect(page.getByTestId('action-outcome')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('action-command')).toContainText(`docker network create --driver overlay`);
  const [made] = await dockerJson<[{ Driver: string; Scope: string; Attachable: boolean; Options: Record<string, string> }]>(
    ['network', 'inspect', name],
    manager,
  );
  expect(made).toMatchObject({ Driver: 'overlay', Scope: 'swarm', Attachable: true });
  expect(made.Options).toHaveProperty('encrypted', '');
});

test('stopping node 3’s daemon turns its node down and its task moves to another node; back up, it is ready again', async ({ map, page }) => {
  await page.setViewportSize(PROJECTOR);
  await map.open();
  const node3 = node('ptl-swarm-3');
  let onNode3: DrawnNode | undefined;
  await expect
    .poll(async () => (onNode3 = (await webTasks(map)).find((t) => t.data.nodeId === node3 && t.classes.includes('state-running'))) !== undefined, {
      timeout: 60_000,
    })
    .toBe(true);
  const slot = onNode3!.data.slot;

  await swarm.stop(3);
  await expect.poll(async () => (await map.node(`node:${node3}`))?.classes, { timeout: 120_000 }).toEqual(expect.arrayContaining(['down']));
  expect((await map.node(`node:${node3}`))!.label.split('\n')[1]).toMatch(/^DOWN/);
  // The same slot runs again on a node that is up, as a new task.
  await expect
    .poll(
      async () =>
        (await webTasks(map)).some(
          (t) => t.data.slot === slot && t.id !== onNode3!.id && t.data.nodeId !== node3 && t.classes.includes('state-running'),
        ),
      { timeout: 120_000 },
    )
    .toBe(true);
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: 'test-results/screenshots/swarm-live-node-down-1280x720.png' });
  await page.getByRole('button', { name: 'List view' }).click();
  await expect(page.getByTestId(`row-node:${node3}`)).toHaveAttribute('data-state', 'down');
  await expect(page.getByTestId('nodes-down')).toHaveText('down 1');
  await page.screenshot({ path: 'test-results/screenshots/swarm-live-list-node-down-1280x720.png' });

  await swarm.up();
  await expect(page.getByTestId(`row-node:${node3}`)).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('nodes-down')).toHaveCount(0);
});
