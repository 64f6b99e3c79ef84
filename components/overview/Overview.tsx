'use client';

import { summarize } from '../../lib/summary';
import { useLiveTopology } from '../live/useLiveTopology';
import { CountCard } from './CountCard';
import { EngineBanner } from './EngineBanner';

/** The first page: engine status and live counts, updated from socket.io without reload. */
export function Overview() {
  const { snapshot, engine, feed, activity } = useLiveTopology();
  const summary = snapshot ? summarize(snapshot.topology) : null;
  const info = snapshot?.topology.engine;
  // Counts of an engine never reached would read as "0 networks": show none until it answers.
  const live = feed === 'live' && engine?.status === 'connected';

  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-6 p-6 sm:p-10">
      <header className="flex items-baseline justify-between gap-4">
        <h1 className="text-3xl font-bold tracking-tight">Portolan</h1>
        {info?.name && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {info.name} · {info.os}/{info.arch} · swarm {info.swarm.state}
          </p>
        )}
      </header>
      <EngineBanner engine={engine} feed={feed} version={info?.version ?? ''} />
      {summary && info?.id && (
        <div
          className={`grid gap-6 sm:grid-cols-2 ${live ? '' : 'opacity-60'}`}
          data-revision={snapshot?.revision}
          title={live ? undefined : 'Last known picture: it updates again once the engine answers.'}
        >
          <CountCard title="Networks by driver" total={summary.networks} parts={summary.networksByDriver} testId="networks" />
          <CountCard title="Containers by state" total={summary.containers} parts={summary.containersByState} testId="containers" />
        </div>
      )}
      {activity.length > 0 && (
        <section aria-label="Activity" className="rounded-xl border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="text-sm font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Activity</h2>
          <ol className="mt-3 space-y-1 text-sm" data-testid="activity">
            {activity.slice(0, 12).map((a) => (
              <li key={a.id}>
                <time className="mr-2 tabular-nums text-slate-500">{a.time.slice(11, 19)}</time>
                {a.text}
              </li>
            ))}
          </ol>
        </section>
      )}
    </main>
  );
}
