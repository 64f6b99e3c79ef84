/**
 * The cost of one patch on a generated picture, in Node: the server following it with the shared arrangement, and
 * the page turning it into element changes and places. Server and page keep their own copies of the picture, as
 * they do over the socket. Touches no Docker object; results are figures, never pass/fail.
 * Run: npm run bench:patch   (BENCH_SIZES=1000,3000, BENCH_RUNS=20, BENCH_SEED=42)
 */
import { diffElements } from '../../lib/graph/diff';
import { toElements, type GraphElements } from '../../lib/graph/elements';
import { positionsOf } from '../../lib/graph/layout';
import { applyOps } from '../../lib/patch';
import type { Container, PatchOp, Topology } from '../../lib/topology';
import { SharedLayout } from '../../server/topology/sharedLayout';
import { Generator, syntheticTopology } from './synthetic';
import { intEnv, median, ms, range, table } from './util';

const SIZES = (process.env.BENCH_SIZES ?? '1000,3000').split(',').map(Number);
const RUNS = intEnv('BENCH_RUNS', 20);
const SEED = intEnv('BENCH_SEED', 42);
const WARMUP = 10;

type Kind = 'add' | 'change' | 'remove';
const STEPS = ['server follow', 'page toElements', 'page positionsOf', 'page diffElements', 'page total'] as const;

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/** One op of each kind, on a container picked by the generator: the everyday patch of a busy host. */
function opFor(kind: Kind, gen: Generator, topology: Topology, serial: number): PatchOp {
  const pick = topology.containers[gen.int(topology.containers.length)]!;
  if (kind === 'remove') return { op: 'remove', kind: 'container', id: pick.id };
  if (kind === 'change') {
    const running = pick.state !== 'running';
    const value: Container = { ...pick, state: running ? 'running' : 'exited', status: running ? 'Up 1 second' : 'Exited (0) 1 second ago' };
    return { op: 'upsert', kind: 'container', value };
  }
  const bridges = topology.networks.filter((n) => n.driver === 'bridge' && !n.predefined);
  const nets = [bridges[gen.int(bridges.length)]!, ...(gen.chance(0.5) ? [bridges[gen.int(bridges.length)]!] : [])];
  return { op: 'upsert', kind: 'container', value: gen.container(`zz-new-${serial}`, [...new Set(nets)], true, gen.chance(0.2), false) };
}

const rows: string[][] = [];
for (const size of SIZES) {
  const gen = new Generator(SEED);
  let server = syntheticTopology(gen, size);
  let page: Topology = structuredClone(server);
  const shared = new SharedLayout(server);
  shared.follow(server);
  let drawn: GraphElements = toElements(page);
  const samples = new Map<string, number[]>();
  const record = (key: string, value: number) => samples.set(key, [...(samples.get(key) ?? []), value]);
  // Warm up the JIT first, as a running server and page are, then RUNS of each kind.
  for (const [i, kind] of range(WARMUP + RUNS)
    .flatMap((): Kind[] => ['add', 'change', 'remove'])
    .entries()) {
    const op = opFor(kind, gen, server, i);
    server = applyOps(server, [op]);
    const [, follow] = time(() => shared.follow(server));
    page = applyOps(page, [structuredClone(op)]);
    const [next, elements] = time(() => toElements(page));
    const [, positions] = time(() => positionsOf(shared.current(), next));
    const [, diff] = time(() => diffElements(drawn, next));
    drawn = next;
    if (i < WARMUP * 3) continue;
    [follow, elements, positions, diff, elements + positions + diff].forEach((t, s) => record(`${kind}|${STEPS[s]}`, t));
  }
  for (const step of STEPS)
    rows.push([String(size), step, ...(['add', 'change', 'remove'] as const).map((kind) => ms(median(samples.get(`${kind}|${step}`) ?? [])))]);
}
console.log(`One patch, median of ${RUNS} (seed ${SEED})`);
console.log(table([['containers', 'step', 'add', 'change', 'remove'], ...rows]));
