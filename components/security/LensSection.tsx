import type { ReactNode } from 'react';

/** A titled card of the security page; on wide screens each scrolls on its own. */
export function LensSection({ title, note, testId, children }: { title: string; note?: ReactNode; testId: string; children: ReactNode }) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="flex min-h-0 flex-col rounded-xl border border-slate-200 bg-white shadow-sm xl:h-full dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 className="font-semibold">{title}</h2>
        {note && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{note}</p>}
      </header>
      <div className="min-h-0 flex-1 xl:overflow-y-auto">{children}</div>
    </section>
  );
}
