import { mkdir, writeFile } from 'node:fs/promises';
import { docker, TEST_IMAGE } from '../scripts/testkit/docker';
import { expect, test } from './fixtures';
import { boxes, countPixels, downloadedPng } from './pngPixels';

test('the PNG export shows the ROOT and EXPOSED badges and the driver icons', async ({ map, objects, page }) => {
  const ctr = await objects.docker(['run', '-d', '--name', objects.name('web'), '-p', '0.0.0.0:18190:80', TEST_IMAGE, 'httpd', '-f', '-p', '80']);
  const bridge = await docker(['network', 'inspect', '-f', '{{.Id}}', 'bridge']);
  const ctrNode = `ctr:${ctr}`;
  const netNode = `net:${bridge}`;
  await map.open();
  await map.expectElement(ctrNode);
  await expect.poll(async () => (await map.node(ctrNode))?.classes).toEqual(expect.arrayContaining(['root', 'exposed']));

  await page.screenshot({ path: 'test-results/screenshots/export-screen.png' });
  const png = await downloadedPng(page);
  await mkdir('test-results/screenshots', { recursive: true });
  await writeFile('test-results/screenshots/export.png', png);

  const { graph, nodes } = await boxes(page, [ctrNode, netNode]);
  const c = nodes[ctrNode]!;
  const n = nodes[netNode]!;
  // Where graphStyle puts them: badges 16 px tall straddling the container's top edge, in the gap
  // above its name (ROOT 40 px wide, 6 px in from the right; EXPOSED 56 px wide, 6 px in from the left);
  // the network's driver icon 22 × 22 in its box's top-left corner, 12 px in, dark on the light theme.
  const row = { y1: c.y1 - 8, y2: c.y1 + 8 };
  const inner = { y1: row.y1 + 3, y2: row.y2 - 3 }; // the lettering's band, clear of the rounded ends
  const root = { x1: c.x2 - 46, x2: c.x2 - 6 };
  const exposed = { x1: c.x1 + 6, x2: c.x1 + 62 };
  const red: [number, number, number] = [0xdc, 0x26, 0x26];
  const orange: [number, number, number] = [0xea, 0x58, 0x0c];
  const white: [number, number, number] = [255, 255, 255];
  const ink: [number, number, number] = [0x0f, 0x17, 0x2a];
  const result = await countPixels(page, `data:image/png;base64,${png.toString('base64')}`, graph, [
    { name: 'root', box: { ...root, ...row }, rgb: red },
    { name: 'rootInner', box: { x1: root.x1 + 8, x2: root.x2 - 8, ...inner }, rgb: red },
    { name: 'rootLetters', box: { x1: root.x1 + 8, x2: root.x2 - 8, ...inner }, rgb: white, tolerance: 40 },
    { name: 'exposed', box: { ...exposed, ...row }, rgb: orange },
    { name: 'exposedInner', box: { x1: exposed.x1 + 8, x2: exposed.x2 - 8, ...inner }, rgb: orange },
    { name: 'exposedLetters', box: { x1: exposed.x1 + 8, x2: exposed.x2 - 8, ...inner }, rgb: white, tolerance: 40 },
    { name: 'icon', box: { x1: n.x1 + 12, x2: n.x1 + 34, y1: n.y1 + 12, y2: n.y1 + 34 }, rgb: ink, tolerance: 60 },
  ]);
  console.log(`export ${result.width}×${result.height}`, result.share);
  const share = result.share;

  // A whole badge: its colour fills the box and its middle, with white lettering inside
  // (a cropped or magnified badge leaves the card's white in the middle, or no lettering).
  expect(share.root, 'ROOT badge red in the export').toBeGreaterThan(0.35);
  expect(share.rootInner, 'ROOT badge red behind its lettering').toBeGreaterThan(0.35);
  expect(share.rootLetters, 'ROOT lettering').toBeGreaterThan(0.08);
  expect(share.rootLetters, 'ROOT lettering, not blank card').toBeLessThan(0.5);
  expect(share.exposed, 'EXPOSED badge orange in the export').toBeGreaterThan(0.35);
  expect(share.exposedInner, 'EXPOSED badge orange behind its lettering').toBeGreaterThan(0.35);
  expect(share.exposedLetters, 'EXPOSED lettering').toBeGreaterThan(0.08);
  expect(share.exposedLetters, 'EXPOSED lettering, not blank card').toBeLessThan(0.5);
  expect(share.icon, 'driver icon strokes on the network node').toBeGreaterThan(0.05);
});

test('the PNG export waits for an image no frame has drawn yet', async ({ map, page }) => {
  await map.open();
  const downloading = page.waitForEvent('download');
  // In one task, so no frame can draw it first: a node with a never-seen image, then the PNG button.
  const probe = await page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg?: { cy?: import('cytoscape').Core } })._cyreg!.cy!;
    const bb = cy.elements().boundingBox();
    const tag = Math.random().toString(36).slice(2);
    const url = `data:image/svg+xml;utf8,${encodeURIComponent(
      `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><!--${tag}--><rect width="20" height="20" fill="#c026d3"/></svg>`,
    )}`;
    const node = cy.add({ group: 'nodes', data: { id: `probe-${tag}`, label: '' }, position: { x: bb.x2 + 60, y: bb.y1 + 30 } });
    node.style({
      shape: 'rectangle',
      width: 40,
      height: 40,
      'background-color': '#ffffff',
      'background-image': url,
      'background-width': 20,
      'background-height': 20,
    });
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'PNG')!.click();
    const box = node.boundingBox({ includeLabels: false });
    return { id: node.id(), box: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 }, graph: { ...cy.elements().boundingBox() } };
  });
  const download = await downloading;
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const png = Buffer.concat(chunks);
  const { x1, y1, x2, y2 } = probe.box;
  const middle = { x1: x1 + 12, y1: y1 + 12, x2: x2 - 12, y2: y2 - 12 };
  const result = await countPixels(page, `data:image/png;base64,${png.toString('base64')}`, probe.graph, [
    { name: 'image', box: middle, rgb: [0xc0, 0x26, 0xd3] },
  ]);
  expect(result.share.image, 'the fresh image in the export').toBeGreaterThan(0.8);
});
