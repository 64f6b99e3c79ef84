import type { ReactNode } from 'react';
import type { Explanation } from '../../lib/explain';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

export function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[7.5rem_1fr] gap-x-3 gap-y-1.5">{children}</dl>;
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

export function KeyValues({ title, values }: { title: string; values: Record<string, string> }) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <Section title={title}>
      <table className="w-full table-fixed text-xs">
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" className="w-1/2 break-all py-1 pr-3 text-left align-top font-mono font-normal text-slate-500 dark:text-slate-400">
                {key}
              </th>
              <td className="break-all py-1 align-top font-mono">{value || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

export function Mono({ title, className = '', children }: { title?: string; className?: string; children: ReactNode }) {
  return (
    <span title={title} className={`break-all font-mono text-[0.8125rem] ${className}`}>
      {children}
    </span>
  );
}

export function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">{children}</code>;
}

export function formatTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) || !iso ? '—' : time.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** An explanation's lines, with `backticked` words set as code. */
export function Explained({ explanation, testId }: { explanation: Explanation; testId?: string }) {
  return (
    <div className="mb-3 last:mb-0" data-testid={testId}>
      <p className="font-medium">{explanation.title}</p>
      {explanation.lines.map((line) => (
        <p key={line} className="mt-1 leading-relaxed text-slate-600 dark:text-slate-300">
          {line.split('`').map((part, i) => (i % 2 === 1 ? <Code key={i}>{part}</Code> : part))}
        </p>
      ))}
    </div>
  );
}

/** The `docker` commands that show what the panel shows, one a line, ready to copy. */
export function TerminalCommands({ commands, note }: { commands: string[]; note?: string }) {
  return (
    <Section title="See it in a terminal">
      {note && <p className="mb-2 text-slate-600 dark:text-slate-300">{note}</p>}
      {/* Focusable: a long line scrolls it sideways, and a keyboard must be able to. */}
      <pre
        data-testid="panel-commands"
        tabIndex={0}
        aria-label="docker commands"
        className="overflow-x-auto whitespace-pre rounded-md bg-slate-100 px-3 py-2 font-mono text-xs leading-relaxed text-slate-800 dark:bg-slate-800 dark:text-slate-100"
      >
        {commands.join('\n')}
      </pre>
    </Section>
  );
}

export function Warning({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
  return (
    <div
      role="note"
      data-testid={testId}
      className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <p className="font-semibold">{title}</p>
      {children}
    </div>
  );
}
