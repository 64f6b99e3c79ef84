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
