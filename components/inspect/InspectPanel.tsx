'use client';

import type { ContainerAudit } from '../../lib/audit';
import { ContainerActions, NetworkActions, ServiceActions } from '../actions/SelectionActions';
import { containerNodeId, networkNodeId } from '../../lib/graph/ids';
import type { Service, Topology } from '../../lib/topology';
import { ContainerDetails } from './ContainerDetails';
import { NetworkDetails } from './NetworkDetails';
import { ServiceDetails } from './ServiceDetails';
import { SwarmNodeDetails } from './SwarmNodeDetails';
import { TaskDetails } from './TaskDetails';

export interface InspectPanelProps {
  topology: Topology;
  /** The engine's audit, pushed by the server with each revision that changes it. */
  audit?: readonly ContainerAudit[] | null;
  /** A graph id: `net:<networkId>`, `ctr:<containerId>`, or the swarm's `node:`, `svc:`, `task:` (a swarm port opens its service). */
  selected: string;
  onSelect: (graphId: string | null) => void;
  readOnly?: boolean;
}

/** Everything the picture knows about one network or container, with words for learners. */
export function InspectPanel({ topology, audit = null, selected, onSelect, readOnly = false }: InspectPanelProps) {
  // A collapsed network's published ports (`ports:<networkId>`) are read in that network's panel.
  const networkRef = selected.startsWith('ports:') ? networkNodeId(selected.slice('ports:'.length)) : selected;
  const network = networkRef.startsWith('net:') ? topology.networks.find((n) => networkNodeId(n.id) === networkRef) : undefined;
  const container = selected.startsWith('ctr:') ? topology.containers.find((c) => containerNodeId(c.id) === selected) : undefined;
  const [prefix = '', ref = ''] = selected.split(/:(.*)/s);
  const node = prefix === 'node' ? topology.nodes.find((n) => n.id === ref) : undefined;
  const service = prefix === 'svc' ? topology.services.find((s) => s.id === ref) : publisherOf(topology.services, prefix, ref);
  const task = prefix === 'task' ? topology.tasks.find((t) => t.id === ref) : undefined;
  const kind = network ? 'network' : container ? 'container' : node ? 'swarm node' : service ? 'service' : task ? 'task' : 'missing';
  const taskService = task && topology.services.find((s) => s.id === task.serviceId);
  const name =
    network?.name ??
    container?.name ??
    node?.hostname ??
    service?.name ??
    (task && (taskService ? `${taskService.name}${task.slot !== undefined ? `.${task.slot}` : ''}` : task.id.slice(0, 12)));

  return (
    <aside
      aria-label={name ? `Details of ${kind} ${name}` : 'Details'}
      data-testid="inspect-panel"
      data-selected={selected}
      data-kind={kind.replace(' ', '-')}
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
        {service && <ServiceActions service={service} />}
        {network && (
          <NetworkDetails
            key={network.id}
            network={network}
            networks={topology.networks}
            containers={topology.containers}
            topology={topology}
            onSelect={onSelect}
          />
        )}
        {container && <ContainerDetails container={container} topology={topology} audit={audit} onSelect={onSelect} />}
        {node && <SwarmNodeDetails node={node} topology={topology} onSelect={onSelect} />}
        {service && <ServiceDetails service={service} topology={topology} onSelect={onSelect} />}
        {task && <TaskDetails task={task} topology={topology} onSelect={onSelect} />}
        {kind === 'missing' && (
          <p data-testid="inspect-missing" className="text-slate-600 dark:text-slate-300">
            Not in the picture any more: it was removed, or the selection is not a network, a container, or a part of the swarm.
          </p>
        )}
      </div>
    </aside>
  );
}

/**
 * The service behind a swarm port: `mesh:<nodeId>:<port>/<protocol>` (ingress mode, on every node) or
 * `nodeport:<nodeId>:<port>/<protocol>` (host mode, on the node running its task).
 */
function publisherOf(services: readonly Service[], prefix: string, ref: string): Service | undefined {
  const mode = prefix === 'mesh' ? 'ingress' : prefix === 'nodeport' ? 'host' : null;
  const port = /:(\d+)\/(\w+)$/.exec(ref);
  if (!mode || !port) return undefined;
  return services.find((s) => s.ports.some((p) => p.publishMode === mode && p.publishedPort === Number(port[1]) && p.protocol === port[2]));
}
