import type { Activity, Topology } from './topology';

/** A Docker event as the Engine's /events stream sends it. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}

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
    text: event.Type === 'network' ? networkText(action, actorName, attrs, topology) : containerText(action, actorName, attrs, event.Action),
  };
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
      return `${name} exited with code ${attrs.exitCode ?? '?'}`;
    case 'kill':
      return `${name} was sent signal ${attrs.signal ?? '?'}`;
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
