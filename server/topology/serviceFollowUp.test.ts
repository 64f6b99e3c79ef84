import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Service, SwarmNode, Task } from '../../lib/topology';
import { FOLLOW_UP_MS, isSettled, ServiceFollowUp } from './serviceFollowUp';

const node = (id: string, state = 'ready'): SwarmNode => ({
  id,
  hostname: id,
  role: 'worker',
  availability: 'active',
  state,
  leader: false,
  addr: '10.237.7.9',
  engineVersion: '20.10.24',
});
const web = (replicas: number | undefined, running: number): Service => ({
  id: 'web',
  name: 'web',
  image: 'portolan/busybox:test',
  mode: replicas === undefined ? 'global' : 'replicated',
  ...(replicas === undefined ? {} : { replicas }),
  running,
  ports: [],
  networks: [],
  labels: {},
});
const task = (id: string, nodeId: string, desiredState: string, state: string): Task => ({
  id,
  serviceId: 'web',
  nodeId,
  state,
  desiredState,
  endpoints: [],
});
const nodes = [node('n1'), node('n2'), node('n3')];

describe('isSettled', () => {
  it('holds when every task runs as wanted and the count is the wanted one', () => {
    const tasks = [task('a', 'n1', 'running', 'running'), task('b', 'n2', 'running', 'running')];
    expect(isSettled(web(2, 2), tasks, nodes)).toBe(true);
  });

  it('does not hold while a task is on its way up or a replica is missing', () => {
    expect(isSettled(web(2, 1), [task('a', 'n1', 'running', 'running'), task('b', 'n2', 'running', 'starting')], nodes)).toBe(false);
    expect(isSettled(web(3, 2), [task('a', 'n1', 'running', 'running'), task('b', 'n2', 'running', 'running')], nodes)).toBe(false);
    // Scaled down: the task no longer wanted is still stopping.
    expect(isSettled(web(1, 1), [task('a', 'n1', 'running', 'running'), task('b', 'n2', 'shutdown', 'running')], nodes)).toBe(false);
  });

  it('does not wait for a task on a node the manager cannot reach', () => {
    const down = [node('n1'), node('n2'), node('n3', 'down')];
    const tasks = [task('a', 'n1', 'running', 'running'), task('b', 'n2', 'running', 'running'), task('old', 'n3', 'shutdown', 'running')];
    expect(isSettled(web(2, 2), tasks, down)).toBe(true);
    expect(isSettled(web(2, 2), tasks, nodes)).toBe(false);
  });

  it('waits for a task no node has taken yet', () => {
    expect(isSettled(web(1, 0), [task('a', '', 'running', 'pending')], nodes)).toBe(false);
  });

  it('holds for a global service once its tasks run, whatever their number', () => {
    expect(
      isSettled(
        web(undefined, 3),
        ['n1', 'n2', 'n3'].map((n) => task(n, n, 'running', 'running')),
        nodes,
      ),
    ).toBe(true);
    expect(isSettled(web(undefined, 2), [task('a', 'n1', 'running', 'running'), task('b', 'n2', 'ready', 'ready')], nodes)).toBe(false);
  });
});

describe('ServiceFollowUp', () => {
  let reads: string[];
  let followUp: ServiceFollowUp;
  beforeEach(() => {
    vi.useFakeTimers();
    reads = [];
    followUp = new ServiceFollowUp((id) => reads.push(id), [500, 1000, 2000]);
  });
  afterEach(() => {
    followUp.stop();
    vi.useRealTimers();
  });

  it('reads an unsettled service again after each pause, and stops once it has settled', () => {
    followUp.start('web');
    followUp.observed('web', false);
    vi.advanceTimersByTime(499);
    expect(reads).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(reads).toEqual(['web']);
    followUp.observed('web', false);
    vi.advanceTimersByTime(1000);
    expect(reads).toEqual(['web', 'web']);
    followUp.observed('web', true);
    vi.advanceTimersByTime(60_000);
    expect(reads).toEqual(['web', 'web']);
    expect(followUp.followed()).toEqual([]);
  });

  it('gives up after the last pause: a service that never settles costs a bounded number of reads', () => {
    followUp.start('web');
    followUp.observed('web', false);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(60_000);
      followUp.observed('web', false);
    }
    expect(reads).toEqual(['web', 'web', 'web']);
    expect(followUp.followed()).toEqual([]);
  });

  it('starts from the first pause again when a new event names the service', () => {
    followUp.start('web');
    followUp.observed('web', false);
    vi.advanceTimersByTime(500);
    followUp.observed('web', false);
    followUp.start('web');
    followUp.observed('web', false);
    vi.advanceTimersByTime(500);
    expect(reads).toEqual(['web', 'web']);
  });

  it('ignores reads of services it does not follow, and a read that comes while the next one waits', () => {
    followUp.observed('db', false);
    followUp.start('web');
    followUp.observed('web', false);
    followUp.observed('web', false);
    vi.advanceTimersByTime(60_000);
    expect(reads).toEqual(['web']);
  });

  it('forgets a removed service: no read is left waiting', () => {
    followUp.start('web');
    followUp.observed('web', false);
    followUp.forget('web');
    vi.advanceTimersByTime(60_000);
    expect(reads).toEqual([]);
  });

  it('spends about a minute and a half on a service by default, in ten reads', () => {
    const total = FOLLOW_UP_MS.reduce((sum, ms) => sum + ms, 0);
    expect(total).toBeGreaterThan(60_000);
    expect(total).toBeLessThan(120_000);
    expect(FOLLOW_UP_MS).toHaveLength(10);
  });
});
