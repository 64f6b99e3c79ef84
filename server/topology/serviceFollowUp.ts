import type { Service, SwarmNode, Task } from '../../lib/topology';

/**
 * The Engine sends no event when a task changes: a manager tells of a service
 * created, updated, scaled or removed, and of a node whose state changed, and
 * then is silent while the tasks start, stop and move. So after such an event
 * the store reads that service's tasks again after each of these pauses, until
 * the service has settled: about a minute and a half in all, then it waits for the
 * next event. A service that never settles (a task no node can take) costs
 * these reads and no more.
 */
// The long tail is for a node that comes back: it tells the manager of the tasks it stopped while away only
// once its agent has reconnected, which on a busy machine took longer than half a minute.
export const FOLLOW_UP_MS = [500, 1000, 1000, 2000, 3000, 5000, 8000, 13000, 21000, 34000];

/**
 * Every task of the service is running as it is meant to, and a replicated
 * service runs as many as it wants. A task on a node the manager cannot reach
 * is not waited for: it will not change until that node is back.
 */
export function isSettled(service: Service, tasks: readonly Task[], nodes: readonly SwarmNode[]): boolean {
  const unreachable = new Set(nodes.filter((n) => n.state !== 'ready').map((n) => n.id));
  const moving = tasks.some(
    (t) => t.serviceId === service.id && !unreachable.has(t.nodeId) && !(t.desiredState === 'running' && t.state === 'running'),
  );
  return !moving && (service.replicas === undefined || service.running === service.replicas);
}

interface Following {
  /** Pauses already taken. */
  step: number;
  timer: NodeJS.Timeout | null;
}

/** Which services are followed after an event, and when each is read next. */
export class ServiceFollowUp {
  private readonly following = new Map<string, Following>();

  constructor(
    /** Asks for one more read of the service; its result comes back through `observed`. */
    private readonly read: (serviceId: string) => void,
    private readonly pausesMs: readonly number[] = FOLLOW_UP_MS,
  ) {}

  /** An event named the service and a read of it is on its way: follow it again from the first pause. */
  start(serviceId: string): void {
    this.forget(serviceId);
    this.following.set(serviceId, { step: 0, timer: null });
  }

  /** A read of the service came in: done once it has settled or the pauses are spent, else one more read after the next pause. */
  observed(serviceId: string, settled: boolean): void {
    const f = this.following.get(serviceId);
    if (!f) return;
    if (settled) return this.forget(serviceId);
    // A read that came for another reason while the next one waits changes nothing.
    if (f.timer) return;
    const pause = this.pausesMs[f.step];
    if (pause === undefined) return this.forget(serviceId);
    f.step++;
    f.timer = setTimeout(() => {
      f.timer = null;
      this.read(serviceId);
    }, pause);
  }

  /** The service is gone, or a full sync has read everything again. */
  forget(serviceId: string): void {
    const f = this.following.get(serviceId);
    if (f?.timer) clearTimeout(f.timer);
    this.following.delete(serviceId);
  }

  stop(): void {
    for (const id of [...this.following.keys()]) this.forget(id);
  }

  /** The services followed now, for tests and logs. */
  followed(): string[] {
    return [...this.following.keys()];
  }
}
