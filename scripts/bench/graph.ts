/**
 * The graph in a real browser: a generated picture of BENCH_CONTAINERS (1000) containers on 31 networks,
 * served by the real Portolan server and drawn by the real page in Chromium, against raw cytoscape
 * drawing the same elements. Touches no Docker object. Results are figures, never pass/fail.
 * Run: npm run bench:graph   (BENCH_CONTAINERS=1000, BENCH_SEED=42)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEFAULT_OPTIONS, toElements } from '../../lib/graph/elements';
import type { Container, PatchOp, TopologyPatch } from '../../lib/topology';
import { loadConfig } from '../../server/config';
import { startPortolan, type Portolan } from '../../server/index';
import { Generator, SyntheticStore, syntheticTopology } from './synthetic';
import { intEnv, median, ms, percentile, range, table, times } from './util';

const CONTAINERS = intEnv('BENCH_CONTAINERS', 1000);
const SEED = intEnv('BENCH_SEED', 42);
const RUNS = 3;
/** 20, so that p95 (nearest rank: the 19th of 20) is not simply the slowest one. */
const UPDATES = 20;
const VIEWPORT = { width: 1920, height: 1080 };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PREPARE = new URL('../prepare.mjs', import.meta.url).href;

type Frame = { t0: number; ready: number; drawn: number };
type Task = { start: number; duration: number };
type Probe = { longtasks: Task[]; arrivals: { event: string; at: number; to: number }[]; first: Frame | null; armed: Promise<Frame> };
declare global {
  interface Window {
    __bench?: Probe;
  }
}

/**
 * Runs in the page, as a string: tsx would wrap named functions in a helper the page lacks. Records long tasks,
 * the arrival of every snapshot and patch frame on the socket, and when the graph first holds `expected` nodes.
 */
const probe = (expected: number) => `(() => {
  const b = { longtasks: [], arrivals: [], first: null };
  window.__bench = b;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => b.longtasks.push({ start: e.startTime, duration: e.duration })))
    .observe({ type: 'longtask', buffered: true });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const m = typeof e.data === 'string' && /^42\\["(topology:\\w+)",\\{.*?"to":(\\d+)|^42\\["(topology:snapshot)"/.exec(e.data.slice(0, 300));
        if (m) b.arrivals.push({ event: m[1] || m[3], at: performance.now(), to: Number(m[2] || 0) });
      });
    }
  };
  b.frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  b.until = async (done, t0 = performance.now()) => {
    while (!done()) await b.frame();
    const ready = performance.now();
    await b.frame();
    return { t0, ready, drawn: await b.frame() };
  };
  b.arm = (done) => void (b.armed = b.until(done));
  b.until(() => window.__PORTOLAN__ && window.__PORTOLAN__.nodes().length === ${expected}, 0).then((f) => (b.first = f));
})()`;

/** Raw cytoscape, same elements and positions, preset layout, plain labels; timed to the second frame after. Then 3 single adds. */
const RAW = `(async () => {
  const { nodes, edges, positions } = window.__elements;
  const t0 = performance.now();
  const cy = cytoscape({
    container: document.getElementById('cy'), layout: { name: 'preset' },
    style: [{ selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 12 } },
            { selector: 'edge', style: { label: 'data(label)', 'font-size': 10, 'curve-style': 'bezier' } }],
    elements: [...nodes.map((n) => ({ group: 'nodes', data: n.data, classes: n.classes, position: positions[n.id] })),
               ...edges.map((e) => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: e.label }, classes: e.classes }))],
  });
  cy.fit(undefined, 40);
  window.__cy = cy;
  const ready = performance.now();
  await window.__bench.frame();
  const drawn = await window.__bench.frame();
  const nets = nodes.filter((n) => n.kind === 'network').slice(0, 2), adds = [];
  for (const x of ['x0', 'x1', 'x2']) {
    await new Promise((r) => setTimeout(r, 500)); // the same pause as between Portolan's updates
    const a0 = performance.now();
    cy.add([{ group: 'nodes', data: { id: x, label: x }, position: { ...positions[nets[0].id] } },
            ...nets.map((n) => ({ group: 'edges', data: { id: x + n.id, source: n.id, target: x, label: '10.0.0.9' } }))]);
    await window.__bench.frame();
    adds.push({ a0, add: (await window.__bench.frame()) - a0 });
  }
  return { t0, ready, drawn, adds };
})()`;

const longest = (tasks: Task[], from: number, to: number) =>
  Math.max(0, ...tasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration));
const within = (tasks: Task[], frames: Frame[]) => Math.max(0, ...frames.map((f) => longest(tasks, f.t0, f.drawn)));
const probeOf = (page: Page) => page.evaluate(() => ({ longtasks: window.__bench!.longtasks, arrivals: window.__bench!.arrivals }));

type Box = { x: number; y: number; w: number; h: number };
/** In page coordinates: the point of the canvas farthest from any node or box (free ground, where a drag pans). */
function freeSpot(boxes: Box[], zoom: number, pan: { x: number; y: number }, canvas: Box): { x: number; y: number } {
  let best = { x: canvas.w / 2, y: canvas.h / 2, d: -Infinity };
  for (let x = 20; x < canvas.w - 20; x += 20)
    for (let y = 20; y < canvas.h - 20; y += 20) {
      const d = Math.min(
        ...boxes.map((b) => {
          const [cx, cy, hw, hh] = [b.x * zoom + pan.x, b.y * zoom + pan.y, (b.w * zoom) / 2, (b.h * zoom) / 2];
          return Math.max(Math.abs(x - cx) - hw, Math.abs(y - cy) - hh);
        }),
      );
      if (d > best.d) best = { x, y, d };
    }
  return { x: canvas.x + best.x, y: canvas.y + best.y };
}

/**
 * Ten mouse drags of 300 px across free canvas, back and forth, 20 moves each; the longest task while panning and
 * how many drags moved the view. `view` is page code returning the pan.
 */
async function panning(page: Page, spot: { x: number; y: number }, view: string) {
  const from = await page.evaluate(() => performance.now());
  let moved = 0;
  const towardsMiddle = spot.x > VIEWPORT.width / 2 ? -1 : 1;
  for (const i of range(10)) {
    const before = JSON.stringify(await page.evaluate(view));
    const dx = (i % 2 === 0 ? 300 : -300) * towardsMiddle;
    await page.mouse.move(spot.x, spot.y);
    await page.mouse.down();
    await page.mouse.move(spot.x + dx, spot.y + 20, { steps: 20 });
    await page.mouse.up();
    if (JSON.stringify(await page.evaluate(view)) !== before) moved++;
    spot = { x: spot.x + dx, y: spot.y + 20 * (i % 2 === 0 ? 1 : -1) };
  }
  await page.waitForTimeout(300);
  const to = await page.evaluate(() => performance.now());
  const { longtasks } = await probeOf(page);
  return { moved, longestTask: longest(longtasks, from, to) };
}

async function firstRender(browser: Browser, url: string, expected: number, screenshot: string | null) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: probe(expected) });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.first, null, { timeout: 120_000 });
  await page.waitForTimeout(300); // long-task entries are delivered after the task
  const first = (await page.evaluate(() => window.__bench!.first))!;
  const { longtasks, arrivals } = await probeOf(page);
  const snapshotAt = arrivals.find((a) => a.event === 'topology:snapshot')?.at ?? NaN;
  if (screenshot) await page.screenshot({ path: screenshot });
  return { page, first, snapshotAt, longestTask: longest(longtasks, 0, first.drawn) };
}

async function rawRender(browser: Browser, elements: unknown) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.setContent('<body style="margin:0"><div id="cy" style="position:absolute;inset:0"></div></body>');
    await page.addScriptTag({ path: 'node_modules/cytoscape/dist/cytoscape.min.js' });
    await page.addScriptTag({ content: probe(-1) });
    await page.evaluate((els) => void Object.assign(window, { __elements: els }), elements);
    const frame = (await page.evaluate(RAW)) as Frame & { adds: { a0: number; add: number }[] };
    await page.waitForTimeout(300);
    const { longtasks } = await probeOf(page);
    return {
      frame,
      longestTask: longest(longtasks, frame.t0, frame.drawn),
      addTask: Math.max(...frame.adds.map((a) => longest(longtasks, a.a0, a.a0 + a.add))),
      pan: await panning(page, { x: 10, y: 10 }, 'window.__cy.pan()'),
    };
  } finally {
    await page.close();
  }
}

/** Arms the in-page wait first, then publishes the patch from the server; `done` is page code true once it is drawn. */
async function timedPatch(page: Page, store: SyntheticStore, ops: PatchOp[], done: string) {
  const to = store.snapshot().revision + 1;
  await page.evaluate(`window.__bench.arm(() => window.__PORTOLAN__.revision >= ${to} && ${done})`);
  const patch: TopologyPatch = store.apply(ops);
  const frame = await page.evaluate(() => window.__bench!.armed);
  await page.waitForTimeout(500); // idle between updates: no update starts while the last one's work is still running
  return { to: patch.to, frame };
}

async function incremental(page: Page, store: SyntheticStore, gen: Generator) {
  const bridges = store.snapshot().topology.networks.filter((n) => n.driver === 'bridge' && !n.predefined);
  const kinds = { add: [] as Frame[], stop: [] as Frame[], remove: [] as Frame[] };
  const arrive: Record<string, number[]> = { add: [], stop: [], remove: [] };
  const tos: [keyof typeof kinds, number, Frame][] = [];
  for (const i of range(UPDATES)) {
    const nets = [bridges[i % bridges.length]!, bridges[(i + 7) % bridges.length]!];
    const c: Container = gen.container(`zz-bench-${i}`, nets, true, false, false);
    const node = `window.__PORTOLAN__.renderedPosition(${JSON.stringify(`ctr:${c.id}`)})`;
    const stopped: Container = { ...c, state: 'exited', status: 'Exited (0) 1 second ago', endpoints: c.endpoints.map((e) => ({ ...e, ipv4: '' })) };
    for (const [kind, ops, done] of [
      ['add', [{ op: 'upsert', kind: 'container', value: c }], `${node} !== null`],
      ['stop', [{ op: 'upsert', kind: 'container', value: stopped }], 'true'],
      ['remove', [{ op: 'remove', kind: 'container', id: c.id }], `${node} === null`],
    ] as const) {
      const { to, frame } = await timedPatch(page, store, [...ops] as PatchOp[], done);
      kinds[kind].push(frame);
      tos.push([kind, to, frame]);
    }
  }
  const { longtasks, arrivals } = await probeOf(page);
  for (const [kind, to, frame] of tos) arrive[kind]!.push((arrivals.find((a) => a.to === to)?.at ?? NaN) - frame.t0);
  return Object.fromEntries(
    Object.entries(kinds).map(([kind, frames]) => {
      const [ready, drawn] = [frames.map((f) => f.ready - f.t0), frames.map((f) => f.drawn - f.t0)];
      return [kind, { arrival: arrive[kind]!, ready, drawn, longestTask: within(longtasks, frames) }];
    }),
  );
}

async function measure() {
  const { ensureBuild } = (await import(PREPARE)) as { ensureBuild: () => void };
  ensureBuild();
  const gen = new Generator(SEED);
  const topology = syntheticTopology(gen, CONTAINERS);
  const expected = toElements(topology);
  let portolan: Portolan | null = null;
  let browser: Browser | null = null;
  try {
    portolan = await startPortolan({
      config: loadConfig({ PORT: '0', NODE_ENV: 'production' }),
      // An address where no Engine can answer: nothing here may reach Docker.
      engineEnv: { DOCKER_HOST: 'unix:///nonexistent/portolan-bench-graph.sock' },
      pages: true,
      store: (engine) => new SyntheticStore(engine, topology),
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
    await mkdir('bench-results', { recursive: true });
    const screenshot = `bench-results/graph-${CONTAINERS}.png`;
    const portolanRuns = [];
    let last: Page | null = null;
    for (const run of range(RUNS)) {
      // The full graph, not the count nodes the map shows by default past 300 containers.
      const r = await firstRender(browser, `${portolan.url}/?collapse=0`, expected.nodes.length, run === 0 ? screenshot : null);
      portolanRuns.push({ ...r.first, snapshotAt: r.snapshotAt, longestTask: r.longestTask });
      if (last) await last.context().close();
      last = r.page;
    }
    const page = last!;
    const drawnElements = (p: Page) =>
      p.evaluate(() => {
        const g = window.__PORTOLAN__!;
        return { nodes: g.nodes(), edges: g.edges(), positions: g.positions() };
      });
    const elements = await drawnElements(page);
    // How much of the full view the graph draws in detail; the rest is sketched beside it (lib/graph/detail.ts).
    const sketched = elements.nodes.filter((n) => n.classes.includes('sketched')).length;
    const rawRuns = [];
    for (const _ of range(RUNS)) rawRuns.push(await rawRender(browser, elements));
    // What a person opening the map sees first: past 300 containers, each network a small box with its count.
    const compact = toElements(topology, { ...DEFAULT_OPTIONS, collapsed: CONTAINERS > 300 });
    const defaultRuns = [];
    let compactElements: Awaited<ReturnType<typeof drawnElements>> | null = null;
    for (const run of range(RUNS)) {
      const r = await firstRender(browser, `${portolan.url}/`, compact.nodes.length, run === 0 ? screenshot.replace('.png', '-default.png') : null);
      defaultRuns.push({ ...r.first, snapshotAt: r.snapshotAt, longestTask: r.longestTask });
      compactElements ??= await drawnElements(r.page);
      await r.page.context().close();
    }
    const rawDefaultRuns = [];
    for (const _ of range(RUNS)) rawDefaultRuns.push(await rawRender(browser, compactElements));
    const updates = await incremental(page, portolan.store as SyntheticStore, gen);
    const view = await page.evaluate(() => window.__PORTOLAN__!.viewport());
    const boxes = elements.nodes.map((n) => ({ ...elements.positions[n.id]!, w: Number(n.data.w ?? 80), h: Number(n.data.h ?? 80) }));
    const canvas = (await page.getByTestId('graph').boundingBox())!;
    const spot = freeSpot(boxes, view.zoom, view.pan, { x: canvas.x, y: canvas.y, w: canvas.width, h: canvas.height });
    const pan = await panning(page, spot, 'window.__PORTOLAN__.viewport().pan');
    const graph = {
      containers: CONTAINERS,
      networks: topology.networks.length,
      nodes: elements.nodes.length,
      edges: elements.edges.length,
      sketched,
    };
    return {
      date: new Date().toISOString(),
      chromium: browser.version(),
      graph,
      portolanRuns,
      rawRuns,
      defaultRuns,
      rawDefaultRuns,
      updates,
      pan,
      screenshot,
    };
  } finally {
    await browser?.close();
    await portolan?.close();
  }
}

async function report(r: Awaited<ReturnType<typeof measure>>): Promise<void> {
  const p = r.portolanRuns;
  const raw = r.rawRuns.map((x) => x.frame);
  const adds = raw.flatMap((f) => f.adds.map((a) => a.add));
  const [pBuilt, pDrawn] = [median(p.map((f) => f.ready - f.snapshotAt)), median(p.map((f) => f.drawn - f.snapshotAt))];
  const [rBuilt, rDrawn] = [median(raw.map((f) => f.ready - f.t0)), median(raw.map((f) => f.drawn - f.t0))];
  const rTask = median(r.rawRuns.map((x) => x.longestTask));
  const pTask = median(p.map((f) => f.longestTask));
  const d = r.defaultRuns;
  const rawD = r.rawDefaultRuns.map((x) => x.frame);
  const [dDrawn, rdDrawn] = [median(d.map((f) => f.drawn - f.snapshotAt)), median(rawD.map((f) => f.drawn - f.t0))];
  const [dTask, rdTask] = [median(d.map((f) => f.longestTask)), median(r.rawDefaultRuns.map((x) => x.longestTask))];
  const summary = [
    ['first render (median of 3, fresh page each)', 'raw cytoscape', 'Portolan', 'Portolan / raw'],
    [
      `default view (${r.graph.containers > 300 ? 'compact: each network its count' : 'full'}): data → painted`,
      ms(rdDrawn),
      ms(dDrawn),
      times(dDrawn / rdDrawn),
    ],
    ['default view: longest main-thread task', ms(rdTask), ms(dTask), times(dTask / rdTask)],
    [`every network expanded (?collapse=0; at Fit ${r.graph.sketched} of ${r.graph.nodes} nodes sketched):`, '', '', ''],
    ['navigation → snapshot on the socket', '', ms(median(p.map((f) => f.snapshotAt))), ''],
    ['navigation → all nodes in the graph', '', ms(median(p.map((f) => f.ready))), ''],
    ['navigation → painted', '', ms(median(p.map((f) => f.drawn))), ''],
    ['data → all nodes in the graph', ms(rBuilt), ms(pBuilt), times(pBuilt / rBuilt)],
    ['data → painted', ms(rDrawn), ms(pDrawn), times(pDrawn / rDrawn)],
    ['longest main-thread task', ms(rTask), ms(pTask), times(pTask / rTask)],
    [
      'pan: 10 drags after load, longest task',
      ms(median(r.rawRuns.map((x) => x.pan.longestTask))),
      `${ms(r.pan.longestTask)} (${r.pan.moved}/10 moved)`,
      times(r.pan.longestTask / median(r.rawRuns.map((x) => x.pan.longestTask))),
    ],
  ];
  // Medians of K; "in graph": the page's revision and the node show the change; painted: the second frame after that.
  // The 200 ms limit on tasks during an incremental update is reported, not asserted.
  const labels: Record<string, string> = { add: 'add a container (2 networks)', stop: 'running → exited', remove: 'remove it' };
  const updates = [
    [`incremental update (median of ${UPDATES}, from the emit)`, 'on socket', 'in graph', 'painted', 'painted, p95', 'painted, max', 'longest task'],
    ...Object.entries(r.updates).map(([kind, u]) => {
      const [arrival, ready, drawn] = [u.arrival, u.ready, u.drawn].map((v) => ms(median(v)));
      return [labels[kind] ?? kind, arrival!, ready!, drawn!, ms(percentile(u.drawn, 95)), ms(Math.max(...u.drawn)), ms(u.longestTask)];
    }),
    [
      'raw cytoscape: add 1 node + 2 edges (3×3)',
      '',
      '',
      ms(median(adds)),
      ms(percentile(adds, 95)),
      ms(Math.max(...adds)),
      ms(median(r.rawRuns.map((x) => x.addTask))),
    ],
  ];
  console.log(`\nPortolan graph benchmark — ${r.date}`);
  console.log(`Chromium ${r.chromium} (headless, --disable-gpu) · ${VIEWPORT.width}x${VIEWPORT.height} · node ${process.version}`);
  console.log(`${r.graph.containers} containers on ${r.graph.networks} networks (seed ${SEED}) → ${r.graph.nodes} nodes, ${r.graph.edges} edges`);
  console.log(`\n${table(summary)}\n\n${table(updates)}`);
  const file = `bench-results/graph-${r.date.replace(/[:.]/g, '-')}.json`;
  const settings = { runs: RUNS, updates: UPDATES, seed: SEED, viewport: VIEWPORT };
  await writeFile(file, JSON.stringify({ ...r, settings, summary, updatesTable: updates }, null, 2) + '\n');
  console.log(`\nwrote ${file} and ${r.screenshot}`);
}

try {
  await report(await measure());
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
// Lingering keep-alive sockets or socket.io timers must not keep a finished bench alive.
process.exit();
