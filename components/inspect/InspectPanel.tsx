'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiErrorBody } from '../../lib/apiError';
import { explainDriver, explainScope, type Explanation } from '../../lib/explain';
import { driverColor } from '../../lib/graph/colors';
import { COMPOSE_PROJECT, isExposed, isRoot } from '../../lib/graph/elements';
import { containerNodeId, networkNodeId } from '../../lib/graph/ids';
import type { Container, Network, PortBinding, Topology } from '../../lib/topology';

export interface InspectPanelProps {
  topology: Topology;
  /** A graph id: `net:<networkId>` or `ctr:<containerId>`. */
  selected: string;
  onSelect: (graphId: string | null) => void;
  readOnly?: boolean;
}

/** Everything the picture knows about one network or container, with words for learners. */
export function InspectPanel({ topology, selected, onSelect, readOnly = false }: InspectPanelProps) {
  const network = selected.startsWith('net:') ? topology.networks.find((n) => networkNodeId(n.id) === selected) : undefined;
  const container = selected.startsWith('ctr:') ? topology.containers.find((c) => containerNodeId(c.id) === selected) : undefined;
  const kind = network ? 'network' : container ? 'container' : 'missing';
  const name = network?.name ?? container?.name;

  return (
    <aside
      aria-label={name ? `Details of ${kind} ${name}` : 'Details'}
      data-testid="inspect-panel"
      data-selected={selected}
      data-kind={kind}
      data-read-only={readOnly || undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onSelect(null);
      }}
      className="flex h-full w-[26rem] max-w-full shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="sticky top-0 z-10 flex items-start justify-between gap-3 border-b border-slate-200 bg-white/95 px-5 py-4 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{kind === 'missing' ? 'Selection' : kind}</p>
          <h2 className="truncate text-lg font-semibold" title={name}>
            {name ?? 'Gone'}
          </h2>
        </div>
        <button
          type="button"
          aria-label="Close"
          onClick={() => onSelect(null)}
          className="-mr-1 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        >
          <svg viewBox="0 0 20 20" className="size-4" aria-hidden fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <path d="M5 5l10 10M15 5L5 15" />
          </svg>
        </button>
      </header>
      <div className="flex flex-col gap-6 px-5 py-5">
        {network && <NetworkDetails key={network.id} network={network} containers={topology.containers} onSelect={onSelect} />}
        {container && <ContainerDetails container={container} topology={topology} onSelect={onSelect} />}
        {kind === 'missing' && (
          <p data-testid="inspect-missing" className="text-slate-600 dark:text-slate-300">
            Not in the picture any more: it was removed, or the selection is not a network or a container.
          </p>
        )}
      </div>
    </aside>
  );
}

function NetworkDetails({ network: n, containers, onSelect }: { network: Network; containers: Container[]; onSelect: (graphId: string) => void }) {
  const attached = containers.flatMap((c) => c.endpoints.filter((e) => e.networkId === n.id).map((e) => ({ c, e })));
  return (
    <>
      <Facts>
        <Fact term="Driver">
          <DriverBadge driver={n.driver} />
        </Fact>
        <Fact term="Scope">{n.scope}</Fact>
        <Fact term="Id">
          <Mono title={n.id}>{n.id.slice(0, 12)}</Mono>
        </Fact>
        <Fact term="Created">
          <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
        </Fact>
      </Facts>

      <Section title="Flags">
        <ul className="space-y-1.5">
          {networkFlags(n).map(([flag, meaning]) => (
            <li key={flag} data-flag={flag} className="flex items-baseline gap-2">
              <Chip>{flag}</Chip>
              <span className="text-slate-600 dark:text-slate-300">{meaning}</span>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Subnets">
        {n.subnets.length > 0 ? (
          <ul data-testid="network-subnets" data-count={n.subnets.length} className="space-y-2">
            {n.subnets.map((s) => (
              <li key={s.subnet} className="rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
                <Mono className="font-medium">{s.subnet}</Mono>
                <dl className="mt-0.5 grid grid-cols-[5rem_1fr] text-xs text-slate-600 dark:text-slate-300">
                  {s.gateway && (
                    <>
                      <dt>gateway</dt>
                      <dd>
                        <Mono>{s.gateway}</Mono>
                      </dd>
                    </>
                  )}
                  {s.ipRange && (
                    <>
                      <dt>IP range</dt>
                      <dd>
                        <Mono>{s.ipRange}</Mono>
                      </dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="network-subnets" data-count={0} className="text-slate-600 dark:text-slate-300">
            No subnet: this network hands out no IP addresses.
          </p>
        )}
      </Section>

      <KeyValues title="Options" values={n.options} />
      <KeyValues title="Labels" values={n.labels} />

      <Section title="What this means">
        <Explained explanation={explainDriver(n.driver)} />
        <Explained explanation={explainScope(n.scope)} />
      </Section>

      <Section title={`Containers (${attached.length})`}>
        {attached.length > 0 ? (
          <Table testId="network-containers" count={attached.length} head={['Name', 'IPv4', 'IPv6', 'MAC']}>
            {attached.map(({ c, e }) => (
              <tr key={c.id} data-container={c.id}>
                <Td>
                  <LinkButton onClick={() => onSelect(containerNodeId(c.id))}>{c.name}</LinkButton>
                  {c.state !== 'running' && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">({c.state})</span>}
                </Td>
                <Td mono>{e.ipv4 || '—'}</Td>
                <Td mono>{e.ipv6 || '—'}</Td>
                <Td mono>{e.mac || '—'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p data-testid="network-containers" data-count={0} className="text-slate-600 dark:text-slate-300">
            No containers attached.
          </p>
        )}
      </Section>

      <RawEngineJson networkId={n.id} />
    </>
  );
}

function ContainerDetails({ container: c, topology, onSelect }: { container: Container; topology: Topology; onSelect: (graphId: string) => void }) {
  const project = c.labels[COMPOSE_PROJECT];
  const sharedWith = c.networkMode.startsWith('container:') ? c.networkMode.slice('container:'.length) : '';
  const peer = sharedWith ? topology.containers.find((o) => o.id === sharedWith || o.name === sharedWith) : undefined;
  return (
    <>
      <Facts>
        <Fact term="Image">
          <Mono>{c.image}</Mono>
        </Fact>
        <Fact term="State">
          <StateBadge state={c.state} />
        </Fact>
        {/* Engine times are nanosecond ISO stamps; a person reads seconds. */}
        <Fact term="Status">{c.status.replace(/(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z/, '$1 $2 UTC') || '—'}</Fact>
        <Fact term="User">{isRoot(c) ? <Badge tone="warn">root</Badge> : <Mono>{c.user}</Mono>}</Fact>
        <Fact term="Network mode">
          {peer ? (
            <>
              shares <LinkButton onClick={() => onSelect(containerNodeId(peer.id))}>{peer.name}</LinkButton>’s stack
            </>
          ) : (
            <Mono>{c.networkMode || 'default'}</Mono>
          )}
        </Fact>
        {project && (
          <Fact term="Compose project">
            <Mono>{project}</Mono>
          </Fact>
        )}
        <Fact term="Id">
          <Mono title={c.id}>{c.id.slice(0, 12)}</Mono>
        </Fact>
        <Fact term="Created">
          <time dateTime={c.createdAt}>{formatTime(c.createdAt)}</time>
        </Fact>
      </Facts>

      {isRoot(c) && (
        <Warning testId="container-root" title="Runs as root">
          <p>A process that breaks out of the container is root on the host too.</p>
          <Fix>
            Run it as a regular user: <Code>docker run --user 1000 …</Code> or <Code>USER 1000</Code> in the Dockerfile.
          </Fix>
        </Warning>
      )}

      <Section title="Networks">
        {c.endpoints.length > 0 ? (
          <Table testId="container-networks" count={c.endpoints.length} head={['Network', 'IPv4', 'IPv6', 'MAC', 'Aliases']}>
            {c.endpoints.map((e) => (
              <tr key={e.networkId} data-network={e.networkId}>
                <Td>
                  <LinkButton onClick={() => onSelect(networkNodeId(e.networkId))}>{e.networkName}</LinkButton>
                </Td>
                <Td mono>{e.ipv4 || '—'}</Td>
                <Td mono>{e.ipv6 || '—'}</Td>
                <Td mono>{e.mac || '—'}</Td>
                <Td mono>{e.aliases.length ? e.aliases.join(', ') : '—'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p data-testid="container-networks" data-count={0} className="text-slate-600 dark:text-slate-300">
            Not attached to any network.
          </p>
        )}
      </Section>

      <Section title="Published ports">
        {c.ports.length > 0 ? (
          <ul data-testid="container-ports" data-count={c.ports.length} className="space-y-2">
            {c.ports.map((p) => {
              const exposed = isExposed(p);
              return (
                <li key={`${p.hostIp}:${p.hostPort}/${p.protocol}`} data-exposed={exposed} className="flex flex-col gap-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <Mono className="font-medium">{portLabel(p)}</Mono>
                    {exposed ? <Badge tone="warn">all interfaces</Badge> : <Badge tone="ok">this host only</Badge>}
                  </span>
                  {exposed && (
                    <span className="text-xs text-slate-600 dark:text-slate-300">
                      All interfaces — reachable from other machines. To keep it on this host:{' '}
                      <Code>
                        -p 127.0.0.1:{p.hostPort}:{p.containerPort}
                        {p.protocol === 'tcp' ? '' : `/${p.protocol}`}
                      </Code>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <p data-testid="container-ports" data-count={0} className="text-slate-600 dark:text-slate-300">
            No published ports: only containers on its networks can reach it.
          </p>
        )}
      </Section>

      <KeyValues title="Labels" values={c.labels} />
    </>
  );
}

type RawState =
  { status: 'idle' | 'loading' } | { status: 'ok'; text: string } | { status: 'error'; message: string; hint?: string; engine?: string };

/** The Engine's own inspect document, fetched only when asked for: most people never open it. */
function RawEngineJson({ networkId }: { networkId: string }) {
  const [raw, setRaw] = useState<RawState>({ status: 'idle' });
  const pending = useRef<AbortController | null>(null);
  useEffect(() => () => pending.current?.abort(), []);

  const load = async () => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setRaw({ status: 'loading' });
    try {
      const res = await fetch(`/api/networks/${encodeURIComponent(networkId)}`, {
        signal: controller.signal,
        headers: { accept: 'application/json' },
      });
      const body: unknown = await res.json().catch(() => null);
      if (res.ok) setRaw({ status: 'ok', text: JSON.stringify(body, null, 2) });
      else {
        const error = (body as Partial<ApiErrorBody> | null)?.error;
        setRaw({
          status: 'error',
          message: error?.message ?? `The server answered ${res.status}.`,
          hint: error?.hint,
          engine: error?.engine ? `${error.engine.status} ${error.engine.message}` : undefined,
        });
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      setRaw({ status: 'error', message: 'Could not reach the Portolan server.', hint: e instanceof Error ? e.message : undefined });
    }
  };

  return (
    <details
      data-testid="network-raw"
      onToggle={(e) => {
        if (e.currentTarget.open) void load();
      }}
      className="group rounded-md border border-slate-200 dark:border-slate-800"
    >
      <summary className="cursor-pointer select-none px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">
        Show raw Engine JSON
      </summary>
      <div className="border-t border-slate-200 px-3 py-2 dark:border-slate-800" aria-live="polite">
        {raw.status === 'loading' && <p className="text-slate-500 dark:text-slate-400">Asking the Engine…</p>}
        {raw.status === 'error' && (
          <div role="alert" data-testid="network-raw-error" className="space-y-1 text-rose-700 dark:text-rose-300">
            <p className="font-medium">{raw.message}</p>
            {raw.engine && <p className="font-mono text-xs">Engine: {raw.engine}</p>}
            {raw.hint && <p className="text-slate-600 dark:text-slate-300">{raw.hint}</p>}
          </div>
        )}
        {raw.status === 'ok' && (
          <pre
            data-testid="network-raw-json"
            className="max-h-96 overflow-auto whitespace-pre font-mono text-xs leading-relaxed text-slate-800 dark:text-slate-200"
          >
            {raw.text}
          </pre>
        )}
      </div>
    </details>
  );
}

function networkFlags(n: Network): [string, string][] {
  const flags: [string, string][] = [
    n.predefined
      ? ['predefined', 'created by Docker itself; it cannot be removed']
      : ['user-defined', 'created by someone; containers on it find each other by name'],
  ];
  if (n.internal) flags.push(['internal', 'no route out: containers reach each other, not the outside world']);
  if (n.attachable) flags.push(['attachable', 'plain containers may join it, not only swarm services']);
  if (n.ipv6) flags.push(['ipv6', 'containers get IPv6 addresses too']);
  if (n.ingress) flags.push(['ingress', 'the swarm routing mesh that carries published service ports']);
  return flags;
}

/** `127.0.0.1:8080 → 80/tcp`; IPv6 hosts in brackets, an empty host meaning all interfaces. */
export function portLabel(p: PortBinding): string {
  const host = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp || '0.0.0.0';
  return `${host}:${p.hostPort} → ${p.containerPort}/${p.protocol}`;
}

function formatTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) || !iso ? '—' : time.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

const STATE_TONES: Record<string, string> = {
  running: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  paused: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  restarting: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  created: 'bg-sky-50 text-sky-700 dark:bg-sky-950/60 dark:text-sky-300',
};
const STATE_DOTS: Record<string, string> = { running: 'bg-emerald-500', paused: 'bg-amber-500', restarting: 'bg-amber-500', created: 'bg-sky-300' };

/** A container's state in its colour: running green, paused amber, exited and dead gray, created light. */
export function StateBadge({ state }: { state: string }) {
  return (
    <span
      data-state={state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${STATE_TONES[state] ?? 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}
    >
      <span className={`size-1.5 rounded-full ${STATE_DOTS[state] ?? 'bg-slate-400'}`} aria-hidden />
      {state}
    </span>
  );
}

export function DriverBadge({ driver }: { driver: string }) {
  return (
    <span className="inline-flex items-center gap-1.5" data-driver={driver}>
      <span className="size-2.5 rounded-full" style={{ backgroundColor: driverColor(driver) }} aria-hidden />
      <span className="font-medium">{driver}</span>
    </span>
  );
}

export function Badge({ tone, children }: { tone: 'warn' | 'ok'; children: ReactNode }) {
  const look =
    tone === 'warn'
      ? 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800'
      : 'bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-700';
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${look}`}>{children}</span>;
}

function Chip({ children }: { children: ReactNode }) {
  return (
    <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
      {children}
    </span>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[7.5rem_1fr] gap-x-3 gap-y-1.5">{children}</dl>;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function KeyValues({ title, values }: { title: string; values: Record<string, string> }) {
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

function Table({ testId, count, head, children }: { testId: string; count: number; head: string[]; children: ReactNode }) {
  return (
    <div className="-mx-1 overflow-x-auto">
      <table data-testid={testId} data-count={count} className="w-full text-left text-xs">
        <thead className="text-slate-500 dark:text-slate-400">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-1 pb-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

function Td({ mono = false, children }: { mono?: boolean; children: ReactNode }) {
  return <td className={`px-1 py-1.5 align-top ${mono ? 'break-all font-mono' : ''}`}>{children}</td>;
}

function LinkButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="text-left font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300"
    >
      {children}
    </button>
  );
}

function Mono({ title, className = '', children }: { title?: string; className?: string; children: ReactNode }) {
  return (
    <span title={title} className={`break-all font-mono text-[0.8125rem] ${className}`}>
      {children}
    </span>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">{children}</code>;
}

function Warning({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
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

function Fix({ children }: { children: ReactNode }) {
  return (
    <p>
      <span className="mr-1 text-xs font-medium uppercase tracking-wide opacity-70">Fix</span> {children}
    </p>
  );
}

/** An explanation's lines, with `backticked` words set as code. */
function Explained({ explanation }: { explanation: Explanation }) {
  return (
    <div className="mb-3 last:mb-0">
      <p className="font-medium">{explanation.title}</p>
      {explanation.lines.map((line) => (
        <p key={line} className="mt-1 leading-relaxed text-slate-600 dark:text-slate-300">
          {line.split('`').map((part, i) => (i % 2 === 1 ? <Code key={i}>{part}</Code> : part))}
        </p>
      ))}
    </div>
  );
}
