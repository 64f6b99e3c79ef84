import type { Core, NodeSingular } from 'cytoscape';
import type { Sketch } from './sketch';

/** cytoscape's canvas renderer keeps one Image per background-image URL; it is not in the typings. */
interface ImageCache {
  getCachedImage(url: string, crossOrigin: string, onLoad: () => void): HTMLImageElement;
}

/** The computed style value cytoscape draws from (`node.style()` only gives the string form). */
const backgroundImages = (node: NodeSingular): string[] => {
  const value = (node as unknown as { pstyle(name: string): { value: unknown } }).pstyle('background-image').value;
  return (Array.isArray(value) ? value : [value]).filter((url): url is string => typeof url === 'string' && url !== '' && url !== 'none');
};

const settled = (img: HTMLImageElement): Promise<void> =>
  img.complete
    ? Promise.resolve()
    : new Promise((resolve) => {
        img.addEventListener('load', () => resolve(), { once: true });
        img.addEventListener('error', () => resolve(), { once: true });
      });

/** Long enough for data URIs; an export never hangs on an image that will not come. */
const LOAD_TIMEOUT_MS = 3000;

/**
 * Waits until every node's background image (badges, driver and host icons)
 * is loaded in cytoscape's own image cache. cytoscape only starts loading an
 * image the first time it draws a node that uses it, and skips images still
 * loading, so an export right after a node appears, or of nodes that were never
 * on screen (zoomed in), would otherwise leave their images out.
 */
export async function backgroundImagesReady(cy: Core): Promise<void> {
  const renderer = (cy as unknown as { renderer(): Partial<ImageCache> | null }).renderer();
  if (typeof renderer?.getCachedImage !== 'function') return;
  const urls = new Set<string>();
  cy.nodes().forEach((n) => backgroundImages(n).forEach((url) => urls.add(url)));
  // The same cache entries the renderer draws from: loading them here is loading them for the export.
  const pending = [...urls].map((url) => settled(renderer.getCachedImage!(url, 'anonymous', () => undefined)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all(pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, LOAD_TIMEOUT_MS)))]);
  clearTimeout(timer);
}

const SCALE = 2;

/**
 * The whole graph as a PNG data URL, at twice the screen's resolution, on
 * `background`, with every badge and icon drawn, and the containers a large
 * picture sketches drawn over it where they are: resolves once the images are loaded.
 */
export async function exportPng(cy: Core, background: string, sketch?: Sketch | null): Promise<string> {
  await backgroundImagesReady(cy);
  const graph = cy.png({ full: true, scale: SCALE, bg: background });
  if (!sketch || sketch.drawn().nodes.length === 0) return graph;
  const image = new Image();
  image.src = graph;
  await image.decode();
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [image.width, image.height];
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image, 0, 0);
  // The bounds and scale cytoscape's full export draws the graph at (its bufferCanvasImage).
  const bb = cy.elements().boundingBox();
  const scale = SCALE * ((cy as unknown as { renderer(): { getPixelRatio(): number } }).renderer().getPixelRatio() || 1);
  ctx.drawImage(sketch.render(image.width, image.height, scale, { x: -bb.x1 * scale, y: -bb.y1 * scale }), 0, 0);
  return canvas.toDataURL('image/png');
}
