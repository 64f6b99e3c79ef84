import type { ReactNode } from 'react';
import { driverColor } from '../../lib/graph/colors';
import type { PortBinding } from '../../lib/topology';

const STATE_TONES: Record<string, string> = {
  running: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  paused: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  restarting: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  created: 'bg-sky-50 text-sky-700 dark:bg-sky-950/60 dark:text-sky-300',
  // A swarm node's state and a task's: ready like running, down and failed in red, on their way in amber.
  ready: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  down: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300',
  failed: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300',
  starting: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
};
const STATE_DOTS: Record<string, string> = {
  running: 'bg-emerald-500',
  paused: 'bg-amber-500',
  restarting: 'bg-amber-500',
  created: 'bg-sky-300',
  ready: 'bg-emerald-500',
  down: 'bg-rose-500',
  failed: 'bg-rose-500',
  starting: 'bg-amber-500',
};

/**
 * A container's state in its colour: running green, paused amber, exited and dead gray, created light; a swarm
 * node's and a task's likewise, `tone` naming the colour when the word is the Engine's own (a task `preparing`).
 */
export function StateBadge({ state, tone = state }: { state: string; tone?: string }) {
  return (
    <span
      data-state={state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${STATE_TONES[tone] ?? 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}
    >
      <span className={`size-1.5 rounded-full ${STATE_DOTS[tone] ?? 'bg-slate-400'}`} aria-hidden />
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

/** `127.0.0.1:8080 → 80/tcp`; IPv6 hosts in brackets, an empty host meaning all interfaces. */
export function portLabel(p: PortBinding): string {
  const host = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp || '0.0.0.0';
  return `${host}:${p.hostPort} → ${p.containerPort}/${p.protocol}`;
}
