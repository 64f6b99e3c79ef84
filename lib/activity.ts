import type { Activity, Topology } from './topology';

/** A Docker event as the Engine's /events stream sends it. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
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
    text:
      event.Type === 'network'
        ? networkText(action, actorName, attrs, topology)
        : event.Type === 'image'
          ? imageText(action, attrs.name ?? event.Actor.ID)
          : containerText(action, actorName, attrs, event.Action),
    said: engineLine(event),
  };
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

function networkText(action: string, network: string, attrs: Record<string, string>, topology: Topology): string {
  const containerId = attrs.container ?? '';
  const container = topology.containers.find((c) => c.id === containerId);
  const who = container?.name ?? containerId.slice(0, 12);
  switch (action) {
    case 'create':
      return `network ${network} created (${attrs.type ?? 'unknown'} driver)`;
    case 'destroy':
      return `network ${network} removed`;
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
    case 'exec_start':
      return `a command runs inside ${name}`;
    case 'exec_die':
      return `a command inside ${name} ended with code ${attrs.exitCode ?? '?'}`;
    default:
      return `${name}: ${action}`;
  }
}
