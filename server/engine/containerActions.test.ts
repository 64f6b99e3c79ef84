import { describe, expect, it } from 'vitest';
import type { Container, Topology } from '../../lib/topology';
import { portHint } from './containerActions';

const web = { id: 'c1', name: 'web', ports: [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }] } as Container;
const topology = { networks: [], containers: [web] } as unknown as Topology;
const asked = [{ hostPort: 8080, protocol: 'tcp' }];

describe('portHint: a refused host port, in the words of every engine version', () => {
  it.each([
    ['20.10 to 26', 'driver failed programming external connectivity on endpoint x: Bind for 0.0.0.0:8080 failed: port is already allocated'],
    ['28', 'failed to set up container networking: failed to bind host port for 0.0.0.0:8080:172.17.0.3:80/tcp: address already in use'],
  ])('names the container that publishes the asked port (%s)', (_, message) => {
    expect(portHint(topology, asked)(message)).toBe('Choose another host port. web publishes 8080 already.');
  });

  it('names no holder when none publishes the asked port on that protocol', () => {
    expect(portHint(topology, [{ hostPort: 8080, protocol: 'udp' }])('port is already allocated')).toBe('Choose another host port.');
  });

  it('says nothing about other refusals', () => {
    expect(portHint(topology, asked)('No such image: nginx')).toBeUndefined();
  });
});
