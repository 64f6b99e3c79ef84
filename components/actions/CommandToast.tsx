'use client';

import { useState } from 'react';
import type { ApiErrorBody } from '../../lib/apiError';

/** `summary`: what happened ("web stopped"), or, when refused, what did not ("could not stop web"). */
export type Outcome =
  { ok: true; summary: string; command: string; at: number } | { ok: false; summary: string; error: ApiErrorBody['error']; at: number };

/** After every action: the docker command it equals, ready to copy, or what the Engine said and how to fix it. */
export function CommandToast({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      role={outcome.ok ? 'status' : 'alert'}
      data-testid="action-outcome"
      data-ok={outcome.ok ? 'true' : 'false'}
      className={`fixed right-4 bottom-4 z-40 max-h-[calc(100vh-2rem)] w-[min(40rem,calc(100vw-2rem))] overflow-y-auto rounded-xl border p-4 shadow-xl ${
        outcome.ok
          ? 'border-emerald-300 bg-white dark:border-emerald-800 dark:bg-slate-900'
          : 'border-rose-300 bg-rose-50 dark:border-rose-800 dark:bg-rose-950'
      }`}
    >
      <div className="flex items-start justify-between gap-4">
        <p data-testid="action-summary" className="min-w-0 font-semibold [overflow-wrap:anywhere]">
          {outcome.ok ? `✓ ${outcome.summary}` : `✗ ${outcome.summary}: ${outcome.error.message}`}
        </p>
        <button
          type="button"
          onClick={onClose}
          aria-label="Dismiss"
          className="sticky top-0 shrink-0 text-slate-500 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100"
        >
          ✕
        </button>
      </div>
      {outcome.ok ? (
        <div className="mt-2">
          <p className="text-xs tracking-wide text-slate-500 dark:text-slate-400 uppercase">The same with the docker CLI</p>
          <div className="mt-1 flex items-start gap-2">
            <pre
              data-testid="action-command"
              className="flex-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-sm whitespace-pre-wrap text-slate-100"
            >
              {outcome.command}
            </pre>
            <button
              type="button"
              className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700"
              onClick={() => {
                void navigator.clipboard?.writeText(outcome.command).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-2 space-y-1 text-sm">
          {outcome.error.hint && (
            <p data-testid="action-hint" className="[overflow-wrap:anywhere]">
              {outcome.error.hint}
            </p>
          )}
          {outcome.error.engine && (
            <p className="text-slate-600 dark:text-slate-400">
              Engine said ({outcome.error.engine.status}): <code className="font-mono [overflow-wrap:anywhere]">{outcome.error.engine.message}</code>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
