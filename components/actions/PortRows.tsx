'use client';

import { useId } from 'react';
import type { PortBindingInput } from '../../lib/schemas';
import { isExposed, isLoopbackBinding, type PortBinding } from '../../lib/topology';
import { controlClass, FieldError } from './fields';

// The published-port editor that Run and Map ports share: one row per
// `--publish`, loopback unless the user opens it to every interface on purpose.

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
type Protocol = (typeof PROTOCOLS)[number];

export interface PortRow {
  key: number;
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: Protocol;
}

export const blankRow = (key: number): PortRow => ({ key, hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' });

const isBlank = (r: PortRow) => r.hostPort.trim() === '' && r.containerPort.trim() === '';

/** Docker lists one `-p 8080:80` twice, on 0.0.0.0 and on ::; a person set it once. */
export function distinctBindings(ports: readonly PortBinding[]): PortBinding[] {
  const sameV4 = (p: PortBinding) =>
    ports.some((q) => q.hostIp === '0.0.0.0' && q.hostPort === p.hostPort && q.containerPort === p.containerPort && q.protocol === p.protocol);
  return ports.filter((p) => !(p.hostIp === '::' && sameV4(p))).map((p) => (p.hostIp === '' ? { ...p, hostIp: '0.0.0.0' } : p));
}

export function rowsFrom(ports: readonly PortBinding[]): PortRow[] {
  return distinctBindings(ports).map((p, key) => ({
    key,
    hostIp: p.hostIp,
    hostPort: String(p.hostPort),
    containerPort: String(p.containerPort),
    protocol: (PROTOCOLS as readonly string[]).includes(p.protocol) ? (p.protocol as Protocol) : 'tcp',
  }));
}

export interface RowErrors {
  hostPort?: string;
  containerPort?: string;
}

function portNumber(text: string): number | string {
  const value = text.trim();
  if (value === '') return 'needed';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) return 'a port from 1 to 65535';
  return Number(value);
}

/** The bindings the rows describe (blank rows left out), and what is wrong with each row, by row key. */
export function bindingsOf(rows: readonly PortRow[]): { bindings: PortBindingInput[]; errors: ReadonlyMap<number, RowErrors> } {
  const bindings: PortBindingInput[] = [];
  const errors = new Map<number, RowErrors>();
  const seen = new Set<string>();
  for (const row of rows) {
    if (isBlank(row)) continue;
    const hostPort = portNumber(row.hostPort);
    const containerPort = portNumber(row.containerPort);
    const rowErrors: RowErrors = {};
    if (typeof hostPort === 'string') rowErrors.hostPort = `Host port: ${hostPort}`;
    else if (seen.has(`${hostPort}/${row.protocol}`)) rowErrors.hostPort = `${hostPort}/${row.protocol} is in another row already`;
    if (typeof containerPort === 'string') rowErrors.containerPort = `Container port: ${containerPort}`;
    if (rowErrors.hostPort || rowErrors.containerPort) errors.set(row.key, rowErrors);
    else if (typeof hostPort === 'number' && typeof containerPort === 'number') {
      seen.add(`${hostPort}/${row.protocol}`);
      bindings.push({ hostIp: row.hostIp || '0.0.0.0', hostPort, containerPort, protocol: row.protocol });
    }
  }
  return { bindings, errors };
}

/** Another container holding a host port; the Engine refuses a second binding there. */
export interface TakenPort {
  name: string;
  hostPort: number;
  protocol: string;
}

export function takenPorts(containers: readonly { id: string; name: string; ports: PortBinding[] }[], except?: string): TakenPort[] {
  return containers.filter((c) => c.id !== except).flatMap((c) => c.ports.map((p) => ({ name: c.name, hostPort: p.hostPort, protocol: p.protocol })));
}

export function PortRows({
  rows,
  onChange,
  errors,
  taken,
}: {
  rows: PortRow[];
  onChange: (rows: PortRow[]) => void;
  errors: ReadonlyMap<number, RowErrors>;
  taken: readonly TakenPort[];
}) {
  const id = useId();
  const update = (key: number, change: Partial<PortRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const add = () => onChange([...rows, blankRow(Math.max(-1, ...rows.map((r) => r.key)) + 1)]);

  return (
    <div className="space-y-2" data-testid="port-rows" data-count={rows.length}>
      {rows.map((row, i) => {
        const exposed = isExposed(row);
        const rowErrors = errors.get(row.key);
        const holder = taken.find((t) => String(t.hostPort) === row.hostPort.trim() && t.protocol === row.protocol);
        const rid = `${id}-${row.key}`;
        return (
          <div
            key={row.key}
            data-testid="port-row"
            data-exposed={exposed}
            className={`rounded-md border px-3 py-2 ${
              exposed ? 'border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950/40' : 'border-slate-200 dark:border-slate-800'
            }`}
          >
            <div className="grid grid-cols-[1fr_1fr_5.5rem_auto] items-end gap-2">
              <div>
                <label htmlFor={`${rid}-host`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
                  Host port
                </label>
                <input
                  id={`${rid}-host`}
                  type="text"
                  inputMode="numeric"
                  value={row.hostPort}
                  placeholder="8080"
                  onChange={(e) => update(row.key, { hostPort: e.target.value })}
                  aria-invalid={rowErrors?.hostPort ? true : undefined}
                  className={`${controlClass} font-mono`}
                />
              </div>
              <div>
                <label htmlFor={`${rid}-ctr`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
                  Container port
                </label>
                <input
                  id={`${rid}-ctr`}
                  type="text"
                  inputMode="numeric"
                  value={row.containerPort}
                  placeholder="80"
                  onChange={(e) => update(row.key, { containerPort: e.target.value })}
                  aria-invalid={rowErrors?.containerPort ? true : undefined}
                  className={`${controlClass} font-mono`}
                />
              </div>
              <div>
                <label htmlFor={`${rid}-proto`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300">
                  Protocol
                </label>
                <select
                  id={`${rid}-proto`}
                  value={row.protocol}
                  onChange={(e) => update(row.key, { protocol: e.target.value as Protocol })}
                  className={controlClass}
                >
                  {PROTOCOLS.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                aria-label={`Remove row ${i + 1}`}
                className="mb-0.5 rounded px-2 py-1.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-amber-500 dark:hover:bg-slate-800 dark:hover:text-slate-200"
              >
                ✕
              </button>
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="flex items-center gap-2">
                <input
                  id={`${rid}-all`}
                  type="checkbox"
                  checked={exposed}
                  onChange={(e) => update(row.key, { hostIp: e.target.checked ? '0.0.0.0' : '127.0.0.1' })}
                  className="size-4 accent-red-600"
                />
                <label htmlFor={`${rid}-all`} className="text-xs font-medium text-slate-700 dark:text-slate-200">
                  All interfaces
                </label>
              </span>
              {exposed ? (
                <span data-testid="exposed-warning" className="text-xs font-semibold text-red-700 dark:text-red-400">
                  exposed — reachable from other machines
                </span>
              ) : (
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {isLoopbackBinding(row) ? `${row.hostIp} only: reachable from this machine alone` : `bound to ${row.hostIp} only`}
                </span>
              )}
            </div>
            {rowErrors?.hostPort && <FieldError>{rowErrors.hostPort}</FieldError>}
            {rowErrors?.containerPort && <FieldError>{rowErrors.containerPort}</FieldError>}
            {holder && !rowErrors?.hostPort && (
              <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
                {holder.name} publishes {holder.hostPort}/{holder.protocol} already: the Engine will refuse a second binding there.
              </p>
            )}
          </div>
        );
      })}
      <button
        type="button"
        onClick={add}
        className="rounded-md border border-dashed border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-600 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        Add port
      </button>
    </div>
  );
}
