'use client';

import { createContext, useContext, type ReactNode } from 'react';

/** Compact: the inspect panel's narrow tables; otherwise the list view's full-width ones. */
const Compact = createContext(false);

/** A table of objects with a column header row; its cells (Td) take their padding from it. */
export function Table({
  testId,
  head,
  caption,
  count,
  compact = false,
  children,
}: {
  testId: string;
  head: string[];
  caption?: string;
  /** How many rows, for tests that wait for a number. */
  count?: number;
  compact?: boolean;
  children: ReactNode;
}) {
  const table = (
    <table data-testid={testId} data-count={count} className={compact ? 'w-full text-left text-xs' : 'w-full border-collapse text-left'}>
      {caption && (
        <caption className="mb-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{caption}</caption>
      )}
      <thead
        className={
          compact
            ? 'text-slate-500 dark:text-slate-400'
            : 'border-b border-slate-200 text-xs text-slate-500 dark:border-slate-700 dark:text-slate-400'
        }
      >
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className={compact ? 'px-1 pb-1 font-medium' : 'px-2 py-1.5 font-medium'}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        <Compact.Provider value={compact}>{children}</Compact.Provider>
      </tbody>
    </table>
  );
  return compact ? <div className="-mx-1 overflow-x-auto">{table}</div> : table;
}

export function Td({ mono = false, children }: { mono?: boolean; children: ReactNode }) {
  const compact = useContext(Compact);
  const padding = compact ? 'px-1 py-1.5 align-top' : 'px-2 py-1.5';
  const font = mono ? (compact ? 'break-all font-mono' : 'break-all font-mono text-[0.8125rem]') : '';
  return <td className={`${padding} ${font}`}>{children}</td>;
}
