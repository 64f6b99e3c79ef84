import { docker, TEST_IMAGE } from '../scripts/testkit/docker';
import { expect, test } from './fixtures';

const ip = (container: string, network: string) =>
  docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container]);

test('a network created with the CLI appears on the map without reload, with its driver', async ({ map, objects }) => {
  await map.open();
  const id = await docker(['network', 'create', '--subnet', '10.241.3.0/24', objects.name('appears')]);
  await map.expectElement(`net:${id}`);
  const node = await map.node(`net:${id}`);
  expect(node?.label).toBe(`${objects.name('appears')}\n10.241.3.0/24`);
  expect(node?.parent).toBe('scope:local');
  expect(await map.edge(`drv:bridge:${id}`)).toMatchObject({ source: 'drv:bridge', target: `net:${id}` });
  // The bridge network and the bridge driver are two different things.
  const bridge = await docker(['network', 'inspect', '-f', '{{.Id}}', 'bridge']);
  expect((await map.node(`net:${bridge}`))?.kind).toBe('network');
  expect((await map.node('drv:bridge'))?.kind).toBe('driver');
});

test('a container on two networks sits inside the one it was run on, with an edge to the other, each with the IP the CLI reports', async ({
  map,
  objects,
}) => {
  await map.open();
  const a = await docker(['network', 'create', objects.name('a')]);
  const b = await docker(['network', 'create', objects.name('b')]);
  const ctr = await objects.sleeper('two', ['--network', objects.name('a')]);
  await docker(['network', 'connect', objects.name('b'), ctr]);

  await map.expectElement(`att:${b}:${ctr}`);
  await map.expectMember(`ctr:${ctr}`, `net:${a}`);
  const edges = (await map.edges()).filter((e) => e.kind === 'attachment' && e.target === `ctr:${ctr}`);
  expect(edges.map((e) => e.id)).toEqual([`att:${b}:${ctr}`]);
  expect((await map.node(`ctr:${ctr}`))?.label).toBe(`${objects.name('two')}\n${await ip(ctr, objects.name('a'))}`);
  expect((await map.edge(`att:${b}:${ctr}`))?.label).toBe(await ip(ctr, objects.name('b')));
  // Inside its box on the canvas too.
  const positions = await map.positions();
  const box = (await map.node(`net:${a}`))!.data as { w: number; h: number };
  const [c, n] = [positions[`ctr:${ctr}`]!, positions[`net:${a}`]!];
  expect(Math.abs(c.x - n.x)).toBeLessThan(box.w / 2);
  expect(Math.abs(c.y - n.y)).toBeLessThan(box.h / 2);
});

test('a stopped container connected through Portolan shows at once, its edge dashed and labelled "no address until it starts"', async ({
  map,
  objects,
  page,
  baseURL,
}) => {
  await map.open();
  const net = await docker(['network', 'create', objects.name('later')]);
  const ctr = await docker(['create', '--name', objects.name('idle'), TEST_IMAGE, 'sleep', '1000000']);
  await map.expectElement(`ctr:${ctr}`);
  // The Engine sends no event for this connect; Portolan reads the container again itself.
  const answer = await page.request.post(`/api/networks/${objects.name('later')}/connect`, {
    headers: { Origin: baseURL ?? '', 'Content-Type': 'application/json' },
    data: { container: objects.name('idle') },
  });
  expect(answer.status()).toBe(200);
  await map.expectElement(`att:${net}:${ctr}`);
  const edge = await map.edge(`att:${net}:${ctr}`);
  expect(edge).toMatchObject({ source: `net:${net}`, target: `ctr:${ctr}`, label: 'no address until it starts' });
  expect(edge?.classes).toContain('no-address');
});

test('a stopped container whose network is removed with the CLI stays on the map, loose, saying so, as docker ps -a still lists it', async ({
  map,
  objects,
}) => {
  await map.open();
  const net = await docker(['network', 'create', objects.name('goes')]);
  const ctr = await objects.sleeper('left', ['--network', objects.name('goes')]);
  await map.expectMember(`ctr:${ctr}`, `net:${net}`);
  // A network with only stopped containers on it can be removed; they still name it, and docker start then fails.
  await docker(['stop', '-t', '0', ctr]);
  await docker(['network', 'rm', objects.name('goes')]);
  await map.expectElement(`net:${net}`, false);
  await expect.poll(async () => (await map.node(`ctr:${ctr}`))?.label).toBe(`${objects.name('left')}\nits network was removed`);
  expect((await map.node(`ctr:${ctr}`))?.parent).toBeUndefined();
  expect(await docker(['ps', '-a', '-q', '--no-trunc', '--filter', `id=${ctr}`])).toBe(ctr);
});

test('a published port shows its port node off the host and an edge labelled with the container port', async ({ map, objects }) => {
  await map.open();
  const engineId = await docker(['info', '--format', '{{.ID}}']);
  const web = await docker(['run', '-d', '--name', objects.name('web'), '-p', '127.0.0.1:18081:80', TEST_IMAGE, 'httpd', '-f', '-p', '80']);
  await map.expectElement(`pub:127.0.0.1:18081/tcp:${web}`);
  expect(await map.edge(`pub:127.0.0.1:18081/tcp:${web}`)).toMatchObject({
    source: 'port:127.0.0.1:18081/tcp',
    target: `ctr:${web}`,
    label: '→ 80/tcp',
  });
  expect(await map.edge(`host:${engineId}:port:127.0.0.1:18081/tcp`)).toMatchObject({
    source: `host:${engineId}`,
    target: 'port:127.0.0.1:18081/tcp',
  });
  expect((await map.node('port:127.0.0.1:18081/tcp'))?.classes).toContain('loopback');

  const open = await docker(['run', '-d', '--name', objects.name('open'), '-p', '18082:80', TEST_IMAGE, 'httpd', '-f', '-p', '80']);
  await map.expectElement(`pub:0.0.0.0:18082/tcp:${open}`);
  expect((await map.node('port:0.0.0.0:18082/tcp'))?.classes).toContain('exposed');
  expect((await map.node(`ctr:${open}`))?.classes).toEqual(expect.arrayContaining(['exposed', 'root', 'state-running']));
});

test('removing a container and a network removes their nodes and edges', async ({ map, objects }) => {
  await map.open();
  const net = await docker(['network', 'create', objects.name('gone')]);
  const ctr = await objects.sleeper('gone', ['--network', objects.name('gone')]);
  await map.expectMember(`ctr:${ctr}`, `net:${net}`);

  await docker(['rm', '-f', ctr]);
  await map.expectElement(`ctr:${ctr}`, false);
  await docker(['network', 'rm', objects.name('gone')]);
  await map.expectElement(`net:${net}`, false);
  await map.expectElement(`drv:bridge:${net}`, false);
});

test('adding an unrelated container moves no node already on screen', async ({ map, objects }) => {
  await objects.sleeper('before');
  await map.open();
  const before = await map.positions();
  const ctr = await objects.sleeper('unrelated');
  await map.expectElement(`ctr:${ctr}`);
  const after = await map.positions();
  const home = (await map.node(`ctr:${ctr}`))?.parent;
  for (const [id, p] of Object.entries(before)) {
    if (id.startsWith('scope:') || id === home) continue; // a box may grow around a new member
    expect(after[id], id).toEqual(p);
  }
  // The newcomer overlaps nobody.
  const mine = after[`ctr:${ctr}`]!;
  for (const [id, p] of Object.entries(after)) {
    if (id === `ctr:${ctr}` || id.startsWith('scope:') || id.startsWith('net:')) continue;
    expect(Math.abs(p.x - mine.x) >= 160 || Math.abs(p.y - mine.y) >= 80, `overlaps ${id}`).toBe(true);
  }
});

test('the same topology gives the same first picture', async ({ map, objects, page }) => {
  await objects.sleeper('same');
  await map.open();
  const first = await map.positions();
  await page.reload();
  await map.open();
  expect(await map.positions()).toEqual(first);
});

test('clicking a network opens its inspect panel with subnets, containers and the driver explained; the URL keeps the selection', async ({
  map,
  objects,
  page,
}) => {
  await map.open();
  const net = await docker(['network', 'create', '--subnet', '10.241.9.0/24', '--gateway', '10.241.9.1', objects.name('inspect')]);
  const ctr = await objects.sleeper('inspected', ['--network', objects.name('inspect')]);
  await map.expectMember(`ctr:${ctr}`, `net:${net}`);
  await page.getByRole('button', { name: 'Fit' }).click();
  await map.clickNode(`net:${net}`);

  await expect(map.inspectPanel).toHaveAttribute('data-selected', `net:${net}`);
  await expect(page.getByTestId('network-subnets')).toContainText('10.241.9.0/24');
  await expect(page.getByTestId('network-subnets')).toContainText('10.241.9.1');
  await expect(page.getByTestId('network-containers')).toContainText(objects.name('inspected'));
  await expect(page.getByTestId('network-containers')).toContainText(await ip(ctr, objects.name('inspect')));
  await expect(map.inspectPanel).toContainText('switch');
  expect(new URL(page.url()).searchParams.get('select')).toBe(`net:${net}`);
  await page.screenshot({ path: 'test-results/screenshots/inspect.png' });

  await page.reload();
  await expect(map.inspectPanel).toHaveAttribute('data-selected', `net:${net}`);
  await page
    .getByTestId('network-containers')
    .getByRole('button', { name: objects.name('inspected') })
    .click();
  await expect(map.inspectPanel).toHaveAttribute('data-selected', `ctr:${ctr}`);
  await expect(page.getByTestId('container-networks')).toContainText(objects.name('inspect'));
});

test('presenter mode and the list view show the same topology as the graph', async ({ map, objects, page }) => {
  const ctr = await objects.sleeper('shown');
  await map.open('?present=1');
  await expect(page.getByTestId('toolbar')).toHaveCount(0);
  const presented = (await map.nodes())
    .filter((n) => n.kind === 'network' || n.kind === 'container')
    .map((n) => n.id)
    .sort();
  expect(presented).toContain(`ctr:${ctr}`);
  await page.screenshot({ path: 'test-results/screenshots/presenter.png' });

  await map.open('?view=list');
  const listed = await page.locator('[data-testid^="row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice(4)));
  expect(listed.sort()).toEqual(presented);
});

test('the default view reads well on a demo screen', async ({ map, objects, page }) => {
  const front = objects.name('front');
  await docker(['network', 'create', '--subnet', '10.241.20.0/24', front]);
  await docker(['network', 'create', '--internal', '--subnet', '10.241.21.0/24', objects.name('back')]);
  await docker(['run', '-d', '--name', objects.name('web1'), '--network', front, '-p', '127.0.0.1:18090:80', TEST_IMAGE, 'httpd', '-f', '-p', '80']);
  await objects.sleeper('api', ['--network', front, '--user', '1000']);
  await docker(['network', 'connect', objects.name('back'), objects.name('api')]);
  await objects.sleeper('db', ['--network', objects.name('back')]);
  await map.open();
  await map.expectElement(`ctr:${await docker(['inspect', '-f', '{{.Id}}', objects.name('db')])}`);
  // Laid out whole, as a Portolan started on this engine shows it (the suite's server has laid out many tests before).
  const generation = async () => (await (await page.request.get('/api/topology')).json()).layout.generation as number;
  const before = await generation();
  await page.getByRole('button', { name: 'Re-layout' }).click();
  await expect.poll(generation).toBeGreaterThan(before);
  await page.waitForTimeout(700);
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.screenshot({ path: 'test-results/screenshots/map.png' });
});

test('collapse mode shows a network’s containers as one count node, and the toggle brings them back', async ({ map, objects, page }) => {
  const net = await docker(['network', 'create', objects.name('many')]);
  for (const i of [1, 2, 3]) await objects.sleeper(`m${i}`, ['--network', objects.name('many')]);
  await map.open('?collapse=1');
  await map.expectElement(`grp:${net}`);
  expect((await map.node(`grp:${net}`))?.label).toBe('3 containers');
  expect((await map.nodes()).filter((n) => n.kind === 'container')).toEqual([]);
  // Collapsed, boxes are small and close: every count and network name reads at a normal size.
  for (const kind of ['group', 'network']) for (const { id, px } of await map.fontSizes(kind)) expect(px, id).toBeGreaterThanOrEqual(11);
  await page.screenshot({ path: 'test-results/screenshots/map-collapsed.png' });

  await page.getByRole('button', { name: 'Collapse containers into counts' }).click();
  await map.expectElement(`grp:${net}`, false);
  expect((await map.nodes()).filter((n) => n.kind === 'container' && n.parent === `net:${net}`)).toHaveLength(3);
  expect(new URL(page.url()).searchParams.get('collapse')).toBe('0');
});

test('presenter mode briefly highlights what changed and tells it in the activity ticker', async ({ map, objects, page }) => {
  await map.open('?present=1');
  const ctr = await objects.sleeper('flash');
  await map.expectElement(`ctr:${ctr}`);
  // A ring on a layer over the canvas, where the node is; it fades and goes.
  const ring = page.locator(`[data-glow="ctr:${ctr}"]`);
  await expect(ring).toBeAttached();
  const [box, at] = [await ring.boundingBox(), await map.screenPosition(`ctr:${ctr}`)];
  expect(at.x).toBeGreaterThan(box!.x);
  expect(at.x).toBeLessThan(box!.x + box!.width);
  await expect(page.getByTestId('activity')).toContainText(`${objects.name('flash')} started`);
  await expect(ring).not.toBeAttached({ timeout: 6000 });
  expect((await map.node(`ctr:${ctr}`))?.classes).not.toContain('flash');
});
