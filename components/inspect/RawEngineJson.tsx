'use client';

import { api, errorDetailOf } from '../api/client';
import { useEffect, useRef, useState } from 'react';

type RawState =
  { status: 'idle' | 'loading' } | { status: 'ok'; text: string } | { status: 'error'; message: string; hint?: string; engine?: string };

/** The Engine's own inspect document, fetched only when asked for: most people never open it. */
export function RawEngineJson({ networkId }: { networkId: string }) {
  const [raw, setRaw] = useState<RawState>({ status: 'idle' });
  const pending = useRef<AbortController | null>(null);
  useEffect(() => () => pending.current?.abort(), []);

  const load = async () => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setRaw({ status: 'loading' });
    try {
      const body = await api.networkInspect(networkId, controller.signal);
      setRaw({ status: 'ok', text: JSON.stringify(body, null, 2) });
    } catch (err) {
      if (controller.signal.aborted) return;
      const error = errorDetailOf(err);
      setRaw({
        status: 'error',
        message: error.message,
        hint: error.hint,
        engine: error.engine ? `${error.engine.status} ${error.engine.message}` : undefined,
      });
    }
  };

  return (
    <details
      data-testid="network-raw"
      onToggle={(e) => {
        if (e.currentTarget.open) void load();
      }}
      className="group rounded-md border border-slate-200 dark:border-slate-800"
    >
      <summary className="cursor-pointer select-none px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">
        Show raw Engine JSON
      </summary>
      <div className="border-t border-slate-200 px-3 py-2 dark:border-slate-800" aria-live="polite">
        {raw.status === 'loading' && <p className="text-slate-500 dark:text-slate-400">Asking the Engine…</p>}
        {raw.status === 'error' && (
          <div role="alert" data-testid="network-raw-error" className="space-y-1 text-rose-700 dark:text-rose-300">
            <p className="font-medium">{raw.message}</p>
            {raw.engine && <p className="font-mono text-xs">Engine: {raw.engine}</p>}
            {raw.hint && <p className="text-slate-600 dark:text-slate-300">{raw.hint}</p>}
          </div>
        )}
        {raw.status === 'ok' && (
          <pre
            data-testid="network-raw-json"
            className="max-h-96 overflow-auto whitespace-pre font-mono text-xs leading-relaxed text-slate-800 dark:text-slate-200"
          >
            {raw.text}
          </pre>
        )}
      </div>
    </details>
  );
}
