import type { Page } from '@playwright/test';
import { nodeDownOps, OVERLAY, SWARM, swarmPicture } from '../scripts/testkit/syntheticSwarm';
import { expect, sidePort, syntheticSwarm, test, violations, type MapPage } from './fixtures';
import { boxes, countPixels, downloadedPng } from './pngPixels';

// The swarm on the map, served from a made-up three-node swarm (no Engine is involved): what a person sees, measured
// in rendered pixels and read through window.__PORTOLAN__. The real swarm's end-to-end test comes with its server side.

const swarm = syntheticSwarm(sidePort(1));
test.use({ baseURL: swarm.url });
test.beforeEach(async () => {
  await swarm.reset();
});

const { nodes: N, tasks: T, services: S, networks: NET, containers: C } = SWARM;
const NODES = [N.manager, N.worker1, N.worker2];
const PROJECTOR = { width: 1280, height: 720 };

async function drawnOnScreen(map: MapPage): Promise<Record<string, { x: number; y: number }>> {
  return map.page.evaluate(() => {
    const g = window.__PORTOLAN__!;
    return Object.fromEntries(g.nodes().map((n) => [n.id, g.renderedPosition(n.id)!]));
  });
}

/** Applies a change and waits until the page has drawn the revision it made. */
async function change(page: Page, ops: Parameters<typeof swarm.apply>[0]): Promise<void> {
  const revision = await swarm.apply(ops);
  await expect.poll(() => page.evaluate(() => window.__PORTOLAN__!.revision)).toBeGreaterThanOrEqual(revision);
  await page.waitForTimeout(700);
}

test('a three-node swarm: three nodes, the overlay once, one task per node, the published port on ingress on every node', async ({ map }) => {
  await map.open();
  await map.expectElement(`task:${T.web3}`);
  const nodes = await map.nodes();
  const at = await map.positions();

  expect(nodes.filter((n) => n.kind === 'swarm-node').map((n) => n.id)).toEqual(NODES.map((n) => `node:${n}`));
  // The overlay is drawn once, in the swarm scope, tinted in the column of each node a task needs it on.
  const overlays = nodes.filter((n) => n.kind === 'network' && n.data.name === OVERLAY);
  expect(overlays).toHaveLength(1);
  expect(overlays[0]).toMatchObject({ id: `net:${NET.front}`, parent: 'scope:swarm', classes: expect.arrayContaining(['band']) });
  expect(nodes.filter((n) => n.kind === 'span' && n.parent === `net:${NET.front}`).map((n) => n.data.nodeId)).toEqual(NODES);

  // One web task per node, each in its node's column, in the overlay's band.
  const web = [T.web1, T.web2, T.web3].map((t) => nodes.find((n) => n.id === `task:${t}`)!);
  expect(web.map((t) => t.label.split('\n')[0])).toEqual(['web.1', 'web.2', 'web.3']);
  expect(web.map((t) => t.data.nodeId)).toEqual(NODES);
  for (const t of web) expect(t.parent).toBe(`net:${NET.front}`);
  expect(web.map((t) => at[t.id]!.x)).toEqual(NODES.map((n) => at[`node:${n}`]!.x));

  // The routing mesh: port 8080 answers on every node, in the ingress band; 9090 (host mode) only where edge.1 runs.
  for (const n of NODES) {
    const mesh = nodes.find((m) => m.id === `mesh:${n}:8080/tcp`)!;
    expect(mesh).toMatchObject({ kind: 'port', parent: `net:${NET.ingress}`, classes: expect.arrayContaining(['exposed', 'mesh']) });
    expect(at[mesh.id]!.x).toBe(at[`node:${n}`]!.x);
  }
  expect(nodes.filter((n) => n.id.startsWith('nodeport:')).map((n) => n.id)).toEqual([`nodeport:${N.worker1}:9090/tcp`]);
  expect(await map.edge(`pub:nodeport:${N.worker1}:9090/tcp:${T.edge1}`)).toMatchObject({ target: `task:${T.edge1}`, label: '→ 80/tcp' });

  // The plain container on the attachable overlay runs on the manager; the manager's task container is the task.
  expect(nodes.find((n) => n.id === `ctr:${C.probe}`)).toMatchObject({ parent: `net:${NET.front}` });
  expect(at[`ctr:${C.probe}`]!.x).toBe(at[`node:${N.manager}`]!.x);
  expect(nodes.some((n) => n.id === `ctr:${C.web1}`)).toBe(false);
});

test('presenter at 1280×720: names of nodes, services, tasks and networks are at least 18 px, ports 14 px on screen', async ({ map, page }) => {
  await page.setViewportSize(PROJECTOR);
  await map.open('?present=1');
  await map.expectElement(`task:${T.web3}`);
  await page.waitForTimeout(800);
  const sizes: Record<string, { id: string; px: number }[]> = {};
  for (const kind of ['swarm-node', 'service', 'task', 'network', 'container', 'port']) sizes[kind] = await map.fontSizes(kind);
  expect(sizes['swarm-node']).toHaveLength(3);
  expect(sizes['task']).toHaveLength(4);
  expect(sizes['port']).toHaveLength(4);
  for (const kind of ['swarm-node', 'service', 'task', 'network', 'container'])
    for (const { id, px } of sizes[kind]!) expect(px, id).toBeGreaterThanOrEqual(18);
  for (const { id, px } of sizes['port']!) expect(px, id).toBeGreaterThanOrEqual(14);
  test.info().annotations.push({ type: 'smallest name', description: `${Math.min(...sizes['task']!.map((s) => s.px)).toFixed(1)} px` });
  // In the room a mesh port names its service: ":8080 → web".
  expect((await map.node(`mesh:${N.worker2}:8080/tcp`))!.data.display).toBe(':8080 → web');
  await page.screenshot({ path: 'test-results/screenshots/swarm-presenter-1280x720.png' });
});

test('a node goes down: its card and its task say so, the replica started again lands on the manager, nothing else moves', async ({ map, page }) => {
  await page.setViewportSize(PROJECTOR);
  await map.open('?present=1');
  await map.expectElement(`task:${T.web3}`);
  await page.waitForTimeout(800);
  const before = await drawnOnScreen(map);
  await change(page, nodeDownOps(swarmPicture()));

  const down = (await map.node(`node:${N.worker2}`))!;
  expect(down.classes).toEqual(expect.arrayContaining(['down']));
  expect(String(down.data.display).split('\n')[1]).toMatch(/^DOWN/);
  expect((await map.node(`task:${T.web3}`))!).toMatchObject({ label: 'web.3\nnode down', classes: expect.arrayContaining(['node-down']) });
  expect((await map.node(`mesh:${N.worker2}:8080/tcp`))!.classes).toContain('node-down');
  const after = await drawnOnScreen(map);
  expect(after[`task:${T.web3b}`]!.x).toBe(after[`node:${N.manager}`]!.x);
  // 0 px: everything that was on screen is where it was.
  for (const [id, p] of Object.entries(before)) expect(after[id], id).toEqual(p);
  await page.screenshot({ path: 'test-results/screenshots/swarm-node-down-presenter-1280x720.png' });
});

test('a click on a node, a service, a task or a mesh port opens its panel, with the docker commands that show the same', async ({ map }) => {
  await map.open();
  await map.expectElement(`task:${T.web2}`);
  const cases: [string, string, string, RegExp][] = [
    [`node:${N.worker1}`, 'swarm-node', 'worker-1', /docker node ls\ndocker node inspect --pretty worker-1\ndocker node ps worker-1/],
    [`svc:${S.web}`, 'service', 'web', /docker service ps web\ndocker service inspect --pretty web/],
    [`task:${T.web2}`, 'task', 'web.2', new RegExp(`docker service ps --filter id=${T.web2} web\\ndocker inspect --type task ${T.web2}`)],
    // The routing mesh's port opens the service that publishes it.
    [`mesh:${N.worker2}:8080/tcp`, 'service', 'web', /docker service ps web/],
  ];
  // The panel narrows the map, whose right part it would hide: each is closed before the next click.
  const close = () => map.inspectPanel.getByRole('button', { name: 'Close' }).click();
  for (const [id, kind, name, commands] of cases) {
    await map.clickNode(id);
    await expect(map.inspectPanel).toHaveAttribute('data-kind', kind);
    await expect(map.inspectPanel.getByRole('heading', { level: 2 })).toHaveText(name);
    await expect(map.inspectPanel.getByTestId('panel-commands')).toHaveText(commands);
    await close();
  }
  // The service's panel teaches the routing mesh and both publish modes where they apply.
  await map.clickNode(`svc:${S.web}`);
  await expect(map.inspectPanel.getByTestId('explain-routing-mesh')).toContainText('every node');
  await expect(map.inspectPanel.getByTestId('service-ports').locator('tbody tr')).toHaveAttribute('data-mode', 'ingress');
  await close();
  await map.clickNode(`svc:${S.edge}`);
  await expect(map.inspectPanel.getByTestId('explain-publish-host')).toContainText('only on the node that runs the task');
  await expect(map.inspectPanel.getByTestId('explain-routing-mesh')).toHaveCount(0);
});

test('the overlay’s panel says which nodes it is on and why a worker has it only while a task there needs it', async ({ map, page }) => {
  // Without web.3, worker-2 has no task on the overlay.
  await map.open(`?select=net:${NET.front}`);
  await change(page, [{ op: 'remove', kind: 'task', id: T.web3 }]);
  const rows = map.inspectPanel.getByTestId('overlay-nodes');
  await expect(rows).toHaveAttribute('data-count', '2');
  await expect(rows.locator(`tr[data-node="${N.worker2}"]`)).toHaveAttribute('data-present', 'false');
  await expect(rows.locator(`tr[data-node="${N.worker2}"]`)).toContainText('no task on it needs this network');
  await expect(rows.locator(`tr[data-node="${N.worker1}"]`)).toContainText('web.2');
  await expect(map.inspectPanel).toContainText('a worker only while a task there needs it');
  expect((await map.nodes()).some((n) => n.id === `span:${NET.front}:${N.worker2}`)).toBe(false);
});

test('finding a service by name picks out its card and its tasks on every node', async ({ map, page }) => {
  await map.open();
  await map.expectElement(`task:${T.web3}`);
  await page.getByLabel('Find by name').fill('web');
  const matched = async () =>
    (await map.nodes())
      .filter((n) => n.classes.includes('match'))
      .map((n) => n.id)
      .sort();
  await expect.poll(matched).toEqual([`svc:${S.web}`, ...[T.web1, T.web2, T.web3].map((t) => `task:${t}`)].sort());
  expect((await map.node(`node:${N.worker1}`))!.classes).toContain('dimmed');
});

test('arrow keys reach the swarm’s cards, and Enter opens a task’s panel', async ({ map, page }) => {
  await map.open();
  await map.expectElement(`task:${T.web1}`);
  await page.getByTestId('graph').focus();
  const focused = async () => (await map.nodes()).find((n) => n.classes.includes('focused'))?.kind ?? null;
  const seen = new Set<string>();
  for (let i = 0; i < 30 && !seen.has('task'); i++) {
    await page.keyboard.press(i % 3 === 2 ? 'ArrowDown' : 'ArrowRight');
    seen.add((await focused()) ?? '');
  }
  expect(seen).toContain('task');
  await page.keyboard.press('Enter');
  await expect(map.inspectPanel).toHaveAttribute('data-kind', 'task');
});

test('the PNG export shows a node down as the screen does: its DOWN badge and dashed red border', async ({ map, page }) => {
  await map.open();
  await map.expectElement(`task:${T.web3}`);
  await change(page, nodeDownOps(swarmPicture()));
  const png = await downloadedPng(page);
  const cards = [`node:${N.worker1}`, `node:${N.worker2}`, `task:${T.web2}`, `task:${T.web3}`];
  const { graph, nodes } = await boxes(page, cards);
  // The card with the badge that straddles its top edge; its neighbour's border is 4 units to either side.
  const around = (b: (typeof nodes)[string]) => ({ x1: b.x1, y1: b.y1 - 10, x2: b.x2, y2: b.y2 + 2 });
  const red: [number, number, number] = [0xb9, 0x1c, 0x1c];
  const { share } = await countPixels(
    page,
    `data:image/png;base64,${png.toString('base64')}`,
    graph,
    cards.map((id) => ({ name: id, box: around(nodes[id]!), rgb: red })),
  );
  test.info().annotations.push({ type: 'down red share', description: JSON.stringify(share) });
  expect(share[`node:${N.worker2}`], 'worker-2, down').toBeGreaterThan(0.03);
  expect(share[`task:${T.web3}`], 'web.3, on the node down').toBeGreaterThan(0.03);
  expect(share[`node:${N.worker1}`], 'worker-1, ready').toBeLessThan(0.002);
  expect(share[`task:${T.web2}`], 'web.2, running').toBeLessThan(0.002);
});

for (const theme of ['light', 'dark'] as const) {
  test.describe(`in the ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    for (const [what, selected] of [
      ['swarm node', `node:${N.worker2}`],
      ['service', `svc:${S.web}`],
      ['task', `task:${T.web2}`],
      ['overlay network', `net:${NET.front}`],
    ] as const)
      test(`the ${what} panel has no axe violations, its node down or not`, async ({ map, page }) => {
        await map.open(`?select=${selected}`);
        await expect(map.inspectPanel).toHaveAttribute('data-selected', selected);
        await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
        expect(await violations(page)).toEqual([]);
        await change(page, nodeDownOps(swarmPicture()));
        expect(await violations(page)).toEqual([]);
      });

    for (const size of [PROJECTOR, { width: 1920, height: 1080 }])
      test(`at ${size.width}×${size.height} with a node down, names are at least 11 px after Fit; screenshots with and without a panel`, async ({
        map,
        page,
      }) => {
        await page.setViewportSize(size);
        await map.open();
        await map.expectElement(`task:${T.web3}`);
        await change(page, nodeDownOps(swarmPicture()));
        await page.getByRole('button', { name: 'Fit' }).click();
        await page.waitForTimeout(600);
        await page.screenshot({ path: `test-results/screenshots/swarm-${theme}-${size.width}x${size.height}.png` });
        const names = [...(await map.fontSizes('task')), ...(await map.fontSizes('swarm-node')), ...(await map.fontSizes('service'))];
        expect(names.length).toBeGreaterThanOrEqual(10);
        for (const { id, px } of names) expect(px, id).toBeGreaterThanOrEqual(11);
        // With a panel open the map has less room: Fit brings it all back into what is left.
        await map.clickNode(`svc:${S.web}`);
        await expect(map.inspectPanel).toHaveAttribute('data-kind', 'service');
        await page.getByRole('button', { name: 'Fit' }).click();
        await page.waitForTimeout(600);
        await page.screenshot({ path: `test-results/screenshots/swarm-${theme}-${size.width}x${size.height}-panel.png` });
      });
  });
}

test('presenter at 1920×1080 shows the swarm at room size too', async ({ map, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await map.open('?present=1');
  await map.expectElement(`task:${T.web3}`);
  await page.waitForTimeout(800);
  for (const { id, px } of [...(await map.fontSizes('task')), ...(await map.fontSizes('swarm-node'))]) expect(px, id).toBeGreaterThanOrEqual(18);
  await page.screenshot({ path: 'test-results/screenshots/swarm-presenter-1920x1080.png' });
});

test('the list view shows the swarm: nodes with state, role, availability and their tasks, services with replicas and ports', async ({
  map,
  page,
}) => {
  await map.open('?view=list');
  const nodes = page.getByTestId('list-nodes');
  await expect(nodes.locator('caption')).toHaveText('Swarm nodes (3)');
  const worker2 = nodes.getByTestId(`row-node:${N.worker2}`);
  await expect(nodes.getByTestId(`row-node:${N.manager}`)).toContainText('manager, leader ★');
  await expect(worker2).toContainText('worker');
  await expect(worker2).toContainText('ready');
  await expect(worker2).toContainText('active');
  await expect(worker2.locator(`[data-task="${T.web3}"]`)).toContainText('web.3 running');
  await expect(nodes.getByTestId(`row-node:${N.worker1}`).locator('[data-task]')).toHaveText(['edge.1 running', 'web.2 running']);

  const services = page.getByTestId('list-services');
  await expect(services.getByTestId(`row-svc:${S.web}`)).toContainText('3/3 running');
  await expect(services.getByTestId(`row-svc:${S.web}`).locator('[data-mode="ingress"]')).toHaveText('8080 → 80/tcp ingress, every node');
  await expect(services.getByTestId(`row-svc:${S.edge}`).locator('[data-mode="host"]')).toHaveText('9090 → 80/tcp host, its nodes only');
  await expect(page.getByTestId('nodes-total')).toHaveText('3');
  await expect(page.getByTestId('nodes-ready')).toHaveText('ready 3');
  await expect(page.getByTestId('services-total')).toHaveText('services 2');
  await expect(page.getByTestId('tasks-running')).toHaveText('tasks 4/4 running');

  // A node goes down: its row and the header say so; web.3 is wanted shut down there and runs again on the manager.
  // (The list draws no graph, so there is no window.__PORTOLAN__ revision to wait for: the assertions wait.)
  await swarm.apply(nodeDownOps(swarmPicture()));
  await expect(worker2.getByText('down', { exact: true })).toBeVisible();
  await expect(worker2.locator(`[data-task="${T.web3}"]`)).toContainText('running, to shutdown');
  await expect(nodes.getByTestId(`row-node:${N.manager}`).locator(`[data-task="${T.web3b}"]`)).toContainText('web.3 running');
  await expect(page.getByTestId('nodes-down')).toHaveText('down 1');
  expect(await violations(page)).toEqual([]);
  // A name opens its panel, as a click on the map does.
  await services.getByRole('button', { name: 'web', exact: true }).click();
  await expect(map.inspectPanel).toHaveAttribute('data-kind', 'service');
  await page.screenshot({ path: 'test-results/screenshots/swarm-list-1440x900.png' });
  await page.setViewportSize(PROJECTOR);
  await page.screenshot({ path: 'test-results/screenshots/swarm-list-1280x720.png' });
});

test('a service’s panel offers scale, publish and unpublish, each showing its docker service line before it runs', async ({ map, page }) => {
  await map.open(`?select=svc:${S.web}`);
  const actions = map.inspectPanel.getByTestId('selection-actions');
  await expect(actions.getByRole('button')).toHaveText(['Scale…', 'Publish a port…', 'Unpublish 8080/tcp…']);
  const dialog = page.getByRole('dialog');
  const preview = dialog.getByTestId('command-preview');

  await actions.getByRole('button', { name: 'Scale…' }).click();
  await expect(preview).toHaveText('docker service scale web=3');
  await dialog.getByLabel('Replicas').fill('5');
  await expect(preview).toHaveText('docker service scale web=5');
  await expect(dialog.getByRole('button', { name: 'Scale' })).toBeEnabled();
  await dialog.getByLabel('Replicas').fill('-1');
  await expect(dialog.getByRole('button', { name: 'Scale' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await actions.getByRole('button', { name: 'Publish a port…' }).click();
  await expect(preview).toHaveText('docker service update --publish-add target=80,protocol=tcp,mode=ingress web');
  await dialog.getByLabel('Published port', { exact: true }).fill('8081');
  await dialog.getByLabel('Target port', { exact: true }).fill('81');
  await dialog.getByLabel('Protocol').selectOption('udp');
  await dialog.getByRole('radio', { name: /^host/ }).check();
  await expect(preview).toHaveText('docker service update --publish-add published=8081,target=81,protocol=udp,mode=host web');
  await expect(dialog.getByTestId('publish-modes')).toContainText('Every node of the swarm answers');
  await expect(dialog.getByTestId('publish-modes')).toContainText('other nodes do not answer');
  await page.setViewportSize(PROJECTOR);
  await page.screenshot({ path: 'test-results/screenshots/swarm-publish-dialog-1280x720.png' });
  // A port another service publishes is flagged before the swarm refuses it.
  await dialog.getByLabel('Published port', { exact: true }).fill('9090');
  await dialog.getByLabel('Protocol').selectOption('tcp');
  await expect(dialog.getByTestId('port-taken')).toContainText('edge already publishes 9090/tcp');
  await dialog.getByLabel('Target port', { exact: true }).fill('70000');
  await expect(dialog.getByText('70000 is no port')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Publish' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await actions.getByRole('button', { name: 'Unpublish 8080/tcp…' }).click();
  await expect(preview).toHaveText('docker service update --publish-rm 80 web');
  await expect(dialog.getByTestId('unpublish-ports')).toContainText('8080 → 80/tcp goes: every node stops answering on it');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the create network dialog offers an encrypted overlay on a manager, and the command says --opt encrypted', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New network' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('ptl-secure');
  await dialog.getByLabel('Driver').selectOption('overlay');
  await dialog.getByLabel('Subnet').fill('10.40.0.0/24');
  await dialog.getByLabel('Gateway').fill('');
  await dialog.getByLabel('Attachable').check();
  await dialog.getByLabel('Internal').check();
  await dialog.getByLabel('Encrypted').check();
  await expect(dialog.getByTestId('command-preview')).toHaveText(
    'docker network create --driver overlay --subnet 10.40.0.0/24 --internal --attachable --opt encrypted ptl-secure',
  );
  await dialog.getByLabel('Driver').selectOption('bridge');
  await expect(dialog.getByLabel('Encrypted')).toHaveCount(0);
  await expect(dialog.getByTestId('command-preview')).not.toContainText('encrypted');
});

test.describe('on a read-only Portolan', () => {
  const readOnly = syntheticSwarm(sidePort(2), { PORTOLAN_READ_ONLY: '1' });
  test.use({ baseURL: readOnly.url });

  test('a service’s panel offers no scale, publish or unpublish, and the server refuses them', async ({ map, page }) => {
    await map.open(`?select=svc:${S.web}`);
    await expect(map.inspectPanel).toHaveAttribute('data-kind', 'service');
    await expect(map.inspectPanel.getByTestId('service-ports')).toBeVisible();
    await expect(map.inspectPanel.getByTestId('selection-actions')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Scale|Publish|Unpublish/ })).toHaveCount(0);
    const refused = await page.request.post(`${readOnly.url}/api/services/web/scale`, {
      data: { replicas: 5 },
      headers: { origin: readOnly.url },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('read_only');
  });
});
