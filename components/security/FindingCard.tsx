'use client';

import { useState } from 'react';
import type { Finding } from '../../lib/audit';
import { RuleId, SeverityBadge } from './badges';

/** One finding: how bad, which benchmark rule, why it matters, and the line that fixes it. */
export function FindingCard({ finding: f, testId = 'finding' }: { finding: Finding; testId?: string }) {
  return (
    <li
      data-testid={testId}
      data-rule={f.rule}
      data-severity={f.severity}
      className="space-y-1.5 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <SeverityBadge severity={f.severity} />
        <RuleId rule={f.rule} />
        <span className="font-medium">{f.title}</span>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">{f.why}</p>
      <FixLine fix={f.fix} />
    </li>
  );
}

function FixLine({ fix }: { fix: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-start gap-2">
      <pre
        data-testid="finding-fix"
        aria-label="Fix"
        className="min-w-0 flex-1 rounded-md bg-slate-900 px-2.5 py-1.5 font-mono text-xs break-words whitespace-pre-wrap text-slate-100 dark:bg-black/60"
      >
        {fix}
      </pre>
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(fix).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
        className="shrink-0 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
