import { describe, expect, it } from 'vitest';
import { InspectQueue, type Delivery } from './inspectQueue';

type Key = `${string}:${string}`;

/** An inspect the test answers by hand, to hold one object back while others go on. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function harness(options: { concurrency?: number; coalesceMs?: number; retryMs?: number[] } = {}) {
  const calls: Key[] = [];
  const answers = new Map<Key, ReturnType<typeof deferred<string>>[]>();
  const delivered: Delivery<Key, string, string, string>[][] = [];
  const failures: { key: Key; retryInMs: number | null }[] = [];
  const queue = new InspectQueue<Key, string, string, string>({
    concurrency: options.concurrency ?? 4,
    coalesceMs: () => options.coalesceMs ?? 0,
    retryMs: options.retryMs ?? [1, 1],
    inspect: (key) => {
      calls.push(key);
      const answer = deferred<string>();
      answers.set(key, [...(answers.get(key) ?? []), answer]);
      return answer.promise;
    },
    deliver: (results) => delivered.push(results),
    failed: (job, _err, retryInMs) => failures.push({ key: job.key, retryInMs }),
  });
  /** The n-th inspect of `key` (0-based), once it has started. */
  const answer = async (key: Key, n = 0) => {
    await until(() => (answers.get(key)?.length ?? 0) > n);
    return answers.get(key)![n]!;
  };
  const events = () => delivered.flat().flatMap((d) => d.job.events);
  return { queue, calls, answer, delivered, failures, events };
}

async function until(check: () => boolean, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('the store inspect queue', () => {
  it('delivers an unrelated object while a slow inspect is still running', async () => {
    const h = harness();
    h.queue.add('container:slow', 'inspect', 'slow started');
    await h.answer('container:slow');
    h.queue.add('network:new', 'inspect', 'network created');
    (await h.answer('network:new')).resolve('net');
    await until(() => h.events().length === 1);
    expect(h.events()).toEqual(['network created']);

    (await h.answer('container:slow')).resolve('ctr');
    await until(() => h.events().length === 2);
    expect(h.events()).toEqual(['network created', 'slow started']);
  });

  it('runs one inspect per object at a time, and one more for events that came while it ran', async () => {
    const h = harness();
    h.queue.add('container:a', 'inspect', 'start');
    const first = await h.answer('container:a');
    h.queue.add('container:a', 'inspect', 'connect');
    h.queue.add('container:a', 'inspect', 'rename');
    await new Promise((r) => setTimeout(r, 10));
    expect(h.calls).toEqual(['container:a']);

    first.resolve('old');
    (await h.answer('container:a', 1)).resolve('new');
    await until(() => h.events().length === 3);
    expect(h.calls).toEqual(['container:a', 'container:a']);
    expect(h.delivered.flat().map((d) => [d.result, d.job.events])).toEqual([
      ['old', ['start']],
      ['new', ['connect', 'rename']],
    ]);
    expect(h.queue.idle()).toBe(true);
  });

  it('costs one inspect for the events about one object within the coalescing window', async () => {
    const h = harness({ coalesceMs: 20 });
    for (const e of ['create', 'connect', 'start']) h.queue.add('container:a', 'inspect', e);
    (await h.answer('container:a')).resolve('a');
    await until(() => h.events().length === 3);
    expect(h.calls).toEqual(['container:a']);
  });

  it('keeps at most `concurrency` inspects in flight and starts the oldest waiting one first', async () => {
    const h = harness({ concurrency: 2 });
    for (const k of ['a', 'b', 'c', 'd'] as const) h.queue.add(`container:${k}`, 'inspect', k);
    await until(() => h.calls.length === 2);
    expect(h.calls).toEqual(['container:a', 'container:b']);
    (await h.answer('container:b')).resolve('b');
    await until(() => h.calls.length === 3);
    expect(h.calls.at(-1)).toBe('container:c');
  });

  it('retries exactly what was pending after a failure, merged with newer events, and delivers it', async () => {
    const h = harness({ retryMs: [1, 1] });
    h.queue.add('container:a', 'inspect', 'connect');
    (await h.answer('container:a')).reject(new Error('engine hiccup'));
    h.queue.add('container:a', 'inspect', 'start');
    (await h.answer('container:a', 1)).resolve('a');
    await until(() => h.events().length === 2);
    expect(h.failures).toEqual([{ key: 'container:a', retryInMs: 1 }]);
    expect(h.events()).toEqual(['connect', 'start']);
  });

  it('gives a job up after the last retry, says so, and releases whoever waited for it', async () => {
    const h = harness({ retryMs: [1] });
    let released = false;
    h.queue.add('network:n', 'inspect', 'create', () => {
      released = true;
    });
    (await h.answer('network:n')).reject(new Error('500'));
    (await h.answer('network:n', 1)).reject(new Error('500 again'));
    await until(() => released);
    expect(h.failures).toEqual([
      { key: 'network:n', retryInMs: 1 },
      { key: 'network:n', retryInMs: null },
    ]);
    expect(h.delivered).toEqual([]);
    expect(h.queue.idle()).toBe(true);
  });

  it('starts nothing while paused, resolves the pause once running inspects are delivered, and goes on when resumed', async () => {
    const h = harness();
    h.queue.add('container:a', 'inspect', 'a');
    const running = await h.answer('container:a');
    let paused = false;
    void h.queue.pause().then(() => {
      paused = true;
    });
    h.queue.add('container:b', 'inspect', 'b');
    running.resolve('a');
    await until(() => paused);
    expect(h.calls).toEqual(['container:a']);
    h.queue.resume();
    (await h.answer('container:b')).resolve('b');
    await until(() => h.events().length === 2);
  });
});
