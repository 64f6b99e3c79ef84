import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { toElements } from '../../lib/graph/elements';
import type { Topology } from '../../lib/topology';
import { toContainer, toNetwork } from './mapping';

// On a host with IPv6, engines answer `docker run -p 8080:80` with two bindings, on 0.0.0.0 and on ::.
// These fixtures have the shape `docker inspect` returns; the API and the map count each pair as one
// mapping, as the engine reports it on a host without IPv6.

type RawPorts = Record<string, { HostIp: string; HostPort: string }[] | null>;

const NETWORK_ID = 'f2de39df4171b0dc801e8002d1d999b77256983dfc63041c0f34030aa3977566';
const CONTAINER_ID = '4f2a1c0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1';
const ENGINE_ID = 'ENG1:ABCD';

const bridgeRaw = {
  Name: 'bridge',
  Id: NETWORK_ID,
  Created: '2024-05-02T09:14:07.123456789Z',
  Scope: 'local',
  Driver: 'bridge',
  EnableIPv6: false,
  IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
  Internal: false,
  Attachable: false,
  Ingress: false,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: {},
  Options: { 'com.docker.network.bridge.default_bridge': 'true' },
  Labels: {},
} as unknown as Dockerode.NetworkInspectInfo;

function webRaw(ports: RawPorts): Dockerode.ContainerInspectInfo {
  return {
    Id: CONTAINER_ID,
    Created: '2024-06-11T08:31:02.417298655Z',
    Path: '/docker-entrypoint.sh',
    Args: ['nginx', '-g', 'daemon off;'],
    State: {
      Status: 'running',
      Running: true,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 48213,
      ExitCode: 0,
      Error: '',
      StartedAt: '2024-06-11T08:31:03.120934022Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    Image: 'sha256:e4720093a3c1381245b53a5a51b417963b3c4472d3f47fc301930a4f3b17666a',
    Name: '/web',
    RestartCount: 0,
    Driver: 'overlay2',
    Platform: 'linux',
    HostConfig: { NetworkMode: 'bridge', PortBindings: {} },
    Config: { Hostname: '4f2a1c0b9e8d', User: '', Image: 'nginx:1.27-alpine', Labels: {} },
    NetworkSettings: {
      Bridge: '',
      SandboxID: 'c0ffee',
      SandboxKey: '/var/run/docker/netns/c0ffee',
      Ports: ports,
      Networks: {
        bridge: {
          IPAMConfig: null,
          Links: null,
          Aliases: null,
          MacAddress: '02:42:ac:11:00:02',
          DriverOpts: null,
          NetworkID: NETWORK_ID,
          EndpointID: 'aa11bb22',
          Gateway: '172.17.0.1',
          IPAddress: '172.17.0.2',
          IPPrefixLen: 16,
          IPv6Gateway: '',
          GlobalIPv6Address: '',
          GlobalIPV6PrefixLen: 0,
          DNSNames: null,
        },
      },
    },
  } as unknown as Dockerode.ContainerInspectInfo;
}

function picture(ports: RawPorts): ReturnType<typeof toElements> {
  const topology: Topology = {
    engine: {
      id: ENGINE_ID,
      name: 'devbox',
      version: '28.1.1',
      apiVersion: '1.49',
      os: 'linux',
      arch: 'x86_64',
      endpoint: 'unix:///var/run/docker.sock',
      swarm: { state: 'inactive' },
    },
    networks: [toNetwork(bridgeRaw)],
    containers: [toContainer(webRaw(ports))],
    nodes: [],
    services: [],
    tasks: [],
  };
  return toElements(topology);
}

const portNodes = (els: ReturnType<typeof toElements>) => els.nodes.filter((n) => n.kind === 'port');
const edgesOf = (els: ReturnType<typeof toElements>, kind: string) => els.edges.filter((e) => e.kind === kind);

describe('dual-stack port bindings from docker inspect', () => {
  it('maps 0.0.0.0 and :: on one host port to ONE binding on 0.0.0.0', () => {
    const c = toContainer(
      webRaw({
        '80/tcp': [
          { HostIp: '0.0.0.0', HostPort: '8080' },
          { HostIp: '::', HostPort: '8080' },
        ],
      }),
    );
    expect(c.ports).toEqual([{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
  });

  it('draws 0.0.0.0 + :: as ONE port node on all interfaces, with one publish edge and one host-port edge', () => {
    const els = picture({
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '8080' },
        { HostIp: '::', HostPort: '8080' },
      ],
    });
    const ports = portNodes(els);
    expect(ports).toHaveLength(1);
    expect(ports[0]).toMatchObject({ id: 'port:0.0.0.0:8080/tcp', label: ':8080/tcp\nall interfaces', data: { addresses: '0.0.0.0' } });
    expect(edgesOf(els, 'publish').map((e) => [e.source, e.target, e.label])).toEqual([['port:0.0.0.0:8080/tcp', `ctr:${CONTAINER_ID}`, '→ 80/tcp']]);
    expect(edgesOf(els, 'host-port').map((e) => [e.source, e.target])).toEqual([[`host:${ENGINE_ID}`, 'port:0.0.0.0:8080/tcp']]);
  });

  it('draws :: listed before 0.0.0.0 the same way', () => {
    const els = picture({
      '80/tcp': [
        { HostIp: '::', HostPort: '8080' },
        { HostIp: '0.0.0.0', HostPort: '8080' },
      ],
    });
    expect(portNodes(els).map((n) => [n.id, n.data.addresses])).toEqual([['port:0.0.0.0:8080/tcp', '0.0.0.0']]);
  });

  it('draws 127.0.0.1 + ::1 as ONE loopback port node, with one publish edge and one host-port edge', () => {
    const els = picture({
      '80/tcp': [
        { HostIp: '127.0.0.1', HostPort: '8080' },
        { HostIp: '::1', HostPort: '8080' },
      ],
    });
    const ports = portNodes(els);
    expect(ports).toHaveLength(1);
    expect(ports[0]).toMatchObject({ id: 'port:127.0.0.1:8080/tcp', label: ':8080/tcp\nloopback', data: { addresses: '127.0.0.1' } });
    expect(ports[0]!.classes).toContain('loopback');
    expect(edgesOf(els, 'publish')).toHaveLength(1);
    expect(edgesOf(els, 'host-port')).toHaveLength(1);
  });

  it('keeps 0.0.0.0:8080 and 127.0.0.1:8081 as two port nodes', () => {
    const els = picture({
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '8080' },
        { HostIp: '127.0.0.1', HostPort: '8081' },
      ],
    });
    expect(portNodes(els).map((n) => [n.id, n.label])).toEqual([
      ['port:0.0.0.0:8080/tcp', ':8080/tcp\nall interfaces'],
      ['port:127.0.0.1:8081/tcp', ':8081/tcp\nloopback'],
    ]);
    expect(edgesOf(els, 'publish')).toHaveLength(2);
    expect(edgesOf(els, 'host-port')).toHaveLength(2);
  });

  it('keeps an unpublished exposed port (null) off the map', () => {
    const els = picture({
      '443/tcp': null,
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '8080' },
        { HostIp: '::', HostPort: '8080' },
      ],
    });
    expect(portNodes(els)).toHaveLength(1);
  });
});
