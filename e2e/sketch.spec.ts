import { docker } from '../scripts/testkit/docker';
import type { MapPage } from './fixtures';
import { expect, test } from './fixtures';

/**
 * Level of detail at scale. A picture of hundreds of containers sketches the
 * ones too small to read as plain shapes beside the graph; `?sketch=1` asks for
 * that from one container, so a small picture on the test engine shows it.
 */

/** Wheels over a node (or the middle of the canvas) until the zoom passes `target` (out when below the current zoom). */
async function zoomTo(map: MapPage, target: number, over?: string): Promise<void> {
  const box = (await map.page.getByTestId('graph').boundingBox())!;
  const at = over ? await map.screenPosition(over) : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await map.page.mouse.move(at.x, at.y);
  const zoom = () => map.page.evaluate(() => window.__PORTOLAN__!.viewport().zoom);
  const out = target < (await zoom());
  for (let i = 0; i < 60 && (out ? (await zoom()) > target : (await zoom()) < target); i++) {
    await map.page.mouse.wheel(0, out ? 200 : -200);
    await map.page.waitForTimeout(50);
  }
  expect(out ? await zoom() : -(await zoom())).toBeLessThanOrEqual(out ? target : -target);
}

/** The alpha of the sketch layer's pixel at a page point. */
const sketchAlphaAt = (map: MapPage, at: { x: number; y: number }) =>
  map.page.evaluate(({ x, y }) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="sketch"]')!;
    if (canvas.width === 0 || getComputedStyle(canvas).display === 'none') return 0;
    const r = canvas.getBoundingClientRect();
    const ratio = canvas.width / r.width;
    return canvas.getContext('2d')!.getImageData(Math.round((x - r.left) * ratio), Math.round((y - r.top) * ratio), 1, 1).data[3]!;
  }, at);

test('far out, containers are sketched: still on the map, answering a click and glowing when new; up close they are drawn in detail again', async ({
  map,
  objects,
  page,
}) => {
  await docker(['network', 'create', objects.name('sketch')]);
  const ctr = await objects.sleeper('sketched', ['--network', objects.name('sketch'), '-p', '127.0.0.1::80']);
  await map.open('?sketch=1');
  await map.expectElement(`ctr:${ctr}`);
  const sketched = async (id: string) => (await map.node(id))?.classes.includes('sketched') ?? false;
  expect(await sketched(`ctr:${ctr}`)).toBe(false);

  // Too far to read a name (7 px): the container and its port leave the graph for the sketch.
  await zoomTo(map, 0.25);
  await expect.poll(() => sketched(`ctr:${ctr}`)).toBe(true);
  const port = (await map.nodes()).find((n) => n.kind === 'port' && n.data.containerId === ctr)!;
  expect(port.classes).toContain('sketched');
  const at = await map.screenPosition(`ctr:${ctr}`);
  await expect.poll(() => sketchAlphaAt(map, at)).toBeGreaterThan(0);

  // A click on the sketched card opens the container's panel.
  await page.mouse.click(at.x, at.y);
  await expect(map.inspectPanel).toHaveAttribute('data-selected', `ctr:${ctr}`);
  await page.keyboard.press('Escape');

  // Something new while far out is sketched where it belongs, and glows there.
  const fresh = await objects.sleeper('fresh', ['--network', objects.name('sketch')]);
  await map.expectElement(`ctr:${fresh}`);
  expect(await sketched(`ctr:${fresh}`)).toBe(true);
  const ring = page.locator(`[data-glow="ctr:${fresh}"]`);
  await expect(ring).toBeAttached();
  const [glow, freshAt] = [(await ring.boundingBox())!, await map.screenPosition(`ctr:${fresh}`)];
  expect(freshAt.x).toBeGreaterThan(glow.x);
  expect(freshAt.x).toBeLessThan(glow.x + glow.width);

  // The PNG export shows what the screen shows: the sketched card, its green running border where it is.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const green = await page.evaluate(
    async ({ dataUrl, id }) => {
      const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg?: { cy?: import('cytoscape').Core } })._cyreg!.cy!;
      const bb = cy.elements().boundingBox();
      const at = window.__PORTOLAN__!.positions()[id]!;
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: img.naturalWidth, height: img.naturalHeight });
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const scale = img.naturalWidth / Math.ceil(bb.w);
      // The card: 184 × 56 graph units around its centre.
      const data = ctx.getImageData(
        Math.floor((at.x - 92 - bb.x1) * scale),
        Math.floor((at.y - 28 - bb.y1) * scale),
        Math.ceil(184 * scale),
        Math.ceil(56 * scale),
      ).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 16) + Math.abs(data[i + 1]! - 185) + Math.abs(data[i + 2]! - 129) < 40) n++;
      return n / (data.length / 4);
    },
    { dataUrl: `data:image/png;base64,${Buffer.concat(chunks).toString('base64')}`, id: `ctr:${ctr}` },
  );
  expect(green, 'the running border of the sketched card in the PNG').toBeGreaterThan(0.03);

  // Close enough to read: drawn in detail again, the sketch empty where it was.
  await zoomTo(map, 0.6, `ctr:${ctr}`);
  await expect.poll(() => sketched(`ctr:${ctr}`)).toBe(false);
  expect(await sketched(port.id)).toBe(false);
  await expect.poll(async () => sketchAlphaAt(map, await map.screenPosition(`ctr:${ctr}`))).toBe(0);
  expect(await map.page.evaluate((id) => window.__PORTOLAN__!.renderedFontSize(id), `ctr:${ctr}`)).toBeGreaterThanOrEqual(7);
});

test('the arrow keys reach a sketched container: the map zooms in until its name can be read, and Enter opens it', async ({ map, objects, page }) => {
  await docker(['network', 'create', objects.name('keys')]);
  const ctr = await objects.sleeper('reached', ['--network', objects.name('keys')]);
  const target = `ctr:${ctr}`;
  await map.open('?sketch=1');
  await map.expectElement(target);
  await zoomTo(map, 0.25);
  const sketched = async () => (await map.node(target))?.classes.includes('sketched') ?? false;
  await expect.poll(sketched).toBe(true);

  // Arrow towards the container, as a person would, from wherever the focus starts.
  await page.getByTestId('graph').focus();
  const focusedId = async () => (await map.nodes()).find((n) => n.classes.includes('focused'))?.id ?? null;
  await expect.poll(focusedId).not.toBeNull();
  const announced = page.getByTestId('graph-focus');
  for (let step = 0; step < 15 && !(await announced.textContent())?.includes(objects.name('reached')); step++) {
    const [from, to] = await page.evaluate(
      ([a, b]) => [window.__PORTOLAN__!.positions()[a!]!, window.__PORTOLAN__!.positions()[b!]!],
      [(await focusedId()) ?? '', target],
    );
    const [dx, dy] = from ? [to!.x - from.x, to!.y - from.y] : [0, 1];
    await page.keyboard.press(Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'ArrowRight' : 'ArrowLeft') : dy > 0 ? 'ArrowDown' : 'ArrowUp');
    await page.waitForTimeout(300);
  }
  await expect(announced).toContainText(objects.name('reached'));

  // It is brought into detail, wears the focus ring, and its name renders large enough to read.
  await expect.poll(sketched).toBe(false);
  await expect.poll(focusedId).toBe(target);
  expect(await page.evaluate((id) => window.__PORTOLAN__!.renderedFontSize(id), target)).toBeGreaterThanOrEqual(7);
  await page.keyboard.press('Enter');
  await expect(map.inspectPanel).toHaveAttribute('data-selected', target);
});
