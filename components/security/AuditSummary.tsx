import type { ContainerAudit } from '../../lib/audit';
import { averageScore, countBySeverity, scoreTone, SEVERITIES } from './auditView';
import { SEVERITY_DOT } from './badges';

const SCORE_TEXT = {
  good: 'text-emerald-700 dark:text-emerald-400',
  fair: 'text-amber-700 dark:text-amber-400',
  poor: 'text-rose-700 dark:text-rose-400',
};

/** The whole engine at a glance: how many containers, how safe on average, how many findings of each weight. */
export function AuditSummary({ audits }: { audits: readonly ContainerAudit[] }) {
  const average = averageScore(audits);
  const counts = countBySeverity(audits.flatMap((a) => a.findings));
  return (
    <dl className="flex flex-wrap items-baseline gap-x-5 gap-y-1 text-sm" data-testid="audit-summary">
      <div className="flex items-baseline gap-1.5">
        <dt className="order-2 text-slate-500 dark:text-slate-400">containers audited</dt>
        <dd className="text-lg font-bold tabular-nums" data-testid="summary-audited">
          {audits.length}
        </dd>
      </div>
      <div className="flex items-baseline gap-1.5">
        <dt className="order-2 text-slate-500 dark:text-slate-400">average score</dt>
        <dd className={`text-lg font-bold tabular-nums ${average === null ? '' : SCORE_TEXT[scoreTone(average)]}`} data-testid="summary-average">
          {average ?? '—'}
        </dd>
      </div>
      <div className="flex items-baseline gap-2">
        <dt className="text-slate-500 dark:text-slate-400">findings</dt>
        {SEVERITIES.map((s) => (
          <dd
            key={s}
            data-testid={`summary-${s}`}
            data-count={counts[s]}
            className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800"
          >
            <span className={`size-2 rounded-full ${SEVERITY_DOT[s]}`} aria-hidden />
            {s} <span className="font-semibold tabular-nums">{counts[s]}</span>
          </dd>
        ))}
      </div>
    </dl>
  );
}
