'use client';

import type { ReactNode } from 'react';
import { COMPOSE_PROJECT, driverOrder, scopeOrder, type GraphOptions } from '../../lib/graph/elements';
import type { Topology } from '../../lib/topology';

interface ToolbarProps {
  topology: Topology;
  options: GraphOptions;
  onOptions: (options: GraphOptions) => void;
  search: string;
  onSearch: (query: string) => void;
  onSearchSubmit: () => void;
  view: 'graph' | 'list';
  onView: (view: 'graph' | 'list') => void;
  onFit: () => void;
  onRelayout: () => void;
  onExport: () => void;
  onPresent: () => void;
  onTheme: () => void;
  theme: 'light' | 'dark';
}

export const button =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';

export function Toggle({ on, onClick, children, label }: { on: boolean; onClick: () => void; children: ReactNode; label?: string }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      aria-label={label}
      onClick={onClick}
      className={`rounded-full border px-2.5 py-0.5 text-xs font-medium ${
        on
          ? 'border-slate-800 bg-slate-800 text-white dark:border-slate-200 dark:bg-slate-200 dark:text-slate-900'
          : 'border-slate-300 bg-white text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300'
      }`}
    >
      {children}
    </button>
  );
}

function toggled(list: readonly string[] | undefined, value: string): string[] {
  const set = new Set(list ?? []);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return [...set];
}

/** Find, filter and picture controls; hidden in presenter mode. */
export function Toolbar(props: ToolbarProps) {
  const { topology, options, onOptions } = props;
  const drivers = [...new Set(topology.networks.map((n) => n.driver))].sort(driverOrder);
  const scopes = [...new Set(topology.networks.map((n) => n.scope))].sort(scopeOrder);
  const projects = [...new Set(topology.containers.map((c) => c.labels[COMPOSE_PROJECT]).filter((p): p is string => Boolean(p)))].sort();

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="toolbar">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSearchSubmit();
        }}
      >
        <input
          type="search"
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
          placeholder="Find a network or container"
          aria-label="Find by name"
          className="w-64 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
      </form>
      <div className="flex flex-wrap items-center gap-1.5" aria-label="Filter by driver" role="group">
        <span className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">driver</span>
        {drivers.map((d) => (
          <Toggle key={d} on={options.drivers?.includes(d) ?? false} onClick={() => onOptions({ ...options, drivers: toggled(options.drivers, d) })}>
            {d}
          </Toggle>
        ))}
      </div>
      {scopes.length > 1 && (
        <div className="flex items-center gap-1.5" aria-label="Filter by scope" role="group">
          <span className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">scope</span>
          {scopes.map((s) => (
            <Toggle key={s} on={options.scopes?.includes(s) ?? false} onClick={() => onOptions({ ...options, scopes: toggled(options.scopes, s) })}>
              {s}
            </Toggle>
          ))}
        </div>
      )}
      {projects.length > 0 && (
        <label className="flex items-center gap-1.5 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          compose
          <select
            value={options.projects?.[0] ?? ''}
            onChange={(e) => onOptions({ ...options, projects: e.target.value ? [e.target.value] : [] })}
            className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-sm normal-case text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
          >
            <option value="">all projects</option>
            {projects.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      )}
      <div className="flex items-center gap-1.5" role="group" aria-label="Show">
        <Toggle on={options.showStopped} onClick={() => onOptions({ ...options, showStopped: !options.showStopped })}>
          stopped containers
        </Toggle>
        <Toggle on={options.showPredefined} onClick={() => onOptions({ ...options, showPredefined: !options.showPredefined })}>
          predefined networks
        </Toggle>
        <Toggle
          on={options.collapsed}
          onClick={() => onOptions({ ...options, collapsed: !options.collapsed })}
          label="Collapse containers into counts"
        >
          collapse
        </Toggle>
      </div>
      <div className="ml-auto flex items-center gap-1.5">
        {props.view === 'graph' && (
          <>
            <button type="button" className={button} onClick={props.onFit}>
              Fit
            </button>
            <button type="button" className={button} onClick={props.onRelayout}>
              Re-layout
            </button>
            <button type="button" className={button} onClick={props.onExport}>
              PNG
            </button>
          </>
        )}
        <button type="button" className={button} onClick={() => props.onView(props.view === 'graph' ? 'list' : 'graph')}>
          {props.view === 'graph' ? 'List view' : 'Graph view'}
        </button>
        <button type="button" className={button} onClick={props.onPresent}>
          Present
        </button>
        <button type="button" className={button} onClick={props.onTheme} aria-label={`Switch to ${props.theme === 'dark' ? 'light' : 'dark'} theme`}>
          {props.theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </div>
  );
}
