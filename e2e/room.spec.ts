import { isDeepStrictEqual } from 'node:util';
import { docker, TEST_IMAGE } from '../scripts/testkit/docker';
import { expect, test, type MapPage } from './fixtures';

// The map in the room: what a person sees, measured in rendered pixels (style size × zoom).

const PROJECTOR = { width: 1280, height: 720 };

/** Two networks and up to 20 containers, like a workshop's. */
async function workshop(objects: import('../scripts/testkit/docker').TestObjects, count: number) {
  const front = objects.name('front');
  const back = objects.name('back');
  await docker(['network', 'create', '--subnet', '10.243.1.0/24', front]);
  await docker(['network', 'create', '--subnet', '10.243.2.0/24', back]);
  await docker(['run', '-d', '--name', objects.name('web'), '--network', front, '-p', '127.0.0.1:18301:80', TEST_IMAGE, 'httpd', '-f', '-p', '80']);
  for (let i = 1; i < count; i++) await objects.sleeper(`app${i}`, ['--network', i % 2 ? front : back]);
  return { front, back };
}

/** Presses Re-layout and waits until the server's arrangement is the new one. */
async function relayout(page: import('@playwright/test').Page): Promise<void> {
  const generation = async () => (await (await page.request.get('/api/topology')).json()).layout.generation as number;
  const before = await generation();
  await page.getByRole('button', { name: 'Re-layout' }).click();
  await expect.poll(generation).toBeGreaterThan(before);
  await page.waitForTimeout(500);
}

async function drawnOnScreen(map: MapPage): Promise<Record<string, { x: number; y: number }>> {
  return map.page.evaluate(() => {
    const g = window.__PORTOLAN__!;
    return Object.fromEntries(g.nodes().map((n) => [n.id, g.renderedPosition(n.id)!]));
  });
}

test('presenter at 1280×720: names are at least 18 px and IPs and ports at least 14 px on screen', async ({ map, objects, page }) => {
  await page.setViewportSize(PROJECTOR);
  await workshop(objects, 12);
  // Tidied once, as a teacher does before presenting: the suite's shared server carries forty earlier tests' history.
  await map.open();
  await relayout(page);
  await map.open('?present=1');
  await expect.poll(async () => (await map.nodes()).filter((n) => n.kind === 'container').length).toBeGreaterThanOrEqual(12);
  await page.waitForTimeout(500);
  const containers = await map.fontSizes('container');
  const networks = await map.fontSizes('network');
  const ports = await map.fontSizes('port');
  expect(containers.length).toBeGreaterThanOrEqual(12);
  expect(ports.length).toBeGreaterThanOrEqual(1);
  // A container's label is its name over its IP, both at the container's size.
  for (const { id, px } of [...containers, ...networks]) expect(px, id).toBeGreaterThanOrEqual(18);
  for (const { id, px } of ports) expect(px, id).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: 'test-results/screenshots/presenter-1280x720.png' });
});

test("presenter at 1280×720: the host's label stays inside its node, clear of its icon", async ({ map, page }) => {
  await page.setViewportSize(PROJECTOR);
  await map.open('?present=1');
  await page.waitForTimeout(500);
  const host = (await map.nodes()).find((n) => n.kind === 'host')!;
  const { node, label, lines } = await map.drawnBoxes(host.id);
  console.log(`host ${JSON.stringify(String(host.data.display))}: ${lines} lines, label ${JSON.stringify(label)} in node ${JSON.stringify(node)}`);
  expect(label.y1, 'label top').toBeGreaterThanOrEqual(node.y1);
  expect(label.y2, 'label bottom').toBeLessThanOrEqual(node.y2);
  // Clear of the host's icon: 30 units wide, 16 from the node's left edge.
  const { zoom } = await page.evaluate(() => window.__PORTOLAN__!.viewport());
  expect(label.x1, 'label left, clear of the icon').toBeGreaterThanOrEqual(node.x1 + (16 + 30) * zoom);
  expect(label.x2, 'label right').toBeLessThanOrEqual(node.x2);
  // Its version whole: a version cut short ("Docker 20.1…") reads as another version.
  expect(String(host.data.display).split('\n')[1]).toBe(`Docker ${String(host.data.version).replace(/\+\S*$/, '')}`);
  await page.screenshot({ path: 'test-results/screenshots/presenter-host-1280x720.png', clip: { x: 0, y: 0, width: 1280, height: 360 } });
});

test('labels shorten with an ellipsis in the middle instead of breaking inside a word, and keep the whole name', async ({ map, objects, page }) => {
  await page.setViewportSize(PROJECTOR);
  const long = objects.name('a-container-name-far-too-long-for-any-box');
  const id = await docker(['run', '-d', '--name', long, TEST_IMAGE, 'sleep', '1000000']);
  await map.open('?present=1');
  await map.expectElement(`ctr:${id}`);
  const node = (await map.node(`ctr:${id}`))!;
  expect(node.label.split('\n')[0]).toBe(long);
  // Shortened in the middle, so the end that tells one container from its neighbour stays.
  const [head, tail] = String(node.data.display).split('\n')[0]!.split('…');
  expect(tail).toBeDefined();
  expect(long.startsWith(head!)).toBe(true);
  expect(long.endsWith(tail!)).toBe(true);
  expect(head!.length + tail!.length).toBeLessThan(long.length);
});

test('presenter mode moves nothing on screen by a single pixel across five CLI changes', async ({ map, objects, page }) => {
  await page.setViewportSize(PROJECTOR);
  const { front, back } = await workshop(objects, 6);
  await map.open('?present=1');
  await expect.poll(async () => (await map.nodes()).filter((n) => n.kind === 'container' && n.parent).length).toBeGreaterThanOrEqual(6);
  await page.waitForTimeout(800);

  const extra = await objects.sleeper('extra', ['--network', back]);
  await map.expectMember(`ctr:${extra}`, `net:${await docker(['network', 'inspect', '-f', '{{.Id}}', back])}`);
  await page.waitForTimeout(700);
  const changes: [string, () => Promise<unknown>, string[]][] = [
    ['a container stops', () => docker(['stop', '-t', '0', objects.name('app1')]), []],
    ['it starts again', () => docker(['start', objects.name('app1')]), []],
    ['a container joins a second network', () => docker(['network', 'connect', front, extra]), []],
    ['it leaves again', () => docker(['network', 'disconnect', front, extra]), []],
    ['a container is removed', () => docker(['rm', '-f', objects.name('app2')]), [objects.name('app2')]],
  ];
  for (const [what, change, gone] of changes) {
    const before = await drawnOnScreen(map);
    const revision = await page.evaluate(() => window.__PORTOLAN__!.revision);
    await change();
    await expect.poll(() => page.evaluate(() => window.__PORTOLAN__!.revision), { message: what }).toBeGreaterThan(revision);
    await page.waitForTimeout(700);
    const after = await drawnOnScreen(map);
    const goneIds = new Set((await Promise.all(gone.map((n) => docker(['inspect', '-f', '{{.Id}}', n]).catch(() => '')))).filter(Boolean));
    for (const [id, p] of Object.entries(before)) {
      if (!after[id] || goneIds.has(id.slice(4))) continue;
      expect(after[id], `${what}: ${id}`).toEqual(p);
    }
  }
});

test('a network created from the dialog lands in view or is marked at the edge within 2 s', async ({ map, objects, page }) => {
  for (let i = 0; i < 4; i++) await docker(['network', 'create', objects.name(`filler${i}`)]);
  await map.open();
  await page.getByTestId('global-actions').getByRole('button', { name: 'New network' }).click();
  const dialog = page.getByRole('dialog');
  const name = objects.name('fresh');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create network' }).click();
  const started = Date.now();
  const id = await expect
    .poll(async () => (await map.nodes()).find((n) => n.kind === 'network' && n.data.name === name)?.id ?? null, { timeout: 2000 })
    .not.toBeNull()
    .then(async () => (await map.nodes()).find((n) => n.kind === 'network' && n.data.name === name)!.id);
  const box = (await page.getByTestId('graph').boundingBox())!;
  await expect
    .poll(
      async () => {
        const at = await page.evaluate((n) => window.__PORTOLAN__!.renderedPosition(n), id);
        const inside = at !== null && at.x >= 0 && at.y >= 0 && at.x <= box.width && at.y <= box.height;
        return inside || (await page.locator(`[data-offscreen="${id}"]`).isVisible());
      },
      { timeout: Math.max(100, 2000 - (Date.now() - started)) },
    )
    .toBe(true);
});

test('at 1280×720 what lands off screen or under the activity ticker is marked, each mark whole on screen, clear of the ticker and of the others', async ({
  map,
  objects,
  page,
}) => {
  await page.setViewportSize(PROJECTOR);
  await map.open();
  const fresh: string[] = [];
  for (let i = 0; i < 4; i++) {
    const net = objects.name(`land${i}`);
    fresh.push(`net:${await docker(['network', 'create', net])}`);
    fresh.push(`ctr:${await objects.sleeper(`land${i}`, ['--network', net])}`);
    await map.expectElement(fresh.at(-1)!);
  }
  // The ticker has grown to its eight lines by now; the marks follow it.
  await expect(page.getByTestId('activity')).toContainText(`${objects.name('land3')} started`);
  await page.waitForTimeout(700);
  const seen = await page.evaluate((ids) => {
    const rect = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r ? { x1: r.left, y1: r.top, x2: r.right, y2: r.bottom } : null;
    };
    const graph = rect(document.querySelector('[data-testid="graph"]'))!;
    const ticker = rect(document.querySelector('section[aria-label="Activity"]'));
    const api = window.__PORTOLAN__!;
    return {
      graph,
      ticker,
      nodes: ids.map((id) => {
        const p = api.renderedPosition(id);
        return { id, at: p && { x: p.x + graph.x1, y: p.y + graph.y1 }, mark: rect(document.querySelector(`[data-offscreen="${id}"]`)) };
      }),
    };
  }, fresh);
  const inside = (p: { x: number; y: number }, r: { x1: number; y1: number; x2: number; y2: number }) =>
    p.x >= r.x1 && p.x <= r.x2 && p.y >= r.y1 && p.y <= r.y2;
  const meet = (a: { x1: number; y1: number; x2: number; y2: number }, b: { x1: number; y1: number; x2: number; y2: number }) =>
    a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1;
  await page.screenshot({ path: test.info().outputPath('marks-1280x720.png') });
  const marks = seen.nodes.flatMap((n) => (n.mark ? [n.mark] : []));
  for (const n of seen.nodes) {
    const inView = n.at !== null && inside(n.at, seen.graph) && !(seen.ticker && inside(n.at, seen.ticker));
    expect(inView || n.mark !== null, `${n.id}: in view, or marked`).toBe(true);
  }
  for (const [i, m] of marks.entries()) {
    expect(m.x1 >= seen.graph.x1 && m.x2 <= seen.graph.x2 && m.y1 >= seen.graph.y1 && m.y2 <= seen.graph.y2, `mark ${i} whole on the map`).toBe(true);
    if (seen.ticker) expect(meet(m, seen.ticker), `mark ${i} clear of the ticker`).toBe(false);
    for (const other of marks.slice(i + 1)) expect(meet(m, other), `mark ${i} clear of the other marks`).toBe(false);
  }
});

test('the map takes focus; arrow keys move between nodes, Enter opens the panel, Escape closes it', async ({ map, objects, page }) => {
  const net = await docker(['network', 'create', objects.name('keys')]);
  const a = await objects.sleeper('ka', ['--network', objects.name('keys')]);
  await objects.sleeper('kb', ['--network', objects.name('keys')]);
  await map.open();
  await map.expectMember(`ctr:${a}`, `net:${net}`);
  await page.getByTestId('graph').focus();
  await expect(page.getByTestId('graph')).toBeFocused();
  const focused = async () => (await map.nodes()).find((n) => n.classes.includes('focused'))?.id ?? null;
  await expect.poll(focused).not.toBeNull();
  const seen = new Set<string>();
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
    await page.keyboard.press(key);
    seen.add((await focused())!);
  }
  expect(seen.size).toBeGreaterThan(1);
  await expect(page.getByTestId('graph-focus')).not.toBeEmpty();
  const target = (await focused())!;
  await page.keyboard.press('Enter');
  await expect(map.inspectPanel).toHaveAttribute('data-selected', target);
  await page.getByTestId('graph').focus();
  await page.keyboard.press('Escape');
  await expect(map.inspectPanel).toHaveCount(0);
});

test('normal view at 1440×900 with 60 containers: names are at least 11 px after Fit', async ({ map, objects, page }) => {
  test.setTimeout(180_000);
  const nets = [0, 1, 2, 3, 4, 5].map((i) => objects.name(`n${i}`));
  for (const n of nets) await docker(['network', 'create', n]);
  for (let i = 0; i < 60; i++) await objects.sleeper(`c${String(i).padStart(2, '0')}`, ['--network', nets[i % nets.length]!]);
  await map.open();
  await expect.poll(async () => (await map.nodes()).filter((n) => n.kind === 'container').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(60);
  // Sixty containers arrived one by one while the map was live: tidy up as a person would, then fit.
  await relayout(page);
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: 'test-results/screenshots/map-60.png' });
  const names = [...(await map.fontSizes('container')), ...(await map.fontSizes('network'))];
  for (const { id, px } of names) expect(px, id).toBeGreaterThanOrEqual(11);
});

test('two viewers who arrived at different times see the same arrangement, and Re-layout rearranges it for both', async ({
  map,
  objects,
  page,
  browser,
}) => {
  const net = await docker(['network', 'create', objects.name('shared')]);
  await objects.sleeper('s1', ['--network', objects.name('shared')]);
  await map.open();
  // Things change before the second viewer arrives.
  const late = await objects.sleeper('s2', ['--network', objects.name('shared')]);
  await map.expectMember(`ctr:${late}`, `net:${net}`);
  const second = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    const other = new (map.constructor as typeof import('./fixtures').MapPage)(second);
    await other.open();
    await other.expectMember(`ctr:${late}`, `net:${net}`);
    expect(await other.positions()).toEqual(await map.positions());

    const generation = async () => (await (await page.request.get('/api/topology')).json()).layout.generation as number;
    const before = await generation();
    await page.getByRole('button', { name: 'Re-layout' }).click();
    await expect.poll(generation).toBeGreaterThan(before);
    await expect.poll(async () => isDeepStrictEqual(await other.positions(), await map.positions())).toBe(true);
  } finally {
    await second.close();
  }
});

test('a collapsed network’s count opens on click in the same place, and the URL keeps filters and what is open', async ({ map, objects, page }) => {
  const net = await docker(['network', 'create', objects.name('counted')]);
  for (const i of [1, 2, 3]) await objects.sleeper(`k${i}`, ['--network', objects.name('counted')]);
  await map.open('?collapse=1');
  await map.expectElement(`grp:${net}`);
  const box = await map.corner(`net:${net}`);
  await map.clickNode(`grp:${net}`);
  await expect.poll(async () => (await map.nodes()).filter((n) => n.kind === 'container' && n.parent === `net:${net}`).length).toBe(3);
  // The box opens where it is: its corner stays, and it grows to hold its containers.
  expect(await map.corner(`net:${net}`)).toEqual(box);
  expect(new URL(page.url()).searchParams.get('expand')).toBe(net);

  await page.getByRole('button', { name: 'stopped containers' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('stopped')).toBe('0');
  await page.reload();
  await map.open(new URL(page.url()).search);
  expect((await map.nodes()).filter((n) => n.kind === 'container' && n.parent === `net:${net}`)).toHaveLength(3);
  await expect(page.getByRole('button', { name: 'stopped containers' })).toHaveAttribute('aria-pressed', 'false');
});

test('collapsed, what a network’s containers publish stays on the map under its count, exposed marked, each mapping in its panel', async ({
  map,
  objects,
  page,
}) => {
  await page.setViewportSize(PROJECTOR);
  const name = objects.name('published');
  const net = await docker(['network', 'create', name]);
  const open = await objects.sleeper('open', ['--network', name, '-p', '18391:80']);
  await objects.sleeper('local', ['--network', name, '-p', '127.0.0.1:18392:80']);
  await objects.sleeper('quiet', ['--network', name]);
  await map.open('?collapse=1');
  await map.expectElement(`ports:${net}`);

  // The count says three containers and wears the EXPOSED badge; under it, one node for their two mappings, red.
  const count = (await map.node(`grp:${net}`))!;
  expect(count.label).toBe('3 containers');
  expect(count.classes).toContain('exposed');
  const ports = (await map.node(`ports:${net}`))!;
  expect(ports.label).toBe('2 ports published\n:18391 :18392');
  expect(ports.classes).toEqual(expect.arrayContaining(['port', 'exposed']));
  expect(await map.edge(`pub:ports:${net}`)).toMatchObject({ source: `ports:${net}`, target: `grp:${net}` });
  // No container of it is drawn, nor any of their own port nodes.
  expect((await map.nodes()).filter((n) => n.parent === `net:${net}` && n.kind === 'container')).toEqual([]);

  // Inside the box, under the count, its label drawn whole.
  const at = await map.positions();
  const box = (await map.node(`net:${net}`))!;
  const [boxAt, countAt, portsAt] = [at[`net:${net}`]!, at[`grp:${net}`]!, at[`ports:${net}`]!];
  expect(portsAt.x).toBe(countAt.x);
  expect(portsAt.y).toBeGreaterThan(countAt.y);
  expect(portsAt.y).toBeLessThan(boxAt.y + Number(box.data.h) / 2);
  const drawn = await map.drawnBoxes(`ports:${net}`);
  expect(drawn.label.x1).toBeGreaterThanOrEqual(drawn.node.x1);
  expect(drawn.label.x2).toBeLessThanOrEqual(drawn.node.x2);
  await page.screenshot({ path: 'test-results/screenshots/collapsed-published-ports-1280x720.png' });

  // A click on it opens the network's panel at the list of mappings, the one on all interfaces first.
  await map.clickNode(`ports:${net}`);
  const published = map.inspectPanel.getByTestId('network-published');
  await expect(published).toHaveAttribute('data-count', '2');
  await expect(published.locator('tbody tr').first()).toHaveAttribute('data-container', open);
  await expect(published.locator('tbody tr').first()).toContainText('all interfaces');
  await expect(published.locator('tbody tr').nth(1)).toContainText('loopback');
  await expect(published.locator('tbody tr').nth(1)).toContainText(objects.name('local'));
});
