'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useUrlParam } from '../ui/useUrlState';

const PAGES = [
  { href: '/', label: 'Map' },
  { href: '/security', label: 'Security' },
] as const;

/** The two lenses on the same engine: where things are, and how safely they run. */
export function PageNav() {
  const path = usePathname();
  // The other lens on the same engine.
  const [engine] = useUrlParam('engine');
  return (
    <nav aria-label="Views" className="flex items-center gap-1 rounded-lg bg-slate-100 p-0.5 text-sm dark:bg-slate-800/80">
      {PAGES.map((p) => {
        const current = path === p.href;
        return (
          <Link
            key={p.href}
            href={engine ? `${p.href}?engine=${encodeURIComponent(engine)}` : p.href}
            aria-current={current ? 'page' : undefined}
            data-testid={`nav-${p.label.toLowerCase()}`}
            className={`rounded-md px-2.5 py-0.5 font-medium focus-visible:outline-2 focus-visible:outline-amber-500 ${
              current
                ? 'bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-slate-50'
                : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
            }`}
          >
            {p.label}
          </Link>
        );
      })}
    </nav>
  );
}
