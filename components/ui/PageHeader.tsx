import type { ReactNode } from 'react';

/**
 * The bar over every page: Portolan's name and the page's navigation (`nav`), what the page sums up
 * (`summary`), the engine's state at the far end (`status`), and the page's own controls below (`children`).
 */
export function PageHeader({ nav, summary, status, children }: { nav: ReactNode; summary?: ReactNode; status?: ReactNode; children?: ReactNode }) {
  return (
    <header className="z-10 flex flex-col gap-2 border-b border-slate-200 bg-white/95 px-4 py-2 dark:border-slate-800 dark:bg-slate-950/95">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
        <div className="flex items-center gap-3">
          <h1 className="text-xl font-bold tracking-tight">Portolan</h1>
          {nav}
        </div>
        {summary}
        {status && <div className="ml-auto">{status}</div>}
      </div>
      {children}
    </header>
  );
}
