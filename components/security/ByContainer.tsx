'use client';

import Link from 'next/link';
import { containerNodeId } from '../../lib/graph/ids';
import { countBySeverity, SEVERITIES, type AuditRow } from './auditView';
import { SEVERITY_DOT, ScoreBadge } from './badges';
import { FindingCard } from './FindingCard';

export const rowId = (name: string) => `audit-row-${name}`;

/** A row per container: its score and findings, opened to read why and how to fix. */
export function ByContainer({
  rows,
  expanded,
  focused,
  onToggle,
}: {
  rows: AuditRow[];
  expanded: ReadonlySet<string>;
  focused: string | null;
  onToggle: (name: string) => void;
}) {
  if (rows.length === 0) return <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">No container matches the filters.</p>;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {rows.map((row) => {
        const open = expanded.has(row.name);
        const counts = countBySeverity(row.findings);
        return (
          <li
            key={row.id}
            id={rowId(row.name)}
            data-testid={`audit-${row.name}`}
            data-score={row.score}
            data-findings={row.findings.length}
            className={`scroll-mt-2 ${focused === row.name ? 'bg-amber-50/70 dark:bg-amber-950/20' : ''}`}
          >
            <button
              type="button"
              aria-expanded={open}
              onClick={() => onToggle(row.name)}
              className="flex w-full items-center gap-3 px-4 py-2.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-amber-500 dark:hover:bg-slate-800/60"
            >
              <ScoreBadge score={row.score} />
              <span className="min-w-0 flex-1 truncate font-medium" title={row.name}>
                {row.name}
              </span>
              <span className="flex items-center gap-2 text-xs text-slate-500 tabular-nums dark:text-slate-400" aria-hidden>
                {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
                  <span key={s} className="inline-flex items-center gap-1" title={`${counts[s]} ${s}`}>
                    <span className={`size-2 rounded-full ${SEVERITY_DOT[s]}`} />
                    {counts[s]}
                  </span>
                ))}
              </span>
              {row.total === 0 ? (
                <span data-testid={`audit-clean-${row.name}`} className="w-28 text-right text-sm font-medium text-emerald-700 dark:text-emerald-400">
                  No findings
                </span>
              ) : (
                <span className="w-28 text-right text-sm text-slate-600 tabular-nums dark:text-slate-300">{findingsCount(row)}</span>
              )}
              <svg viewBox="0 0 20 20" className={`size-4 shrink-0 text-slate-400 transition-transform ${open ? 'rotate-90' : ''}`} aria-hidden>
                <path d="M7 5l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            </button>
            {open && (
              <div className="space-y-2 px-4 pt-1 pb-4">
                {row.total === 0 ? (
                  <p className="text-sm text-slate-600 dark:text-slate-300">Nothing to fix: none of the checks found a problem.</p>
                ) : row.findings.length === 0 ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">No findings match the filters.</p>
                ) : (
                  <ul className="space-y-2">
                    {row.findings.map((f) => (
                      <FindingCard key={f.rule} finding={f} />
                    ))}
                  </ul>
                )}
                <Link
                  href={`/?select=${encodeURIComponent(containerNodeId(row.id))}`}
                  className="inline-block text-sm font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
                >
                  Show on the map →
                </Link>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function findingsCount(row: AuditRow): string {
  const shown = row.findings.length === row.total ? `${row.total}` : `${row.findings.length} of ${row.total}`;
  return `${shown} finding${row.total === 1 ? '' : 's'}`;
}
