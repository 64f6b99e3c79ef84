import { summarize } from '../../lib/summary';
import type { Topology } from '../../lib/topology';

/** Live counts: networks by driver, containers by state. */
export function Summary({ topology }: { topology: Topology }) {
  const s = summarize(topology);
  return (
    <dl className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
      <div className="flex items-baseline gap-1.5" data-testid="networks">
        <dt className="sr-only">Networks</dt>
        <dd className="text-lg font-bold tabular-nums" data-testid="networks-total">
          {s.networks}
        </dd>
        <span className="text-slate-500">networks</span>
        {s.networksByDriver.map(([driver, n]) => (
          <span key={driver} data-testid={`networks-${driver}`} data-count={n} className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
            {driver} {n}
          </span>
        ))}
      </div>
      <div className="flex items-baseline gap-1.5" data-testid="containers">
        <dt className="sr-only">Containers</dt>
        <dd className="text-lg font-bold tabular-nums" data-testid="containers-total">
          {s.containers}
        </dd>
        <span className="text-slate-500">containers</span>
        {s.containersByState.map(([state, n]) => (
          <span key={state} data-testid={`containers-${state}`} data-count={n} className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
            {state} {n}
          </span>
        ))}
      </div>
    </dl>
  );
}
