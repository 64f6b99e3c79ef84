import { summarize } from '../../lib/summary';
import type { Topology } from '../../lib/topology';

const CHIP = 'rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800';

/** Live counts: networks by driver, containers by state. */
export function Summary({ topology }: { topology: Topology }) {
  const s = summarize(topology);
  // A term before its values, as a definition list wants; CSS puts the number first, where the eye expects it.
  return (
    <dl className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
      <div className="flex items-baseline gap-1.5" data-testid="networks">
        <dt className="order-2 text-slate-500 dark:text-slate-400">networks</dt>
        <dd className="order-1 text-lg font-bold tabular-nums" data-testid="networks-total">
          {s.networks}
        </dd>
        {s.networksByDriver.map(([driver, n]) => (
          <dd key={driver} data-testid={`networks-${driver}`} data-count={n} className={`order-3 ${CHIP}`}>
            {driver} {n}
          </dd>
        ))}
      </div>
      <div className="flex items-baseline gap-1.5" data-testid="containers">
        <dt className="order-2 text-slate-500 dark:text-slate-400">containers</dt>
        <dd className="order-1 text-lg font-bold tabular-nums" data-testid="containers-total">
          {s.containers}
        </dd>
        {s.containersByState.map(([state, n]) => (
          <dd key={state} data-testid={`containers-${state}`} data-count={n} className={`order-3 ${CHIP}`}>
            {state} {n}
          </dd>
        ))}
      </div>
    </dl>
  );
}
