'use client';

import type { RuleGroup } from './auditView';
import { RuleId, SeverityBadge } from './badges';

/** The findings turned around: each rule and the containers that break it. */
export function ByRule({ groups, onShow }: { groups: RuleGroup[]; onShow: (name: string) => void }) {
  if (groups.length === 0) return <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">No rule is broken by the containers shown.</p>;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {groups.map((g) => (
        <li key={g.rule} data-testid={`rule-${g.rule}`} data-rule={g.rule} data-count={g.containers.length} className="space-y-1.5 px-4 py-3">
          <div className="flex items-center gap-2">
            <SeverityBadge severity={g.severity} />
            <RuleId rule={g.rule} />
            <span className="ml-auto text-xs text-slate-500 tabular-nums dark:text-slate-400">
              {g.containers.length} container{g.containers.length === 1 ? '' : 's'}
            </span>
          </div>
          <p className="font-medium">{g.title}</p>
          <div className="flex flex-wrap gap-1">
            {g.containers.map((name) => (
              <button
                key={name}
                type="button"
                onClick={() => onShow(name)}
                className="rounded-full border border-slate-200 bg-slate-50 px-2 py-0.5 font-mono text-xs text-slate-700 hover:border-blue-300 hover:bg-blue-50 hover:text-blue-800 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 dark:hover:border-blue-700 dark:hover:bg-blue-950 dark:hover:text-blue-200"
              >
                {name}
              </button>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
