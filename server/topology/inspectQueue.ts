/**
 * The store's re-inspects, pipelined: each object an event names is inspected
 * on its own, at most `concurrency` at once, and its result is handed over as
 * soon as it is in, so a slow inspect holds up nobody else's change.
 *
 * Per object, order and exactness hold: one inspect of an object runs at a
 * time, and an event that arrives while it runs queues another, which starts
 * when the first is done. Events about one object within `coalesceMs` cost one
 * inspect. A failed inspect is retried, exactly what was pending, after a
 * pause; one that keeps failing is given up and the caller resyncs.
 */
export interface Job<K extends string, W, E> {
  key: K;
  work: W;
  /** The events this job answers, oldest first: announced once its result is in. */
  events: E[];
  /** Callers waiting for this object's fresh state (an action Portolan just performed). */
  waiters: (() => void)[];
  /** Failed attempts so far. */
  failures: number;
  /** When it may start: its first event plus the coalescing window, or a retry's pause. */
  due: number;
  /** When it was first asked for, and when its inspect started: for the logs. */
  since: number;
  startedAt?: number;
}

export interface Delivery<K extends string, W, E, R> {
  job: Job<K, W, E>;
  result: R;
}

export interface InspectQueueOptions<K extends string, W, E, R> {
  concurrency: number;
  /** How long an object's first event waits for more about it, by key. */
  coalesceMs: (key: K) => number;
  /** Pauses before each retry; a job that failed once more than this lists is given up. */
  retryMs: readonly number[];
  inspect(key: K, work: W): Promise<R>;
  /** Results that came in together, in the order they came in. */
  deliver(results: Delivery<K, W, E, R>[]): void;
  failed(job: Job<K, W, E>, err: unknown, retryInMs: number | null): void;
  now?: () => number;
}

export class InspectQueue<K extends string, W, E, R> {
  private pending = new Map<K, Job<K, W, E>>();
  private running = new Map<K, Job<K, W, E>>();
  private done: Delivery<K, W, E, R>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private delivering: NodeJS.Immediate | null = null;
  private paused = false;
  private stopped = false;
  private drainedWaiters: (() => void)[] = [];
  private readonly now: () => number;

  constructor(private readonly options: InspectQueueOptions<K, W, E, R>) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Asks for a fresh inspect of `key`; the newest `work` wins, events and waiters add up. */
  add(key: K, work: W, event?: E, waiter?: () => void): void {
    let job = this.pending.get(key);
    if (!job) {
      const now = this.now();
      job = { key, work, events: [], waiters: [], failures: 0, due: now + this.options.coalesceMs(key), since: now };
      this.pending.set(key, job);
    }
    job.work = work;
    if (event !== undefined) job.events.push(event);
    if (waiter) job.waiters.push(waiter);
    this.pump();
  }

  /** Nothing waiting, running or undelivered. */
  idle(): boolean {
    return this.pending.size === 0 && this.running.size === 0 && this.done.length === 0;
  }

  /** Stops starting inspects (a full sync is under way) and resolves once none is running or undelivered. */
  pause(): Promise<void> {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running.size === 0 && this.done.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Drops whatever waits (a full sync covers it) and releases its waiters. */
  clearPending(): Job<K, W, E>[] {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) release(job);
    return jobs;
  }

  stop(): void {
    this.stopped = true;
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.delivering) clearImmediate(this.delivering);
    this.timer = null;
    this.delivering = null;
    for (const job of [...this.pending.values(), ...this.running.values(), ...this.done.map((d) => d.job)]) release(job);
    this.pending.clear();
    this.done = [];
    this.drained();
  }

  private pump(): void {
    if (this.paused) return;
    const now = this.now();
    let nextDue = Infinity;
    // Map order is first-event order: the oldest change goes first.
    for (const job of this.pending.values()) {
      if (this.running.size >= this.options.concurrency) break;
      if (this.running.has(job.key)) continue;
      if (job.due > now) {
        nextDue = Math.min(nextDue, job.due);
        continue;
      }
      this.pending.delete(job.key);
      this.start(job);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (nextDue < Infinity && this.running.size < this.options.concurrency) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.pump();
        },
        Math.max(0, nextDue - now),
      );
    }
  }

  private start(job: Job<K, W, E>): void {
    job.startedAt = this.now();
    this.running.set(job.key, job);
    this.options.inspect(job.key, job.work).then(
      (result) => {
        this.running.delete(job.key);
        if (this.stopped) return release(job);
        this.done.push({ job, result });
        this.delivering ??= setImmediate(() => this.flush());
        this.pump();
      },
      (err: unknown) => {
        this.running.delete(job.key);
        if (this.stopped) return release(job);
        this.retry(job, err);
        this.drained();
        this.pump();
      },
    );
  }

  /** Puts a failed job back, merged with anything newer about the same object, or gives it up. */
  private retry(job: Job<K, W, E>, err: unknown): void {
    job.failures++;
    const pause = this.options.retryMs[job.failures - 1];
    this.options.failed(job, err, pause ?? null);
    if (pause === undefined) return release(job);
    const newer = this.pending.get(job.key);
    this.pending.delete(job.key);
    this.pending.set(job.key, {
      key: job.key,
      work: newer ? newer.work : job.work,
      events: [...job.events, ...(newer?.events ?? [])],
      waiters: [...job.waiters, ...(newer?.waiters ?? [])],
      failures: job.failures,
      due: Math.max(newer?.due ?? 0, this.now() + pause),
      since: job.since,
    });
  }

  private flush(): void {
    this.delivering = null;
    const results = this.done;
    this.done = [];
    if (results.length === 0) return;
    try {
      this.options.deliver(results);
    } finally {
      for (const { job } of results) release(job);
      this.drained();
    }
  }

  private drained(): void {
    if (this.running.size > 0 || this.done.length > 0) return;
    const waiters = this.drainedWaiters;
    this.drainedWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function release(job: { waiters: (() => void)[] }): void {
  const waiters = job.waiters;
  job.waiters = [];
  for (const resolve of waiters) resolve();
}
