import { summarize } from '../../lib/summary';
import type { Topology } from '../../lib/topology';

const CHIP = 'rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800';

/** Live counts: networks by driver, containers by state, and on a swarm manager its nodes, services and tasks. */
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
      {s.swarm && (
        <div className="flex items-baseline gap-1.5" data-testid="swarm-summary">
          <dt className="order-2 text-slate-500 dark:text-slate-400">swarm nodes</dt>
          <dd className="order-1 text-lg font-bold tabular-nums" data-testid="nodes-total">
            {s.swarm.nodes}
          </dd>
          {s.swarm.nodesByState.map(([state, n]) => (
            <dd
              key={state}
              data-testid={`nodes-${state}`}
              data-count={n}
              className={`order-3 ${state === 'ready' ? CHIP : 'rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900 dark:bg-red-950 dark:text-red-100'}`}
            >
              {state} {n}
            </dd>
          ))}
          <dd className={`order-3 ${CHIP}`} data-testid="services-total" data-count={s.swarm.services}>
            services {s.swarm.services}
          </dd>
          <dd className={`order-3 ${CHIP}`} data-testid="tasks-running" data-count={s.swarm.tasksRunning} data-of={s.swarm.tasks}>
            tasks {s.swarm.tasksRunning}/{s.swarm.tasks} running
          </dd>
        </div>
      )}
    </dl>
  );
}
