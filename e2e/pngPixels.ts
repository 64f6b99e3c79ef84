import type { Page } from '@playwright/test';

// Reading an exported PNG: where nodes are in model space, and what share of a region's pixels has a colour.

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Model-space boxes of the graph and of some nodes, read from the cytoscape instance behind the canvas (test-only reach). */
export function boxes(page: Page, ids: string[]): Promise<{ graph: Box; nodes: Record<string, Box> }> {
  return page.evaluate((wanted) => {
    const el = document.querySelector('[data-testid="graph"]') as HTMLElement & { _cyreg?: { cy?: import('cytoscape').Core } };
    const cy = el._cyreg!.cy!;
    const box = (b: { x1: number; y1: number; x2: number; y2: number }) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
    const nodes: Record<string, Box> = {};
    // The node's body (no border, no label): where its background images are placed.
    for (const id of wanted) {
      const n = cy.getElementById(id) as import('cytoscape').NodeSingular;
      const { x, y } = n.position();
      nodes[id] = { x1: x - n.width() / 2, y1: y - n.height() / 2, x2: x + n.width() / 2, y2: y + n.height() / 2 };
    }
    return { graph: box(cy.elements().boundingBox()), nodes };
  }, ids);
}

/** Decodes the PNG in the page and measures, per region (model space), the share of pixels close to a colour. */
export function countPixels(
  page: Page,
  dataUrl: string,
  graph: Box,
  probes: { name: string; box: Box; rgb: [number, number, number]; tolerance?: number }[],
): Promise<{ width: number; height: number; share: Record<string, number> }> {
  return page.evaluate(
    async ({ dataUrl, graph, probes }) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      // The export frames the whole graph: model x1 at pixel 0, uniformly scaled.
      const scale = img.naturalWidth / Math.ceil(graph.x2 - graph.x1);
      const share: Record<string, number> = {};
      for (const p of probes) {
        const x = Math.max(0, Math.floor((p.box.x1 - graph.x1) * scale));
        const y = Math.max(0, Math.floor((p.box.y1 - graph.y1) * scale));
        const w = Math.min(canvas.width - x, Math.ceil((p.box.x2 - p.box.x1) * scale));
        const h = Math.min(canvas.height - y, Math.ceil((p.box.y2 - p.box.y1) * scale));
        const data = ctx.getImageData(x, y, w, h).data;
        const tol = p.tolerance ?? 24;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i]! - p.rgb[0]) <= tol && Math.abs(data[i + 1]! - p.rgb[1]) <= tol && Math.abs(data[i + 2]! - p.rgb[2]) <= tol) n++;
        }
        share[p.name] = Math.round((1000 * n) / (w * h)) / 1000;
      }
      return { width: img.naturalWidth, height: img.naturalHeight, share };
    },
    { dataUrl, graph, probes },
  );
}

/** Presses PNG and answers the file it downloads, checked to be a PNG. */
export async function downloadedPng(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const png = Buffer.concat(chunks);
  if (png.subarray(1, 4).toString() !== 'PNG') throw new Error('the download is not a PNG');
  return png;
}
