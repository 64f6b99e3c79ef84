import type { Severity } from '../../lib/audit';
import { cisId, scoreTone, type ScoreTone } from './auditView';

const SEVERITY_LOOK: Record<Severity, string> = {
  high: 'bg-rose-100 text-rose-800 ring-rose-300 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-800',
  medium: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  low: 'bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800',
};

export const SEVERITY_DOT: Record<Severity, string> = { high: 'bg-rose-500', medium: 'bg-amber-500', low: 'bg-sky-400' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      data-severity={severity}
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-[0.6875rem] font-semibold tracking-wide uppercase ring-1 ring-inset ${SEVERITY_LOOK[severity]}`}
    >
      {severity}
    </span>
  );
}

/** "CIS 5.14", or the check's own name where the benchmark has none. */
export function RuleId({ rule }: { rule: string }) {
  const cis = cisId(rule);
  return (
    <span
      className="font-mono text-xs whitespace-nowrap text-slate-500 dark:text-slate-400"
      title={cis ? `CIS Docker Benchmark ${cis}` : 'not in the CIS benchmark'}
    >
      {cis ? `CIS ${cis}` : rule}
    </span>
  );
}

export const SCORE_LOOK: Record<ScoreTone, string> = {
  good: 'bg-emerald-100 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-800',
  fair: 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  poor: 'bg-rose-100 text-rose-800 ring-rose-300 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-800',
};

/** 0–100, green from 90, amber from 70, red below. */
export function ScoreBadge({ score, large = false }: { score: number; large?: boolean }) {
  const tone = scoreTone(score);
  return (
    <span
      data-tone={tone}
      title={`Security score ${score} of 100`}
      className={`inline-flex shrink-0 items-center justify-center rounded-md font-bold tabular-nums ring-1 ring-inset ${SCORE_LOOK[tone]} ${
        large ? 'min-w-12 px-2 py-1 text-lg' : 'min-w-9 px-1.5 py-0.5 text-sm'
      }`}
    >
      {score}
    </span>
  );
}
