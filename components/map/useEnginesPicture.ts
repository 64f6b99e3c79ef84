'use client';

import { useMemo } from 'react';
import { withExpanded } from '../../lib/graph/arrangement';
import { toElements, type GraphElements, type GraphOptions } from '../../lib/graph/elements';
import { mergeEngines, type EnginePart } from '../../lib/graph/engines';
import { positionsOf, type Placed } from '../../lib/graph/layout';
import type { EngineStatus, EngineSummary, TopologySnapshot } from '../../lib/topology';
import type { PlacedPicture } from '../graph/GraphCanvas';

interface Built {
  options: GraphOptions;
  picture: { elements: GraphElements; positions: Map<string, Placed> } | null;
  shape: string;
}

/**
 * The map of every engine: each engine's picture built and placed as on its own map (its shared arrangement), again
 * only when that engine's snapshot or the options changed, then merged into groups (lib/graph/engines.ts). An engine
 * that is not connected is its group and its status alone.
 */
export function useEnginesPicture(
  engines: readonly EngineSummary[],
  pictures: Readonly<Record<string, TopologySnapshot>>,
  statuses: Readonly<Record<string, EngineStatus>>,
  options: GraphOptions,
): PlacedPicture | undefined {
  return useMemo(() => {
    if (engines.length === 0) return undefined;
    const shapes: string[] = [];
    const parts = engines.map((summary): EnginePart => {
      const live = statuses[summary.name];
      const status = live?.status ?? summary.status;
      const detail = status === 'connected' ? undefined : (live?.detail ?? summary.detail);
      const snapshot = pictures[summary.name];
      const version = snapshot?.topology.engine.version || summary.version;
      const part: EnginePart = { name: summary.name, endpoint: summary.endpoint, status, version, ...(detail ? { detail } : {}) };
      if (!snapshot || status !== 'connected') return part;
      let entry = built.get(snapshot);
      if (!entry || entry.options !== options) {
        entry = { options, ...place(snapshot, options) };
        built.set(snapshot, entry);
      }
      shapes.push(`${summary.name}:${entry.shape}`);
      return entry.picture ? { ...part, picture: entry.picture } : part;
    });
    return { ...mergeEngines(parts), generation: shapes.join('|') };
  }, [engines, pictures, statuses, options]);
}

/** Each engine's picture as last built, by the snapshot it was built from: a patch to one engine rebuilds that one alone. */
const built = new WeakMap<TopologySnapshot, Built>();

/** One engine's picture where its own map draws it: the compact arrangement while collapsed, as GraphCanvas does. */
function place(snapshot: TopologySnapshot, options: GraphOptions): Pick<Built, 'picture' | 'shape'> {
  const elements = toElements(snapshot.topology, options);
  const { layout: full, compactLayout: compact } = snapshot;
  const layout = options.collapsed && compact ? (full ? withExpanded(compact, full, options.expanded ?? [], elements) : compact) : full;
  if (!layout) return { picture: null, shape: '' };
  return { picture: { elements, positions: positionsOf(layout, elements) }, shape: `${layout === full ? 'full' : 'compact'}:${layout.generation}` };
}
