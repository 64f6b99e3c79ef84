import type { EngineStatus } from '../../lib/topology';
import type { FeedStatus } from '../live/useLiveTopology';

const LOOK = {
  connected: { dot: 'bg-emerald-500', text: 'Connected', tone: 'border-emerald-200 bg-emerald-50 dark:border-emerald-900 dark:bg-emerald-950' },
  reconnecting: {
    dot: 'bg-amber-500 animate-pulse',
    text: 'Reconnecting',
    tone: 'border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950',
  },
  unreachable: { dot: 'bg-rose-600', text: 'Engine unreachable', tone: 'border-rose-200 bg-rose-50 dark:border-rose-900 dark:bg-rose-950' },
} as const;

/** Always visible: whether the picture on screen is live, and how to fix it when it is not. */
export function EngineBanner({
  engine,
  feed,
  version,
  compact = false,
}: {
  engine: EngineStatus | null;
  feed: FeedStatus;
  version: string;
  compact?: boolean;
}) {
  if (feed !== 'live' || !engine) {
    return (
      <div
        role="status"
        data-testid="engine-status"
        data-status="offline"
        className="rounded-lg border border-slate-300 bg-white px-4 py-3 dark:border-slate-700 dark:bg-slate-900"
      >
        <span className="font-medium">{feed === 'connecting' ? 'Connecting to Portolan…' : 'Portolan server not reachable'}</span>
        {feed === 'offline' && (
          <span className="ml-2 text-slate-600 dark:text-slate-400">The page reconnects by itself once the server is back.</span>
        )}
      </div>
    );
  }
  const look = LOOK[engine.status];
  return (
    <div
      role="status"
      data-testid="engine-status"
      data-status={engine.status}
      title={compact ? engine.endpoint : undefined}
      className={`rounded-lg border shadow-sm ${compact ? 'px-3 py-1.5 text-sm' : 'px-4 py-3'} ${look.tone}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`inline-block size-2.5 rounded-full ${look.dot}`} aria-hidden />
        <span className="font-semibold">{look.text}</span>
        {/* In a header, the endpoint gives way first on narrower screens; hovering still tells it. */}
        <code className={`text-sm text-slate-600 dark:text-slate-400 ${compact ? 'hidden 2xl:inline' : ''}`}>{engine.endpoint}</code>
        {engine.status === 'connected' && version && (
          <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="engine-version">
            Docker Engine {version}
          </span>
        )}
      </div>
      {engine.detail && engine.status !== 'connected' && <p className="mt-1 text-sm">{engine.detail}</p>}
    </div>
  );
}
