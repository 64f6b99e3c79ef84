'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DockerContext, EngineSummary } from '../../lib/topology';
import { useActions } from '../actions/ActionsProvider';
import { api } from '../api/client';
import { Button } from '../ui/Button';

/**
 * The docker CLI's contexts (`docker context ls`) Portolan does not watch yet, offered by name beside the engines:
 * each with its endpoint and description, and "Watch" (POST /api/engines, refused on a read-only screen) to add it
 * until Portolan stops. Read when the page opens, when the list is opened and when the engines change: never polled.
 */
export function DockerContexts({ engines }: { engines: EngineSummary[] }) {
  const { readOnly, perform } = useActions();
  const [contexts, setContexts] = useState<DockerContext[]>([]);
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const names = engines.map((e) => e.name).join(',');

  const read = useCallback(() => {
    api.engines().then(
      (answer) => setContexts(answer.contexts ?? []),
      () => undefined, // the engines' own status says what is wrong; the offer simply stays as it was
    );
  }, []);
  useEffect(read, [read, names]);
  useEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent | MouseEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !panel.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', close);
    window.addEventListener('mousedown', close);
    return () => {
      window.removeEventListener('keydown', close);
      window.removeEventListener('mousedown', close);
    };
  }, [open]);

  const unwatched = contexts.filter((c) => !c.watched);
  if (unwatched.length === 0) return null;
  return (
    <div ref={panel} className="relative" data-testid="docker-contexts">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="docker-contexts-list"
        onClick={() => {
          if (!open) read();
          setOpen(!open);
        }}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-0.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        Docker contexts ({unwatched.length})
      </button>
      {open && (
        <section
          id="docker-contexts-list"
          aria-label="Docker contexts not watched"
          className="absolute top-full left-0 z-30 mt-2 w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-3 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="text-base text-slate-700 dark:text-slate-300">
            What <code className="font-mono">docker context ls</code> lists and Portolan does not watch yet. Watching one adds its map until Portolan
            restarts; to keep it, name it in <code className="font-mono">PORTOLAN_ENGINES</code>.
          </p>
          <ul className="mt-2 divide-y divide-slate-200 dark:divide-slate-700">
            {unwatched.map((c) => (
              <li key={c.name} data-context={c.name} className="flex items-start gap-3 py-2">
                <div className="min-w-0 flex-1">
                  <p className="text-lg font-semibold">{c.name}</p>
                  <p className="font-mono text-base break-all text-slate-800 dark:text-slate-200">{c.endpoint}</p>
                  {c.description && <p className="text-base text-slate-700 dark:text-slate-300">{c.description}</p>}
                  <p className="mt-1 font-mono text-sm text-slate-700 dark:text-slate-300" data-testid="context-command">
                    {c.command}
                  </p>
                </div>
                {!readOnly && (
                  <Button
                    variant="primary"
                    onClick={() =>
                      void perform(
                        () => api.watchContext(c.name),
                        `watching the docker context ${c.name}`,
                        `could not watch the docker context ${c.name}`,
                      ).then((done) => {
                        if (done) setOpen(false);
                        read();
                      })
                    }
                    aria-label={`Watch ${c.name}`}
                    className="text-sm"
                  >
                    Watch
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
