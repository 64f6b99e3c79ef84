'use client';

import { ContainerActions, NetworkActions } from '../actions/SelectionActions';
import { containerNodeId, networkNodeId } from '../../lib/graph/ids';
import type { Topology } from '../../lib/topology';
import { ContainerDetails } from './ContainerDetails';
import { NetworkDetails } from './NetworkDetails';

export interface InspectPanelProps {
  topology: Topology;
  /** The picture's revision: panels that ask the server for more (the audit) ask again when it moves. */
  revision?: number;
  /** A graph id: `net:<networkId>` or `ctr:<containerId>`. */
  selected: string;
  onSelect: (graphId: string | null) => void;
  readOnly?: boolean;
}

/** Everything the picture knows about one network or container, with words for learners. */
export function InspectPanel({ topology, revision = 0, selected, onSelect, readOnly = false }: InspectPanelProps) {
  // A collapsed network's published ports (`ports:<networkId>`) are read in that network's panel.
  const networkRef = selected.startsWith('ports:') ? networkNodeId(selected.slice('ports:'.length)) : selected;
  const network = networkRef.startsWith('net:') ? topology.networks.find((n) => networkNodeId(n.id) === networkRef) : undefined;
  const container = selected.startsWith('ctr:') ? topology.containers.find((c) => containerNodeId(c.id) === selected) : undefined;
  const kind = network ? 'network' : container ? 'container' : 'missing';
  const name = network?.name ?? container?.name;

  return (
    <aside
      aria-label={name ? `Details of ${kind} ${name}` : 'Details'}
      data-testid="inspect-panel"
      data-selected={selected}
      data-kind={kind}
      data-read-only={readOnly || undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onSelect(null);
      }}
      className="flex h-full w-[26rem] max-w-full shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="sticky top-0 z-10 flex items-start justify-between gap-3 border-b border-slate-200 bg-white/95 px-5 py-4 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{kind === 'missing' ? 'Selection' : kind}</p>
          <h2 className="truncate text-lg font-semibold" title={name}>
            {name ?? 'Gone'}
          </h2>
        </div>
        <button
          type="button"
          aria-label="Close"
          onClick={() => onSelect(null)}
          className="-mr-1 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        >
          <svg viewBox="0 0 20 20" className="size-4" aria-hidden fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <path d="M5 5l10 10M15 5L5 15" />
          </svg>
        </button>
      </header>
      <div className="flex flex-col gap-6 px-5 py-5">
        {network && <NetworkActions network={network} topology={topology} />}
        {container && <ContainerActions container={container} />}
        {network && (
          <NetworkDetails key={network.id} network={network} networks={topology.networks} containers={topology.containers} onSelect={onSelect} />
        )}
        {container && <ContainerDetails container={container} topology={topology} revision={revision} onSelect={onSelect} />}
        {kind === 'missing' && (
          <p data-testid="inspect-missing" className="text-slate-600 dark:text-slate-300">
            Not in the picture any more: it was removed, or the selection is not a network or a container.
          </p>
        )}
      </div>
    </aside>
  );
}
