import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import type { PatchOp } from '../lib/topology';
import { TestObjects } from '../scripts/testkit/docker';

export interface DrawnNode {
  id: string;
  kind: string;
  label: string;
  parent?: string;
  classes: string[];
  data: Record<string, unknown>;
}
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
export interface DrawnEdge {
  id: string;
  kind: string;
  source: string;
  target: string;
  label: string;
  classes: string[];
}

/** The map page, read the way a person reads it, and the graph read through window.__PORTOLAN__. */
export class MapPage {
  readonly engineStatus: Locator;
  readonly networksTotal: Locator;
  readonly containersTotal: Locator;
  readonly inspectPanel: Locator;

  constructor(readonly page: Page) {
    this.engineStatus = page.getByTestId('engine-status');
    this.networksTotal = page.getByTestId('networks-total');
    this.containersTotal = page.getByTestId('containers-total');
    this.inspectPanel = page.getByTestId('inspect-panel');
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.engineStatus).toHaveAttribute('data-status', 'connected');
    if (!query.includes('view=list')) await this.page.waitForFunction(() => (window.__PORTOLAN__?.nodes().length ?? 0) > 0);
  }

  networksWithDriver(driver: string): Locator {
    return this.page.getByTestId(`networks-${driver}`);
  }

  /**
   * Waits until the graph is mounted: after a client-side navigation to the map the engine status
   * can read connected a frame before the canvas has put window.__PORTOLAN__ in place.
   */
  async mounted(): Promise<void> {
    await this.page.waitForFunction(() => window.__PORTOLAN__ !== undefined);
  }

  async nodes(): Promise<DrawnNode[]> {
    await this.mounted();
    return this.page.evaluate(() => window.__PORTOLAN__!.nodes() as DrawnNode[]);
  }

  async edges(): Promise<DrawnEdge[]> {
    await this.mounted();
    return this.page.evaluate(() => window.__PORTOLAN__!.edges() as DrawnEdge[]);
  }

  async positions(): Promise<Record<string, { x: number; y: number }>> {
    await this.mounted();
    return this.page.evaluate(() => window.__PORTOLAN__!.positions());
  }

  /** Where a network's box has its top-left corner, in graph units: where the box stays when it grows. */
  async corner(id: string): Promise<{ x: number; y: number } | undefined> {
    const [node, at] = [await this.node(id), (await this.positions())[id]];
    if (!node || !at) return undefined;
    return { x: at.x - Number(node.data.w) / 2, y: at.y - Number(node.data.h) / 2 };
  }

  async node(id: string): Promise<DrawnNode | undefined> {
    return (await this.nodes()).find((n) => n.id === id);
  }

  async edge(id: string): Promise<DrawnEdge | undefined> {
    return (await this.edges()).find((e) => e.id === id);
  }

  /** Waits until the drawn graph holds (or no longer holds) an element. */
  async expectElement(id: string, present = true): Promise<void> {
    await expect.poll(async () => [...(await this.nodes()), ...(await this.edges())].some((e) => e.id === id)).toBe(present);
  }

  /** Waits until a container is drawn inside a network's box: the network is its home. */
  async expectMember(containerNodeId: string, networkNodeId: string): Promise<void> {
    await expect.poll(async () => (await this.node(containerNodeId))?.parent).toBe(networkNodeId);
  }

  /** Rendered font size of every labelled node of a kind, in CSS pixels (style size × zoom). */
  async fontSizes(kind: string): Promise<{ id: string; px: number }[]> {
    await this.mounted();
    return this.page.evaluate(
      (k) =>
        window
          .__PORTOLAN__!.nodes()
          .filter((n) => n.kind === k)
          .map((n) => ({ id: n.id, px: window.__PORTOLAN__!.renderedFontSize(n.id) })),
      kind,
    );
  }

  /** Where a node's centre is on the page, in page pixels. */
  async screenPosition(id: string): Promise<{ x: number; y: number }> {
    await this.mounted();
    const at = await this.page.evaluate((nodeId) => window.__PORTOLAN__!.renderedPosition(nodeId), id);
    if (!at) throw new Error(`node ${id} is not drawn`);
    const box = (await this.page.getByTestId('graph').boundingBox())!;
    return { x: box.x + at.x, y: box.y + at.y };
  }

  /**
   * A node's body and its label as cytoscape draws them, in CSS pixels on the canvas: cytoscape's own bounding boxes
   * (label measured at the drawn font), read from the instance cytoscape registers on its container element, since
   * window.__PORTOLAN__ gives positions and font sizes but no boxes.
   */
  async drawnBoxes(id: string): Promise<{ node: Box; label: Box; lines: number }> {
    await this.mounted();
    const boxes = await this.page.getByTestId('graph').evaluate((el, nodeId) => {
      const cy = (el as unknown as { _cyreg?: { cy?: import('cytoscape').Core } })._cyreg?.cy;
      const node = cy?.getElementById(nodeId);
      if (!node || node.empty()) return null;
      const box = (b: import('cytoscape').BoundingBox12 & { w: number; h: number }) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
      return {
        node: box(node.renderedBoundingBox({ includeNodes: true, includeLabels: false, includeOverlays: false, includeUnderlays: false })),
        label: box(node.renderedBoundingBox({ includeNodes: false, includeLabels: true, includeOverlays: false, includeUnderlays: false })),
        lines: String(node.data('display') ?? '').split('\n').length,
      };
    }, id);
    if (!boxes) throw new Error(`node ${id} is not drawn`);
    return boxes;
  }

  /** Waits until the view has stopped moving (a fit or a re-layout animates): for a screenshot of what a person sees. */
  async still(): Promise<void> {
    await this.mounted();
    let previous = '';
    await expect
      .poll(async () => {
        const now = JSON.stringify(await this.page.evaluate(() => window.__PORTOLAN__!.viewport()));
        const still = now === previous;
        previous = now;
        return still;
      })
      .toBe(true);
  }

  /** Clicks a node on the canvas where cytoscape draws it; a network's box by its heading, as its containers fill the rest. */
  async clickNode(id: string): Promise<void> {
    // Where it is once it is still: a box the arrangement just moved settles within a frame or two.
    await this.mounted();
    let previous = '';
    await expect
      .poll(async () => {
        const now = JSON.stringify(await this.page.evaluate((nodeId) => window.__PORTOLAN__!.renderedPosition(nodeId), id));
        const still = now === previous;
        previous = now;
        return still;
      })
      .toBe(true);
    const point = await this.page.evaluate((nodeId) => {
      const g = window.__PORTOLAN__!;
      const at = g.renderedPosition(nodeId);
      const node = g.nodes().find((n) => n.id === nodeId);
      if (!at || !node) return null;
      const h = Number(node.data.h ?? 0);
      return node.kind === 'network' && h ? { x: at.x, y: at.y - (h / 2 - 14) * g.viewport().zoom } : at;
    }, id);
    if (!point) throw new Error(`node ${id} is not drawn`);
    const box = (await this.page.getByTestId('graph').boundingBox())!;
    await this.page.mouse.click(box.x + point.x, box.y + point.y);
  }
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe's violations on the page as it is now, one line each with the elements it names. */
export async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/** The images section of the security lens: each image's bar and registry, and the pull and push that run from it. */
export class ImagesView {
  readonly section: Locator;
  readonly pullInput: Locator;
  readonly transfer: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('images');
    this.pullInput = this.section.getByLabel('Image to pull');
    this.transfer = this.section.getByTestId('transfer');
    this.progress = this.transfer.getByRole('progressbar');
  }

  async open(): Promise<void> {
    await this.page.goto('/security');
    await expect(this.page.getByTestId('engine-status')).toHaveAttribute('data-status', 'connected');
  }

  /** The bar of the image that has this tag, among others or alone. */
  bar(tag: string): Locator {
    return this.section.locator(`[data-testid="image-bar"][data-tags~="${tag}"]`);
  }

  async pull(reference: string): Promise<void> {
    await this.pullInput.fill(reference);
    await this.section.getByRole('button', { name: 'Pull', exact: true }).click();
  }

  async push(tag: string): Promise<void> {
    await this.section.getByRole('button', { name: `Push ${tag}` }).click();
  }

  /** Opens Tag on the bar of the image named `name` (its only name), writes the new name and tags. */
  async tag(name: string, target: string): Promise<void> {
    await this.bar(name).getByRole('button', { name: /^Tag / }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog.getByLabel('Image')).toHaveValue(name);
    await dialog.getByLabel('New name').fill(target);
    await dialog.getByRole('button', { name: 'Tag image' }).click();
  }

  /** Opens Remove on the bar of the image that has `tag` and, when it has several names, chooses that one: nothing is removed yet. */
  async openRemove(tag: string): Promise<Locator> {
    await this.bar(tag)
      .getByRole('button', { name: /^Remove / })
      .click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Remove image' })).toBeVisible();
    await expect(dialog.getByText('Asking the Engine')).toHaveCount(0);
    const choice = dialog.getByRole('radio', { name: tag, exact: true });
    if (await choice.count()) await choice.check();
    return dialog;
  }

  /** Waits for the transfer on screen to end, and answers how: done, failed or cancelled. */
  async outcome(): Promise<string> {
    await expect(this.transfer).not.toHaveAttribute('data-outcome', 'running', { timeout: 30_000 });
    return (await this.transfer.getAttribute('data-outcome')) ?? '';
  }
}

/** The lesson beside the map, read the way a learner reads it: the current step, its Portolan controls, the teacher's buttons. */
export class LessonPanel {
  readonly root: Locator;
  readonly currentStep: Locator;
  readonly cleanUpButton: Locator;
  /** The open dialog, whichever opened it. */
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('lesson-panel');
    this.currentStep = this.root.locator('li[aria-current="step"]');
    this.cleanUpButton = this.root.getByRole('button', { name: 'Clean up this lesson' });
    this.dialog = page.getByRole('dialog');
  }

  /** Opens the Portolan control of the current step's `index`-th command that has one ("Create it in Portolan"…). */
  async doInPortolan(index = 0): Promise<Locator> {
    await this.currentStep.getByTestId('lesson-do').nth(index).click();
    await expect(this.dialog).toBeVisible();
    return this.dialog;
  }

  /** Opens "Clean up this lesson" and waits for its list of what carries the lesson's label. */
  async openCleanup(): Promise<Locator> {
    await this.cleanUpButton.click();
    await expect(this.dialog.getByRole('heading', { name: 'Clean up this lesson' })).toBeVisible();
    await expect(this.dialog.getByText('Asking the Engine')).toHaveCount(0);
    return this.dialog;
  }
}

export const test = base.extend<{ map: MapPage; images: ImagesView; lesson: LessonPanel; objects: TestObjects }>({
  map: async ({ page }, use) => {
    // What the page complains about is part of the test's story.
    page.on('console', (m) => void (m.type() === 'error' && console.log(`[page error] ${m.text()}`)));
    page.on('pageerror', (err) => console.log(`[page exception] ${err.message}`));
    await use(new MapPage(page));
  },
  images: async ({ page }, use) => {
    await use(new ImagesView(page));
  },
  lesson: async ({ page }, use) => {
    await use(new LessonPanel(page));
  },
  objects: async ({}, use, testInfo) => {
    const objects = new TestObjects(`e2e${testInfo.workerIndex}`);
    await use(objects);
    await objects.cleanup();
  },
});

export { expect };

/**
 * Ports for the side servers a spec starts, counted from the app's own (PORTOLAN_E2E_PORT): two runs started on
 * ports ten apart never meet.
 */
export function sidePort(offset: number): number {
  return Number(process.env.PORTOLAN_E2E_PORT ?? 3199) + offset;
}

/**
 * Another Portolan from the same build, with settings of its own (no engine,
 * read-only…), for the spec's lifetime; answers once its health says `healthStatus`.
 */
export function extraPortolan(port: number, env: Record<string, string>, healthStatus: number): { url: string } {
  let server: ChildProcess | null = null;
  test.beforeAll(async () => {
    server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, NODE_ENV: 'production', PORT: String(port), NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: 'ignore',
    });
    const health = () =>
      fetch(`http://localhost:${port}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
    await expect.poll(health, { timeout: 30_000 }).toBe(healthStatus);
  });
  test.afterAll(() => {
    server?.kill('SIGTERM');
  });
  return { url: `http://localhost:${port}` };
}

/** A Portolan that serves a made-up picture instead of an Engine's, and changes it on request. */
export interface SyntheticPortolan {
  url: string;
  /** Changes the picture as the Engine's events would; resolves with the new revision once the server has it. */
  apply(ops: PatchOp[]): Promise<number>;
  /** The picture as it began, laid out afresh: each test starts from it. */
  reset(): Promise<number>;
}

/**
 * Portolan serving the synthetic three-node swarm (scripts/testkit/syntheticSwarm.ts) from the same build, on its
 * own port, for the spec's lifetime: what no test engine here can be. No Engine is asked anything.
 */
export function syntheticSwarm(port: number, env: Record<string, string> = {}): SyntheticPortolan {
  let server: ChildProcessWithoutNullStreams | null = null;
  const answers: ((line: string) => void)[] = [];
  test.beforeAll(async () => {
    server = spawn(process.execPath, ['--import', 'tsx', 'scripts/testkit/syntheticPortolan.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        ...env,
      },
    });
    server.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    createInterface({ input: server.stdout }).on('line', (line) => {
      if (/^(applied|refused) /.test(line)) answers.shift()?.(line);
    });
    const health = () =>
      fetch(`http://localhost:${port}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
    await expect.poll(health, { timeout: 60_000 }).toBe(200);
  });
  test.afterAll(() => {
    server?.kill('SIGTERM');
  });
  const send = (line: string) =>
    new Promise<number>((resolve, reject) => {
      answers.push((answer) => (answer.startsWith('applied ') ? resolve(Number(answer.slice('applied '.length))) : reject(new Error(answer))));
      server!.stdin.write(`${line}\n`);
    });
  return { url: `http://localhost:${port}`, apply: (ops) => send(JSON.stringify(ops)), reset: () => send('reset') };
}
