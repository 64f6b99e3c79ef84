import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import type { Engine } from '../../server/engine/engine';
import { onDial } from '../testkit/engineDials';

export function intEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}=${process.env[name]} is not a whole number`);
  return value;
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Nearest-rank percentile: with few samples an interpolated p95 would invent a value never measured. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Like Promise.all with a concurrency limit, but settles only once nothing is in flight, so cleanup after a failure misses nothing. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limited = pLimit(limit);
  let failed = false;
  // After a failure the calls not yet started are skipped (clearQueue would leave their promises pending).
  const results = await Promise.allSettled(
    items.map((item) =>
      limited(async () => {
        if (failed) return undefined as R;
        return fn(item).catch((err: unknown) => {
          failed = true;
          throw err;
        });
      }),
    ),
  );
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((r) => (r as PromiseFulfilledResult<R>).value);
}

/**
 * Timestamps the first value matching each waiter the moment it is pushed, so
 * latencies do not include any polling interval.
 */
export class Arrivals<T> {
  private waiting: { match: (value: T) => boolean; resolve: (at: number) => void }[] = [];

  push(value: T): void {
    const at = performance.now();
    this.waiting = this.waiting.filter((w) => (w.match(value) ? (w.resolve(at), false) : true));
  }

  next(what: string, match: (value: T) => boolean, timeoutMs = 10_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiting.push({
        match,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const bytes = (value: number): string => (Math.abs(value) >= 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value)} B`);
export const times = (value: number): string => `${value.toFixed(2)}×`;

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => r[col]?.length ?? 0))) ?? [];
  const line = (r: readonly string[]) =>
    r
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(rows[0] ?? []), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function heapUsed(): number {
  // Twice: the first pass can leave garbage that finalizers only release on the second.
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

export const ENGINE_METHODS = ['info', 'networks', 'network', 'containerIds', 'inspectContainer', 'events'] as const;
export type Counts = Record<(typeof ENGINE_METHODS)[number] | 'http', number>;

/** Counts calls into Portolan's Engine, and the HTTP requests to Docker they turn into; returns a reader of the counts. */
export function spyOnEngine(engine: Engine): () => Counts {
  const counts = Object.fromEntries([...ENGINE_METHODS, 'http'].map((m) => [m, 0])) as Counts;
  for (const method of ENGINE_METHODS) {
    const original = engine[method] as unknown as (...args: unknown[]) => Promise<unknown>;
    Object.assign(engine, { [method]: (...args: unknown[]) => (counts[method]++, original.apply(engine, args)) });
  }
  onDial(engine, () => counts.http++);
  return () => ({ ...counts });
}

export const countsSince = (before: Counts, after: Counts): Counts =>
  Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof Counts]])) as Counts;

export const describeCounts = (c: Counts): string => {
  const calls = ENGINE_METHODS.filter((m) => c[m]);
  return `${calls.reduce((sum, m) => sum + c[m], 0)} (${calls.map((m) => `${m} ${c[m]}`).join(', ') || 'none'})`;
};
