import type { Activity, Topology } from './topology';

/** A Docker event as the Engine's /events stream sends it. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
  /** `swarm` for a manager's cluster events, `local` for the rest. */
  scope?: string;
}

/** Activity lines a viewer keeps, and the server keeps for a viewer who arrives later: a burst of a few containers fits. */
export const ACTIVITY_KEPT = 50;

/** One readable line for one Docker event, with names and IPs taken from the picture after the event. */
export function describeEvent(event: DockerEvent, topology: Topology, id: string): Activity {
  const attrs = event.Actor.Attributes ?? {};
  const action = event.Action.split(':')[0] ?? event.Action;
  const actorName = attrs.name ?? event.Actor.ID.slice(0, 12);
  return {
    id,
    time: new Date(event.timeNano ? event.timeNano / 1e6 : event.time * 1000).toISOString(),
    type: event.Type,
    action,
    actorId: event.Actor.ID,
    actorName,
    text: textOf(event, action, actorName, topology),
    said: engineLine(event),
  };
}

function textOf(event: DockerEvent, action: string, name: string, topology: Topology): string {
  const attrs = event.Actor.Attributes ?? {};
  switch (event.Type) {
    case 'network':
      return networkText(action, name, attrs, topology, event.Actor.ID, event.scope);
    case 'image':
      return imageText(action, attrs.name ?? event.Actor.ID);
    case 'service':
      return serviceText(action, name, attrs, topology, event.Actor.ID);
    case 'node':
      return nodeText(action, name, attrs);
    default:
      return containerText(action, name, attrs, event.Action);
  }
}

/** `container die 4f2a… (exitCode=137, image=nginx, name=web1)`: what `docker events` prints, keys sorted as it sorts them. */
export function engineLine(event: DockerEvent): string {
  const attrs = Object.entries(event.Actor.Attributes ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
  return `${event.Type} ${event.Action} ${event.Actor.ID}${attrs.length ? ` (${attrs.join(', ')})` : ''}`;
}

/**
 * A clock for the activity lines: `15:42:07 CET`, in the viewer's zone unless one is given.
 * The zone is spelled out because a demo screen and its audience may not share one.
 */
export function clockOf(timeZone?: string, locale?: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone,
  });
  return (iso) => {
    const parts = format.formatToParts(new Date(iso));
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
  };
}

/** Docker names the signal by number ("9"); some engines and `docker kill -s` spell it ("SIGKILL", "KILL"). */
function signalName(signal: string | undefined): string | undefined {
  if (!signal) return undefined;
  const byNumber: Record<string, string> = { '9': 'KILL', '15': 'TERM' };
  return byNumber[signal] ?? signal.toUpperCase().replace(/^SIG/, '');
}

function killText(name: string, signal: string | undefined): string {
  switch (signalName(signal)) {
    case 'KILL':
      return `${name} was stopped (killed)`;
    case 'TERM':
      return `${name} was asked to stop`;
    default:
      return signal ? `${name} was sent signal ${signal}` : `${name} was sent a signal`;
  }
}

/** 128 + N is the shell's way of saying "ended by signal N": 137 is SIGKILL, 143 SIGTERM. */
function dieText(name: string, exitCode: string | undefined): string {
  switch (exitCode) {
    case undefined:
      return `${name} exited`;
    case '0':
      return `${name} exited normally`;
    case '137':
      return `${name} stopped (killed)`;
    case '143':
      return `${name} stopped (terminated)`;
    default:
      return `${name} exited with an error (code ${exitCode})`;
  }
}

function networkText(action: string, network: string, attrs: Record<string, string>, topology: Topology, id: string, scope?: string): string {
  const containerId = attrs.container ?? '';
  const container = topology.containers.find((c) => c.id === containerId);
  const who = container?.name ?? containerId.slice(0, 12);
  switch (action) {
    case 'create':
      return createdText(network, attrs.type, topology.networks.find((n) => n.id === id)?.driver, scope);
    case 'destroy':
      if (attrs.type === 'overlay' && topology.networks.some((n) => n.id === id)) return `network ${network} no longer spans this node`;
      return `network ${network} removed`;
    case 'remove':
      return `network ${network} removed`;
    case 'update':
      return `network ${network} updated`;
    case 'connect': {
      const ip = container?.endpoints.find((e) => e.networkName === network)?.ipv4;
      return ip ? `${who} joined ${network} as ${ip}` : `${who} joined ${network}`;
    }
    case 'disconnect':
      return `${who} left ${network}`;
    default:
      return `network ${network}: ${action}`;
  }
}

/** A swarm's overlay is created once for the swarm, then on each node as the first task there needs it. */
function createdText(network: string, type: string | undefined, known: string | undefined, scope: string | undefined): string {
  if (type === 'overlay' && scope === 'local') return `network ${network} now spans this node`;
  // A manager's swarm-scope event names no driver, and until the swarm has allocated the network its inspect names none either.
  const driver = type || known;
  if (driver) return `network ${network} created (${driver} driver)`;
  return scope === 'swarm' ? `network ${network} created for the swarm` : `network ${network} created (unknown driver)`;
}

/** Images change by pull, push, tag, untag, delete, import and load; `name` is the reference, or the id where none is left. */
function imageText(action: string, name: string): string {
  const ref = name.startsWith('sha256:') ? `image ${name.slice(7, 19)}` : `image ${name}`;
  const done: Record<string, string> = {
    pull: 'pulled',
    push: 'pushed',
    tag: 'tagged',
    untag: 'untagged',
    delete: 'removed',
    import: 'imported',
    load: 'loaded',
    save: 'saved',
  };
  return `${ref} ${done[action] ?? action}`;
}

/** A rolling update's progress, as `docker service inspect` spells UpdateStatus.State. */
const UPDATE_STATES: Record<string, string> = {
  updating: 'is updating its tasks',
  paused: 'paused its update',
  completed: 'finished updating',
  rollback_started: 'is rolling back',
  rollback_paused: 'paused its rollback',
  rollback_completed: 'rolled back',
};

/** A manager tells what changed in an update as `replicas.new`, `image.new` and `updatestate.new`; other changes it does not name. */
function serviceText(action: string, name: string, attrs: Record<string, string>, topology: Topology, id: string): string {
  switch (action) {
    case 'create': {
      const service = topology.services.find((s) => s.id === id);
      if (!service) return `service ${name} created`;
      if (service.mode === 'global') return `service ${name} created: ${service.image} on every node`;
      return `service ${name} created: ${service.replicas ?? 0} ${service.replicas === 1 ? 'replica' : 'replicas'} of ${service.image}`;
    }
    case 'remove':
      return `service ${name} removed`;
    case 'update': {
      const changes = [
        ...(attrs['replicas.new'] !== undefined ? [`scaled to ${attrs['replicas.new']}`] : []),
        ...(attrs['image.new'] ? [`now runs ${attrs['image.new'].split('@')[0]}`] : []),
        ...(attrs['updatestate.new'] ? [UPDATE_STATES[attrs['updatestate.new']] ?? `update ${attrs['updatestate.new']}`] : []),
      ];
      return `service ${name} ${changes.join(', ') || 'updated'}`;
    }
    default:
      return `service ${name}: ${action}`;
  }
}

const AVAILABILITY: Record<string, string> = {
  active: 'is active: it takes tasks',
  pause: 'is paused: it takes no new tasks',
  drain: 'is drained: its tasks move to other nodes',
};

/** Node updates name what changed (state, availability, role, leadership); the others (a new network attachment) name nothing. */
function nodeText(action: string, name: string, attrs: Record<string, string>): string {
  switch (action) {
    case 'create':
      return `node ${name} joined the swarm`;
    case 'remove':
      return `node ${name} left the swarm`;
    case 'update': {
      const changes = [
        ...(attrs['state.new'] ? [`is ${attrs['state.new']}`] : []),
        ...(attrs['availability.new'] ? [AVAILABILITY[attrs['availability.new']] ?? `is ${attrs['availability.new']}`] : []),
        ...(attrs['role.new'] === 'manager' ? ['was promoted to manager'] : attrs['role.new'] === 'worker' ? ['was demoted to worker'] : []),
        ...(attrs['leader.new'] === 'true' ? ['is now the leader'] : attrs['leader.new'] === 'false' ? ['is no longer the leader'] : []),
        ...(attrs['reachability.new'] ? [`is ${attrs['reachability.new']} as a manager`] : []),
      ];
      return `node ${name} ${changes.join(', ') || 'updated'}`;
    }
    default:
      return `node ${name}: ${action}`;
  }
}

function containerText(action: string, name: string, attrs: Record<string, string>, fullAction: string): string {
  switch (action) {
    case 'create':
      return `container ${name} created from ${attrs.image ?? 'an image'}`;
    case 'start':
      return `${name} started`;
    case 'restart':
      return `${name} restarted`;
    case 'stop':
      return `${name} was stopped`;
    case 'die':
      return dieText(name, attrs.exitCode);
    case 'kill':
      return killText(name, attrs.signal);
    case 'pause':
      return `${name} paused`;
    case 'unpause':
      return `${name} resumed`;
    case 'destroy':
      return `container ${name} removed`;
    case 'rename':
      return `${(attrs.oldName ?? '').replace(/^\//, '') || 'a container'} renamed to ${name}`;
    case 'oom':
      return `${name} ran out of memory`;
    case 'health_status':
      return `${name} is ${fullAction.split(':')[1]?.trim() ?? 'checked'}`;
    case 'exec_create':
    case 'exec_start': {
      // `exec_start: ping -c 1 db`: the command line, cut short when it is long.
      const command = fullAction.split(':').slice(1).join(':').trim();
      return command ? `${name} runs: ${command.length > 60 ? `${command.slice(0, 59)}…` : command}` : `a command runs inside ${name}`;
    }
    case 'exec_die':
      return `a command inside ${name} ended with code ${attrs.exitCode ?? '?'}`;
    default:
      return `${name}: ${action}`;
  }
}

/**
 * The execs a container's HEALTHCHECK runs: exec_create, exec_start and exec_die at every interval, for as long as
 * the container lives. None of them is news (health_status says when the health changes), and a demo screen would
 * show nothing else. A health check's exec_start names the check's command line, which the container's inspect
 * gave (`checks`); its exec_die names only its exec id, remembered from the exec_start. exec_create is never news:
 * the exec_start that follows it says the same, with the command.
 */
export class HealthCheckExecs {
  private readonly checks = new Map<string, string>();
  /** Health-check execs started and not yet ended; bounded, in case an exec_die is lost with the stream. */
  private readonly running = new Set<string>();

  /** The command line a container's health check runs, as exec_start names it; null: it has none. */
  check(containerId: string, command: string | null): void {
    if (command) this.checks.set(containerId, command);
    else this.checks.delete(containerId);
  }

  forget(containerId: string): void {
    this.checks.delete(containerId);
  }

  /** The event says nothing the activity line should: an exec_create, or a health check's exec. */
  isQuiet(event: DockerEvent): boolean {
    if (event.Type !== 'container') return false;
    const [action, ...command] = event.Action.split(':');
    const execId = event.Actor.Attributes?.execID ?? '';
    if (action === 'exec_create') return true;
    if (action === 'exec_start' && this.checks.get(event.Actor.ID) === command.join(':').trim()) {
      if (this.running.size >= RUNNING_KEPT) this.running.delete(this.running.values().next().value ?? '');
      this.running.add(execId);
      return true;
    }
    return action === 'exec_die' && this.running.delete(execId);
  }
}

const RUNNING_KEPT = 1000;

/**
 * A health check's command line as the Engine names it in exec_start: `CMD a b` runs `a b`, `CMD-SHELL x` runs the
 * container's shell (`/bin/sh -c` unless SHELL set another) with `x`. null for none (`NONE`, or no HEALTHCHECK).
 */
export function healthCheckCommand(test: readonly string[] | undefined, shell: readonly string[] | undefined): string | null {
  const [kind, ...rest] = test ?? [];
  if (kind === 'CMD') return rest.join(' ').trim() || null;
  if (kind === 'CMD-SHELL' && rest[0]) return [...(shell?.length ? shell : ['/bin/sh', '-c']), rest[0]].join(' ');
  return null;
}
