'use client';

import { COMPOSE_PROJECT, driverOrder, scopeOrder, type GraphOptions } from '../../lib/graph/elements';
import type { Topology } from '../../lib/topology';
import { useActions } from '../actions/ActionsProvider';
import { Button } from '../ui/Button';
import { Toggle } from '../ui/Toggle';

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

function toggled(list: readonly string[] | undefined, value: string): string[] {
  const set = new Set(list ?? []);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  return [...set];
}

/** Find, filter and picture controls; hidden in presenter mode. */
export function Toolbar(props: ToolbarProps) {
  const { topology, options, onOptions } = props;
  const { readOnly } = useActions();
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
            <Button onClick={props.onFit}>Fit</Button>
            {!readOnly && (
              <Button onClick={props.onRelayout} title="Lay the map out afresh, for every viewer">
                Re-layout
              </Button>
            )}
            <Button onClick={props.onExport}>PNG</Button>
          </>
        )}
        <Button onClick={() => props.onView(props.view === 'graph' ? 'list' : 'graph')}>{props.view === 'graph' ? 'List view' : 'Graph view'}</Button>
        <Button onClick={props.onPresent}>Present</Button>
        <Button onClick={props.onTheme} aria-label={`Switch to ${props.theme === 'dark' ? 'light' : 'dark'} theme`}>
          {props.theme === 'dark' ? '☀' : '☾'}
        </Button>
      </div>
    </div>
  );
}
