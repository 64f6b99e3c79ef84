import { applyArrangementChange } from './graph/layout';
import { byName, type Container, type Network, type PatchOp, type Topology, type TopologyPatch, type TopologySnapshot } from './topology';

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
    },
  };
}

export function applyOps(topology: Topology, ops: readonly PatchOp[]): Topology {
  const networks = new Map(topology.networks.map((n) => [n.id, n]));
  const containers = new Map(topology.containers.map((c) => [c.id, c]));
  for (const op of ops) {
    if (op.op === 'remove') {
      (op.kind === 'network' ? networks : containers).delete(op.id);
    } else if (op.kind === 'network') {
      networks.set(op.value.id, op.value);
    } else {
      containers.set(op.value.id, op.value);
    }
  }
  return {
    engine: topology.engine,
    networks: [...networks.values()].sort(byName),
    containers: [...containers.values()].sort(byName),
  };
}

/** The ops that turn `before` into `after`; objects are compared by value. */
export function diffTopology(before: Topology, after: Topology): PatchOp[] {
  return [...diffKind('network', before.networks, after.networks), ...diffKind('container', before.containers, after.containers)];
}

function diffKind<K extends 'network' | 'container'>(
  kind: K,
  before: readonly (K extends 'network' ? Network : Container)[],
  after: readonly (K extends 'network' ? Network : Container)[],
): PatchOp[] {
  const old = new Map(before.map((o) => [o.id, o]));
  const ops: PatchOp[] = [];
  for (const value of after) {
    const previous = old.get(value.id);
    old.delete(value.id);
    if (!previous || !sameValue(previous, value)) ops.push({ op: 'upsert', kind, value } as PatchOp);
  }
  for (const id of old.keys()) ops.push({ op: 'remove', kind, id });
  return ops;
}

/** Structural equality for the plain JSON values of a Topology. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
