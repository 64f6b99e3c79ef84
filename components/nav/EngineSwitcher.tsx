'use client';

import type { EngineSummary } from '../../lib/topology';
import { ALL_ENGINES_QUERY, showsAllEngines } from '../live/engineParam';

const DOT: Record<EngineSummary['status'], string> = {
  connected: 'bg-emerald-500',
  reconnecting: 'bg-amber-500',
  unreachable: 'bg-red-500',
};

/**
 * The engines Portolan watches, when there are several: each with its status in words (not colour alone), the
 * one shown marked current. Choosing one opens its map; one that is down never hides the others. "All engines" opens
 * the map of every engine at once, each a group with its status.
 */
export function EngineSwitcher({ engines }: { engines: EngineSummary[] }) {
  if (engines.length < 2) return null;
  const all = showsAllEngines();
  const shown = all ? null : (new URLSearchParams(window.location.search).get('engine') ?? engines[0]!.name);
  const look = (current: boolean) =>
    `flex items-center gap-1.5 rounded-md px-2.5 py-0.5 font-medium focus-visible:outline-2 focus-visible:outline-amber-500 ${
      current
        ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-slate-50'
        : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
    }`;
  return (
    <nav aria-label="Engines" data-testid="engines" className="flex items-center gap-1 rounded-lg bg-slate-100 p-0.5 text-sm dark:bg-slate-800/80">
      {engines.map((e, i) => {
        const current = e.name === shown;
        const href = `${window.location.pathname}${i === 0 ? '' : `?engine=${encodeURIComponent(e.name)}`}`;
        return (
          <a
            key={e.name}
            href={href}
            aria-current={current ? 'page' : undefined}
            data-engine={e.name}
            data-status={e.status}
            title={[`${e.name}: ${e.endpoint}`, e.version && `Docker ${e.version}`, e.detail].filter(Boolean).join('\n')}
            className={look(current)}
          >
            <span aria-hidden="true" className={`h-2 w-2 rounded-full ${DOT[e.status]}`} />
            {e.name}
            {e.status !== 'connected' && <span className="text-xs font-normal">({e.status})</span>}
          </a>
        );
      })}
      <a
        href={`${window.location.pathname}?${ALL_ENGINES_QUERY}`}
        aria-current={all ? 'page' : undefined}
        data-engine-all=""
        title="Every engine on one map, each a group with its status"
        className={look(all)}
      >
        All engines
      </a>
    </nav>
  );
}
