import { dequal } from 'dequal/lite';
import { applyArrangementChange } from './graph/layout';
import {
  byName,
  type Container,
  type Network,
  type PatchOp,
  type Service,
  type SwarmNode,
  type Task,
  type Topology,
  type TopologyKind,
  type TopologyPatch,
  type TopologySnapshot,
} from './topology';

export type PatchResult =
  | { applied: true; snapshot: TopologySnapshot }
  /** The patch does not follow this snapshot: ask the server for a fresh one. */
  | { applied: false; reason: 'new-epoch' | 'gap' }
  /** Already contained in this snapshot (a late duplicate): nothing to do. */
  | { applied: false; reason: 'stale' };

/** Applies one patch to a snapshot without mutating it; tells a gap from a stale patch. */
export function applyPatch(snapshot: TopologySnapshot, patch: TopologyPatch): PatchResult {
  if (patch.epoch !== snapshot.epoch) return { applied: false, reason: 'new-epoch' };
  if (patch.to <= snapshot.revision) return { applied: false, reason: 'stale' };
  if (patch.from !== snapshot.revision) return { applied: false, reason: 'gap' };
  const layout = patch.layout && snapshot.layout ? applyArrangementChange(snapshot.layout, patch.layout) : snapshot.layout;
  const compactLayout =
    patch.compactLayout && snapshot.compactLayout ? applyArrangementChange(snapshot.compactLayout, patch.compactLayout) : snapshot.compactLayout;
  return {
    applied: true,
    snapshot: {
      epoch: snapshot.epoch,
      revision: patch.to,
      topology: applyOps(snapshot.topology, patch.ops),
      ...(layout ? { layout } : {}),
      ...(compactLayout ? { compactLayout } : {}),
      ...(snapshot.engine ? { engine: snapshot.engine } : {}),
    },
  };
}

/** Each kind of object in a Topology, keyed by the op's `kind`. */
const KINDS = [
  ['network', 'networks'],
  ['container', 'containers'],
  ['node', 'nodes'],
  ['service', 'services'],
  ['task', 'tasks'],
] as const satisfies readonly (readonly [TopologyKind, keyof Omit<Topology, 'engine'>])[];

type Item = { id: string };

export function applyOps(topology: Topology, ops: readonly PatchOp[]): Topology {
  const maps = new Map<TopologyKind, Map<string, Item>>(KINDS.map(([kind, key]) => [kind, new Map(topology[key].map((o: Item) => [o.id, o]))]));
  for (const op of ops) {
    const items = maps.get(op.kind)!;
    if (op.op === 'remove') items.delete(op.id);
    else items.set(op.value.id, op.value);
  }
  const list = <T>(kind: TopologyKind) => [...maps.get(kind)!.values()] as T[];
  return {
    engine: topology.engine,
    networks: list<Network>('network').sort(byName),
    containers: list<Container>('container').sort(byName),
    nodes: list<SwarmNode>('node').sort((a, b) => compare(a.hostname, b.hostname) || compare(a.id, b.id)),
    services: list<Service>('service').sort(byName),
    tasks: list<Task>('task').sort(
      (a, b) => compare(a.serviceId, b.serviceId) || (a.slot ?? 0) - (b.slot ?? 0) || compare(a.nodeId, b.nodeId) || compare(a.id, b.id),
    ),
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The ops that turn `before` into `after`; objects are compared by value. */
export function diffTopology(before: Topology, after: Topology): PatchOp[] {
  return KINDS.flatMap(([kind, key]) => diffKind(kind, before[key], after[key]));
}

/** The ops that turn one list of a kind into another, compared by value. */
export function diffKind(kind: TopologyKind, before: readonly Item[], after: readonly Item[]): PatchOp[] {
  const old = new Map(before.map((o) => [o.id, o]));
  const ops: PatchOp[] = [];
  for (const value of after) {
    const previous = old.get(value.id);
    old.delete(value.id);
    if (!previous || !dequal(previous, value)) ops.push({ op: 'upsert', kind, value } as PatchOp);
  }
  for (const id of old.keys()) ops.push({ op: 'remove', kind, id });
  return ops;
}
