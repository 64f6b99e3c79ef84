'use client';

import { useActions } from './ActionsProvider';

const primary =
  'rounded-md bg-teal-700 px-3 py-1 text-sm font-semibold text-white shadow-sm hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-amber-500 dark:bg-teal-700 dark:hover:bg-teal-800';
const plain =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';

/** Actions that start from nothing selected: hidden on read-only demo screens. */
export function GlobalActions() {
  const { readOnly, open } = useActions();
  if (readOnly) return null;
  return (
    <div className="flex items-center gap-1.5" data-testid="global-actions">
      <button type="button" className={primary} onClick={() => open({ kind: 'create-network' })}>
        New network
      </button>
      <button type="button" className={primary} onClick={() => open({ kind: 'run-container' })}>
        Run container
      </button>
      <button type="button" className={plain} onClick={() => open({ kind: 'confirm-remove', target: 'prune' })}>
        Prune networks…
      </button>
    </div>
  );
}
