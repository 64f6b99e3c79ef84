'use client';

import type { ImageProgress, TransferKind } from '../../lib/imageProgress';
import { ActionErrorBox, CommandPreview } from './Dialog';

const mb = (bytes: number) => (bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

/**
 * A pull or push as it goes: a progress bar fed by image:progress, the
 * Engine's last words, Cancel while it runs, the docker line, and the
 * Engine's words if it failed.
 */
export function TransferProgress({
  kind,
  image,
  command,
  progress,
  onCancel,
  cancelling = false,
}: {
  kind: TransferKind;
  image: string;
  command: string;
  progress: ImageProgress | undefined;
  onCancel: () => void;
  cancelling?: boolean;
}) {
  const done = progress?.done === true;
  const outcome = !done ? 'running' : progress.error ? 'failed' : progress.cancelled ? 'cancelled' : 'done';
  const percent = progress?.percent;
  const verb = kind === 'pull' ? 'Pulling' : 'Pushing';
  const heading = {
    running: `${verb} ${image}`,
    done: `${kind === 'pull' ? 'Pulled' : 'Pushed'} ${image}`,
    failed: `The ${kind} of ${image} failed`,
    cancelled: `The ${kind} of ${image} was cancelled`,
  }[outcome];
  const bar = {
    running: 'bg-sky-500 dark:bg-sky-400',
    done: 'bg-emerald-500 dark:bg-emerald-400',
    failed: 'bg-red-500',
    cancelled: 'bg-slate-400',
  }[outcome];
  return (
    <div data-testid="transfer" data-kind={kind} data-image={image} data-outcome={outcome} className="space-y-2">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="min-w-0 truncate font-medium" title={image}>
          {heading}
        </span>
        {outcome === 'running' && (
          <button
            type="button"
            onClick={onCancel}
            disabled={cancelling}
            className="shrink-0 rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
        )}
      </div>
      <div
        role="progressbar"
        aria-label={`${verb} ${image}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent === undefined ? progress?.status || 'starting' : `${percent}%`}
        className="h-2.5 overflow-hidden rounded-sm bg-slate-100 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded-sm transition-[width] ${bar} ${percent === undefined && outcome === 'running' ? 'w-1/4 animate-pulse' : ''}`}
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p className="flex flex-wrap gap-x-2 text-xs text-slate-500 dark:text-slate-400" data-testid="transfer-status">
        <span className="font-mono">{progress?.status ?? 'asking the Engine…'}</span>
        {progress && progress.layers.total > 0 && (
          <span>
            · {progress.layers.done}/{progress.layers.total} layers
          </span>
        )}
        {progress?.total !== undefined && progress.total >= 1e3 && (
          <span>
            · {mb(progress.current ?? 0)} of {mb(progress.total)}
          </span>
        )}
        {percent !== undefined && <span className="tabular-nums">· {percent}%</span>}
      </p>
      <CommandPreview command={command} testId="transfer-command" />
      {progress?.error && <ActionErrorBox error={progress.error} />}
    </div>
  );
}
