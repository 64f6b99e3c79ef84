/**
 * Portolan against the raw Engine, in the same run on the same engine: cold
 * sync, change latency, Engine requests per viewer count, and heap per
 * container. Results are ratios, never pass/fail thresholds.
 * Run: npm run bench   (BENCH_CONTAINERS=40, BENCH_NETWORKS=4)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { TopologyPatch } from '../../lib/topology';
import type { EngineEvent } from '../../server/engine/engine';
import type { Portolan } from '../../server/index';
import { eventLines } from '../../server/topology/eventLines';
import { TestObjects, waitFor } from '../testkit/docker';
import { Feed } from '../testkit/feed';
import { startTestPortolan } from '../testkit/portolan';
import {
  Arrivals,
  bytes,
  countsSince,
  describeCounts,
  heapUsed,
  intEnv,
  mapLimited,
  median,
  ms,
  percentile,
  range,
  spyOnEngine,
  table,
  times,
} from './util';
import type { Counts } from './util';

const CONTAINERS = intEnv('BENCH_CONTAINERS', 40);
const NETWORKS = intEnv('BENCH_NETWORKS', 4);
const RUNS = 5;
const CHANGES = 20;
const VIEWERS = [1, 10, 50];
/** Networks created one by one while other clients make a burst of container events. */
const BURST_PROBES = intEnv('BENCH_BURST_PROBES', 15);
const BURST_PROBE_EVERY_MS = 200;
/** Portolan's INSPECT_CONCURRENCY: the raw baseline gets the same parallelism, so the ratio measures Portolan, not a head start. */
const CONCURRENCY = 16;
/** Starting containers is CPU-bound in dockerd; beyond the 2 cores it only queues. */
const SETUP_CONCURRENCY = 4;

const docker = new Docker();
const objects = new TestObjects('bench');
let interrupted = false;
/** Settles once no `docker run` or `network create` is in flight: cleaning up earlier could miss one. */
let setupDone: Promise<unknown> = Promise.resolve();
let cleaning: Promise<void> | null = null;
const cleanup = () => (cleaning ??= setupDone.then(() => objects.cleanup()));

/** A Feed whose first snapshot holding a synced picture (revision > 0) is timestamped on arrival. */
function syncedFeed(url: string): { feed: Feed; synced: Promise<number> } {
  const feed = new Feed(url);
  const arrivals = new Arrivals<number>();
  feed.socket.on('topology:snapshot', (s) => arrivals.push(s.revision));
  return { feed, synced: arrivals.next('a synced snapshot', (revision) => revision > 0, 30_000) };
}

async function rawSync(): Promise<number> {
  const engine = new Docker();
  const t0 = performance.now();
  const [, list] = await Promise.all([engine.listNetworks(), engine.listContainers({ all: true })]);
  await mapLimited(list, CONCURRENCY, (c) => engine.getContainer(c.Id).inspect());
  return performance.now() - t0;
}

async function portolanSync(): Promise<number> {
  const t0 = performance.now();
  const portolan = await startTestPortolan();
  const { feed, synced } = syncedFeed(portolan.url);
  try {
    return (await synced) - t0;
  } finally {
    feed.close();
    await portolan.close();
  }
}

/** Heap per container (bytes): Portolan's whole growth, the picture alone, and the Engine's inspect JSON for comparison. */
async function measureMemory() {
  const before = heapUsed();
  const portolan = await startTestPortolan();
  try {
    await portolan.store.settled();
    const heapDelta = heapUsed() - before;
    // The delta above includes fixed costs (socket.io, HTTP agent); a copy of the picture alone separates them out.
    const containers = portolan.store.snapshot().topology.containers;
    const beforeCopy = heapUsed();
    const copy = structuredClone(containers);
    const pictureHeap = heapUsed() - beforeCopy;
    const docs = await mapLimited(copy, CONCURRENCY, (c) => docker.getContainer(c.id).inspect());
    const inspectJson = docs.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(doc)), 0);
    const n = containers.length;
    return { containers: n, heap: heapDelta / n, picture: pictureHeap / n, inspectJson: inspectJson / n };
  } finally {
    await portolan.close();
  }
}

/** Through the API, not the CLI, whose own start-up would swamp the latency. */
const toggle = (network: Docker.Network, container: string, connect: boolean) =>
  connect ? network.connect({ Container: container }) : network.disconnect({ Container: container });

const holdsChange = (container: string, network: string, connected: boolean) => (patch: TopologyPatch) =>
  patch.ops.some(
    (op) =>
      op.op === 'upsert' &&
      op.kind === 'container' &&
      op.value.id === container &&
      op.value.endpoints.some((e) => e.networkId === network) === connected,
  );

async function changeLatency(portolan: Portolan, container: string, networkId: string) {
  const network = docker.getNetwork(networkId);
  const raw = (await docker.getEvents({ filters: { type: ['network'], network: [networkId] } })) as unknown as Readable;
  const rawEvents = new Arrivals<EngineEvent>();
  void (async () => {
    for await (const event of eventLines<EngineEvent>(raw)) rawEvents.push(event);
  })().catch(() => undefined);
  const { feed, synced } = syncedFeed(portolan.url);
  const patches = new Arrivals<TopologyPatch>();
  feed.socket.on('topology:patch', (p) => patches.push(p));
  const event: number[] = [];
  const patch: number[] = [];
  try {
    await synced;
    for (const i of range(CHANGES)) {
      const connect = i % 2 === 0;
      const action = connect ? 'connect' : 'disconnect';
      const rawAt = rawEvents.next(`raw ${action} event`, (e) => e.Action === action && e.Actor.Attributes?.container === container);
      const patchAt = patches.next(`patch for ${action}`, holdsChange(container, networkId, connect));
      const t0 = performance.now();
      await toggle(network, container, connect);
      const [a, b] = await Promise.all([rawAt, patchAt]);
      event.push(a - t0);
      patch.push(b - t0);
      await portolan.store.settled();
    }
    return { event, patch };
  } finally {
    feed.close();
    raw.destroy();
  }
}

/**
 * Other clients churn the bench containers (connect, disconnect, stop, start:
 * about 8 events each) while networks are created one at a time: how long an
 * unrelated change takes to reach a viewer, against its raw /events arrival.
 */
async function burstLatency(portolan: Portolan, containerIds: readonly string[], networkIds: readonly string[]) {
  const raw = (await docker.getEvents({ filters: { type: ['network', 'container'] } })) as unknown as Readable;
  const rawCreates = new Arrivals<EngineEvent>();
  const rawInspected = new Arrivals<string>();
  let burstEvents = 0;
  let counting = false;
  void (async () => {
    for await (const event of eventLines<EngineEvent>(raw)) {
      if (counting && !event.Action.startsWith('exec_')) burstEvents++;
      rawCreates.push(event);
      // The floor for any watcher: the event, then one inspect of what it names, on the same loaded Engine.
      if (event.Type === 'network' && event.Action === 'create' && event.Actor.Attributes?.name?.startsWith(objects.name('probe'))) {
        void docker
          .getNetwork(event.Actor.ID)
          .inspect()
          .then(
            () => rawInspected.push(event.Actor.Attributes?.name ?? ''),
            () => undefined,
          );
      }
    }
  })().catch(() => undefined);
  const { feed, synced } = syncedFeed(portolan.url);
  const patches = new Arrivals<TopologyPatch>();
  feed.socket.on('topology:patch', (p) => patches.push(p));
  const event: number[] = [];
  const patch: number[] = [];
  const lag: number[] = [];
  const floor: number[] = [];
  let lost = 0;
  try {
    await synced;
    await portolan.store.settled();
    counting = true;
    const t0 = performance.now();
    const churn = mapLimited(
      containerIds.map((id, i) => [id, i] as const),
      SETUP_CONCURRENCY,
      async ([id, i]) => {
        const other = docker.getNetwork(networkIds[(i + 1) % networkIds.length] ?? '');
        const c = docker.getContainer(id);
        await other.connect({ Container: id });
        await other.disconnect({ Container: id });
        await c.stop({ t: 0 });
        await c.start();
      },
    );
    for (const i of range(BURST_PROBES)) {
      const name = objects.name(`probe${i}`);
      // Under the burst the Engine itself may take seconds to create a network: wait long, and leave no rejection unheard.
      const rawAt = rawCreates.next(
        `raw create of ${name}`,
        (e) => e.Type === 'network' && e.Action === 'create' && e.Actor.Attributes?.name === name,
        60_000,
      );
      rawAt.catch(() => undefined);
      // A patch that never comes is counted, not waited for: the old store could drop a change for good.
      const patchAt = patches
        .next(`patch creating ${name}`, (p) => p.ops.some((op) => op.op === 'upsert' && op.kind === 'network' && op.value.name === name), 60_000)
        .catch(() => null);
      const inspectedAt = rawInspected.next(`raw inspect of ${name}`, (n) => n === name, 60_000).catch(() => null);
      const sent = performance.now();
      await docker.createNetwork({ Name: name });
      const [a, b, c] = await Promise.all([rawAt, patchAt, inspectedAt]);
      if (c !== null) floor.push(c - a);
      event.push(a - sent);
      if (b === null) lost++;
      else {
        patch.push(b - sent);
        lag.push(b - a);
      }
      await new Promise((r) => setTimeout(r, BURST_PROBE_EVERY_MS));
    }
    await churn;
    const burstMs = performance.now() - t0;
    await portolan.store.settled();
    counting = false;
    return { event, patch, lag, floor, lost, burstEvents, burstMs };
  } finally {
    feed.close();
    raw.destroy();
  }
}

async function requestsPerViewers(portolan: Portolan, count: () => Counts, container: string, networkId: string) {
  const network = docker.getNetwork(networkId);
  let events = 0;
  portolan.store.on('activity', () => events++);
  const rows = [];
  for (const viewers of VIEWERS) {
    const start = count();
    const eventsBefore = events;
    const feeds = range(viewers).map(() => new Feed(portolan.url));
    await Promise.all(feeds.map((f) => f.ready()));
    const connecting = countsSince(start, count());
    const revision = portolan.store.snapshot().revision;
    await toggle(network, container, true);
    await Promise.all(feeds.map((f) => waitFor('the patch in every viewer', () => (f.snapshot?.revision ?? 0) > revision, 10_000)));
    await portolan.store.settled();
    const change = countsSince(start, count());
    const engineEvents = events - eventsBefore;
    for (const f of feeds) f.close();
    // Undo outside the counted window, and let Portolan apply it so it does not leak into the next count.
    await toggle(network, container, false);
    await waitFor('Portolan to see the disconnect', () => portolan.store.snapshot().revision > revision + 1, 10_000);
    await portolan.store.settled();
    rows.push({ viewers, connecting, change, engineEvents });
  }
  return rows;
}

async function measure() {
  if (NETWORKS < 2) throw new Error('BENCH_NETWORKS must be at least 2: changes connect a container to a network it is not on');
  console.log(`setting up ${CONTAINERS} containers on ${NETWORKS} networks (prefix ${objects.prefix})…`);
  const setup = (async () => {
    const networkIds = await mapLimited(range(NETWORKS), SETUP_CONCURRENCY, (i) => objects.docker(['network', 'create', objects.name(`net${i}`)]));
    const containerIds = await mapLimited(range(CONTAINERS), SETUP_CONCURRENCY, async (i) => {
      if (interrupted) throw new Error('interrupted');
      return objects.sleeper(`c${i}`, ['--network', objects.name(`net${i % NETWORKS}`)]);
    });
    return { networkIds, containerIds };
  })();
  setupDone = setup.catch(() => undefined);
  const { networkIds, containerIds } = await setup;
  const [version, containers, networks] = await Promise.all([docker.version(), docker.listContainers({ all: true }), docker.listNetworks()]);
  const engine = { version: version.Version, apiVersion: version.ApiVersion, containers: containers.length, networks: networks.length };
  // Container c0 lives on net0; the changes attach it to net1 and back.
  const [container, networkId] = [containerIds[0] ?? '', networkIds[1] ?? ''];

  // Memory first, while the heap holds nothing but the loaded modules.
  const memory = await measureMemory();

  // Interleaved, after one discarded warm-up each, so JIT and engine caches favour neither side.
  await rawSync();
  await portolanSync();
  const coldSyncMs = { raw: [] as number[], portolan: [] as number[] };
  for (const _ of range(RUNS)) {
    coldSyncMs.raw.push(await rawSync());
    coldSyncMs.portolan.push(await portolanSync());
  }

  const portolan = await startTestPortolan();
  const count = spyOnEngine(portolan.engine);
  try {
    await portolan.store.settled();
    const changeLatencyMs = await changeLatency(portolan, container, networkId);
    const requests = await requestsPerViewers(portolan, count, container, networkId);
    const burst = await burstLatency(portolan, containerIds, networkIds);
    return { date: new Date().toISOString(), engine, coldSyncMs, changeLatencyMs, requests, memory, burst };
  } finally {
    await portolan.close();
  }
}

type Results = Awaited<ReturnType<typeof measure>>;

async function report(r: Results): Promise<void> {
  const { coldSyncMs: cold, changeLatencyMs: change, memory: mem, burst } = r;
  const summary = [
    ['measure', 'raw Engine', 'Portolan', 'Portolan / raw'],
    [`cold full sync (median of ${RUNS})`, ms(median(cold.raw)), ms(median(cold.portolan)), times(median(cold.portolan) / median(cold.raw))],
    ...[50, 95].map((q) => {
      const [event, patch] = [percentile(change.event, q), percentile(change.patch, q)];
      return [`change → event / patch, p${q} (K=${CHANGES})`, ms(event), ms(patch), times(patch / event)];
    }),
    ...[50, 95].map((q) => {
      const [event, patch] = [percentile(burst.event, q), percentile(burst.patch, q)];
      return [`network create under burst → event / patch, p${q} (K=${burst.event.length})`, ms(event), ms(patch), times(patch / event)];
    }),
    ...[50, 95].map((q) => {
      const [floor, lag] = [percentile(burst.floor, q), percentile(burst.lag, q)];
      return [`  its event → inspected / patch, p${q}`, ms(floor), ms(lag), times(lag / floor)];
    }),
    [`heap per container (${mem.containers})`, `${bytes(mem.inspectJson)} inspect JSON`, bytes(mem.heap), times(mem.heap / mem.inspectJson)],
    ['  of which the picture itself', '', bytes(mem.picture), times(mem.picture / mem.inspectJson)],
  ];
  const viewers = [
    ['viewers', 'Engine calls while connecting', 'Engine calls incl. one change', 'HTTP requests', 'Docker events seen'],
    ...r.requests.map((q) => [
      String(q.viewers),
      describeCounts(q.connecting),
      describeCounts(q.change),
      String(q.change.http),
      String(q.engineEvents),
    ]),
  ];
  console.log(`\nPortolan topology benchmark — ${r.date}`);
  console.log(`engine ${r.engine.version} (API ${r.engine.apiVersion}) · node ${process.version}`);
  console.log(
    `${CONTAINERS} bench containers on ${NETWORKS} bench networks · engine holds ${r.engine.containers} containers, ${r.engine.networks} networks`,
  );
  console.log(
    `burst from other clients: ${r.burst.burstEvents} container and network events in ${ms(r.burst.burstMs)} (${((r.burst.burstEvents * 1000) / r.burst.burstMs).toFixed(0)}/s); network creates never shown: ${r.burst.lost} of ${r.burst.event.length}`,
  );
  if (!globalThis.gc) console.log('(no --expose-gc: heap figures include uncollected garbage)');
  console.log(`\n${table(summary)}\n\n${table(viewers)}`);
  const settings = { containers: CONTAINERS, networks: NETWORKS, runs: RUNS, changes: CHANGES, concurrency: CONCURRENCY, gc: Boolean(globalThis.gc) };
  const file = `bench-results/topology-${r.date.replace(/[:.]/g, '-')}.json`;
  await mkdir('bench-results', { recursive: true });
  await writeFile(file, JSON.stringify({ ...r, settings, summary }, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}

// `on`, not `once`: Ctrl-C reaches us both from the terminal and relayed by tsx, and with no listener left the second one would end the process before cleanup.
process.on('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  console.error('\ninterrupted: removing bench containers and networks…');
  void cleanup().finally(() => process.exit(130));
});

try {
  await report(await measure());
} catch (err) {
  // After Ctrl-C, failures are only the cleanup pulling containers from under the measurement.
  if (!interrupted) console.error(err);
  process.exitCode = 1;
} finally {
  console.log('cleaning up…');
  await cleanup();
}
// Lingering keep-alive sockets or socket.io timers must not keep a finished bench alive.
process.exit();
