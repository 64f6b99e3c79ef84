'use client';

import type { ReactNode } from 'react';
import { Button } from '../ui/Button';
import { Toggle } from '../ui/Toggle';
import { cisId, SEVERITIES, type AuditFilter } from './auditView';

/** Narrow the lens: by severity, by rule, by container name. */
export function AuditFilters({
  filter,
  onFilter,
  rules,
  onExpandAll,
  onCollapseAll,
  theme,
  onTheme,
}: {
  filter: AuditFilter;
  onFilter: (filter: AuditFilter) => void;
  rules: string[];
  onExpandAll: () => void;
  onCollapseAll: () => void;
  theme: 'light' | 'dark';
  onTheme: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="audit-filters">
      <input
        type="search"
        value={filter.query}
        onChange={(e) => onFilter({ ...filter, query: e.target.value })}
        placeholder="Find a container"
        aria-label="Find a container by name"
        className="w-64 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <Group label="severity">
        {SEVERITIES.map((s) => (
          <Toggle
            key={s}
            on={filter.severities.includes(s)}
            onClick={() =>
              onFilter({
                ...filter,
                severities: filter.severities.includes(s) ? filter.severities.filter((x) => x !== s) : [...filter.severities, s],
              })
            }
          >
            {s}
          </Toggle>
        ))}
      </Group>
      <label className="flex items-center gap-1.5 text-xs tracking-wide text-slate-500 dark:text-slate-400 uppercase">
        rule
        <select
          value={filter.rule}
          onChange={(e) => onFilter({ ...filter, rule: e.target.value })}
          aria-label="Rule"
          className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-sm text-slate-800 normal-case dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
        >
          <option value="">all rules</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {cisId(r) ? `CIS ${r}` : r}
            </option>
          ))}
        </select>
      </label>
      <Toggle on={filter.onlyWithFindings} onClick={() => onFilter({ ...filter, onlyWithFindings: !filter.onlyWithFindings })}>
        only with findings
      </Toggle>
      <div className="ml-auto flex items-center gap-1.5">
        <Button onClick={onExpandAll}>Expand all</Button>
        <Button onClick={onCollapseAll}>Collapse all</Button>
        <Button onClick={onTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀' : '☾'}
        </Button>
      </div>
    </div>
  );
}

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-center gap-1.5" role="group" aria-label={`Filter by ${label}`}>
      <span className="text-xs tracking-wide text-slate-500 dark:text-slate-400 uppercase">{label}</span>
      {children}
    </div>
  );
}
