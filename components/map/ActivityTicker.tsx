'use client';

import { useId, useMemo, useState } from 'react';
import { clockOf } from '../../lib/activity';
import type { Activity } from '../../lib/topology';
import { useHydrated } from '../ui/useHydrated';

/** Lines in view before scrolling: a burst of events should not push what just happened out within seconds. */
const VISIBLE_LINES = 8;
/** Lines in view while nothing has happened since the page opened: what came before, without taking the map's room. */
const RESTING_LINES = 1;

/**
 * The Docker events in words, newest first: what a demo audience reads. Each line opens to the Engine's own words.
 * `right`: beside a lesson's stage in presenter mode, which holds the left side. `earlier`: the newest line from before
 * the page opened; until a line comes after it, the ticker rests at one line (the rest one click away), so the map
 * is fitted with its room.
 */
export function ActivityTicker({
  activity,
  earlier = null,
  large,
  right = false,
}: {
  activity: Activity[];
  earlier?: string | null;
  large: boolean;
  right?: boolean;
}) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const hydrated = useHydrated();
  // The viewer's zone, known only in the browser: the server renders no ticker.
  const clock = useMemo(() => (hydrated ? clockOf() : null), [hydrated]);
  if (activity.length === 0 || !clock) return null;
  const lines = activity[0]!.id === earlier ? RESTING_LINES : VISIBLE_LINES;
  // At rest the ticker is one row, its heading beside its newest line: the map keeps all the room it can.
  const resting = lines === RESTING_LINES && !expanded;
  const toggle = activity.length > lines && (
    <button
      type="button"
      aria-expanded={expanded}
      aria-controls={listId}
      onClick={() => setExpanded(!expanded)}
      className="pointer-events-auto shrink-0 rounded px-1.5 text-xs font-medium text-slate-700 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-amber-500 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {expanded ? 'Show fewer' : `Show all ${activity.length}`}
    </button>
  );
  // Clicks pass through to the map except on the lines' words and the button: a node under the ticker stays clickable.
  return (
    <section
      aria-label="Activity"
      data-side={right ? 'right' : 'left'}
      className={`pointer-events-none absolute bottom-4 z-10 flex ${resting ? 'flex-row items-center gap-3 px-4 py-1.5' : 'flex-col'} rounded-xl bg-white/90 shadow-lg ring-1 ring-slate-200 backdrop-blur dark:bg-slate-900/90 dark:ring-slate-700 ${
        // Right of a lesson's stage (at most 45% wide, on the left), so neither covers the other.
        right ? 'right-4 max-w-[50%]' : 'left-4'
      } ${large ? (right ? 'text-xl' : 'max-w-[60%] text-xl') : right ? 'text-sm' : 'max-w-[min(60%,42rem)] text-sm'}`}
    >
      <div className={resting ? 'shrink-0' : 'flex items-center justify-between gap-4 px-4 pt-2'}>
        <h2 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">Activity</h2>
        {!resting && toggle}
      </div>
      {/* 1.5em a line: the height follows the text size, presenter's or not. */}
      <ol
        id={listId}
        data-testid="activity"
        aria-live="polite"
        style={{ maxHeight: expanded ? 'min(60vh, 75em)' : resting ? '1.5em' : `${lines * 1.5 + 0.75}em` }}
        className={`min-w-0 leading-normal ${resting ? 'overflow-hidden' : 'overflow-y-auto px-4 pb-3'}`}
      >
        {activity.map((a, i) => (
          <li key={a.id} className={i === 0 ? 'font-semibold' : 'text-slate-600 dark:text-slate-300'}>
            <ActivityLine activity={a} time={clock(a.time)} />
          </li>
        ))}
      </ol>
      {resting && toggle}
    </section>
  );
}

function ActivityLine({ activity, time }: { activity: Activity; time: string }) {
  const words = (
    <>
      <time dateTime={activity.time} className="mr-2 font-mono font-normal text-slate-500 tabular-nums dark:text-slate-400">
        {time}
      </time>
      {activity.text}
    </>
  );
  // One line per event, so eight events fill eight lines whatever their length; an opened line shows all its words.
  // engine is optional in the Activity contract: without it, the words alone.
  if (!activity.said) return <p className="truncate">{words}</p>;
  return (
    <details className="group">
      <summary
        title="Show what the Engine said"
        className="pointer-events-auto inline-block max-w-full cursor-pointer truncate rounded align-top group-open:whitespace-normal focus-visible:outline-2 focus-visible:outline-amber-500 [&::-webkit-details-marker]:hidden"
      >
        {words}
      </summary>
      <p className="pointer-events-auto mb-1 ml-4 font-mono text-xs font-normal break-all text-slate-600 dark:text-slate-300">{activity.said}</p>
    </details>
  );
}
