import type { Activity } from '../../lib/topology';

/** The last few Docker events, in words, newest first: what a demo audience reads. */
export function ActivityTicker({ activity, large }: { activity: Activity[]; large: boolean }) {
  if (activity.length === 0) return null;
  return (
    <section
      aria-label="Activity"
      aria-live="polite"
      className={`pointer-events-none absolute bottom-4 left-4 max-w-[60%] rounded-xl bg-white/90 px-4 py-3 shadow-lg ring-1 ring-slate-200 backdrop-blur dark:bg-slate-900/90 dark:ring-slate-700 ${
        large ? 'text-xl' : 'text-sm'
      }`}
    >
      <ol data-testid="activity" className="space-y-1">
        {activity.slice(0, large ? 4 : 5).map((a, i) => (
          <li key={a.id} className={i === 0 ? 'font-semibold' : 'text-slate-600 dark:text-slate-400'}>
            <time className="mr-2 font-mono tabular-nums text-slate-500">{a.time.slice(11, 19)}</time>
            {a.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
