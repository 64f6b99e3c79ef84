import { describe, expect, it } from 'vitest';
import { HOST_H } from '../../lib/graph/layout';
import { displayLabel } from './drawing';
import { PRESENTER_HOST_3_LINES, TYPE } from './graphStyle';

const host = (swarm: string) => ({ kind: 'host' as const, label: `vm\nDocker 20.10.24+dfsg1\nswarm ${swarm}` });
/** cytoscape's line height in the style, in ems. */
const LINE_HEIGHT = 1.1;

describe('the host label', () => {
  it('in the normal view keeps its three lines: name, version, swarm state', () => {
    expect(displayLabel(host('inactive'), 'normal').split('\n')).toEqual(['vm', 'Docker 20.10.24+dfsg1', 'swarm inactive']);
  });

  it('in the room says its name and version in two lines, which fit the node at the room size', () => {
    expect(displayLabel(host('inactive'), 'presenter').split('\n')).toEqual(['vm', 'Docker 20.10.24']);
    expect(2 * TYPE.presenter.host * LINE_HEIGHT).toBeLessThanOrEqual(HOST_H - 8);
  });

  it('in the room keeps the swarm line for a swarm, at a size where three lines fit the node', () => {
    expect(displayLabel(host('active'), 'presenter').split('\n')).toEqual(['vm', 'Docker 20.10.24', 'swarm active']);
    expect(3 * PRESENTER_HOST_3_LINES * LINE_HEIGHT).toBeLessThanOrEqual(HOST_H - 8);
  });
});

describe('the published ports of a collapsed network', () => {
  const ports = { kind: 'ports' as const, label: '3 ports published\n:80 :443 :8080' };

  it('say how many and which in the normal view', () => {
    expect(displayLabel(ports, 'normal')).toBe('3 ports published\n:80 :443 :8080');
  });

  it('say how many, whole, in the room', () => {
    expect(displayLabel(ports, 'presenter')).toBe('3 ports');
  });
});

describe('the swarm’s labels', () => {
  const node = (status: string) => ({ kind: 'swarm-node' as const, label: `worker-2\n${status}\n192.0.2.13\nDocker 26.1.5` });

  it('give a node its hostname, status and address outside the room, hostname and status in it', () => {
    expect(displayLabel(node('worker'), 'normal')).toBe('worker-2\nworker\n192.0.2.13');
    expect(displayLabel(node('leader ★'), 'presenter')).toBe('worker-2\nleader ★');
  });

  it('shorten a status by whole words, the most pressing first, so DOWN is never what an ellipsis takes', () => {
    expect(displayLabel(node('DOWN · worker'), 'presenter').split('\n')[1]).toBe('DOWN');
    expect(displayLabel(node('DOWN · drained · manager'), 'normal').split('\n')[1]).toMatch(/^DOWN( · drained)?$/);
  });

  it('name the service a routing-mesh port leads to, in the room too; a host-mode port says its number', () => {
    expect(displayLabel({ kind: 'port', label: ':8080/tcp → web\nmesh → task :80' }, 'presenter')).toBe(':8080 → web');
    expect(displayLabel({ kind: 'port', label: ':8080/tcp → web\nmesh → task :80' }, 'normal')).toBe(':8080/tcp → web\nmesh → task :80');
    expect(displayLabel({ kind: 'port', label: ':9090/tcp\non worker-1 only' }, 'presenter')).toBe(':9090/tcp');
  });

  it('give a task its name and its address, and a service its name and replicas', () => {
    expect(displayLabel({ kind: 'task', label: 'web.2\n10.0.1.4' }, 'presenter')).toBe('web.2\n10.0.1.4');
    expect(displayLabel({ kind: 'service', label: 'web\n3/3 running\nbusybox\n:8080→80/tcp ingress' }, 'normal')).toBe('web\n3/3 running');
  });
});
