import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { toContainer, toNetwork, toSecurity } from './mapping';

// The same `docker network create --subnet 10.231.7.0/24 lan` and
// `docker run --network lan --network-alias web -p 8080:80` as inspected on
// Docker 20.10 (API 1.41) and 26.1 (API 1.45), taken from those engines, and an
// IPv6-only network of Docker 28 (API 1.49) shaped after its API reference.
// Fields a version lacks are absent from its document, as the Engine sends it.

const network = (extra: object) =>
  ({
    Name: 'lan',
    Id: 'd26007fbef3ba2ac8f9fc4f7d7665e338ea5c69cefad9a2abcb6a9d5250eb7cc',
    Created: '2026-11-29T18:24:18.613728046Z',
    Scope: 'local',
    Driver: 'bridge',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.231.7.0/24' }] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: {},
    Options: {},
    Labels: {},
    ...extra,
  }) as unknown as Dockerode.NetworkInspectInfo;

const ID = '84f485c8a232ae312b84b9d4a5dc5342a8aab0515ba36a85c921bf4c95c622d3';

const container = (endpoint: object, ports: object) =>
  ({
    Id: ID,
    Created: '2026-11-29T18:24:19.385878953Z',
    Name: '/web-1',
    State: { Status: 'running', Running: true, ExitCode: 0, StartedAt: '2026-11-29T18:24:21.901564331Z', FinishedAt: '0001-01-01T00:00:00Z' },
    Config: { User: '', Image: 'portolan/busybox:test', Labels: {}, ExposedPorts: { '80/tcp': {} } },
    HostConfig: { NetworkMode: 'lan', PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] }, Memory: 0 },
    Mounts: [],
    NetworkSettings: {
      Ports: ports,
      Networks: {
        lan: {
          IPAMConfig: null,
          Links: null,
          NetworkID: 'd26007fbef3ba2ac8f9fc4f7d7665e338ea5c69cefad9a2abcb6a9d5250eb7cc',
          EndpointID: 'da10118bd36a3c42a373b2bba84ec10aec6a33a494afccd3ea847c3a22491c3d',
          Gateway: '10.231.7.1',
          IPAddress: '10.231.7.2',
          IPPrefixLen: 24,
          IPv6Gateway: '',
          GlobalIPv6Address: '',
          GlobalIPv6PrefixLen: 0,
          MacAddress: '02:42:0a:e7:07:02',
          DriverOpts: null,
          ...endpoint,
        },
      },
    },
  }) as unknown as Dockerode.ContainerInspectInfo;

const dualStack = {
  '80/tcp': [
    { HostIp: '0.0.0.0', HostPort: '8080' },
    { HostIp: '::', HostPort: '8080' },
  ],
};

const docker2010 = container({ Aliases: ['web', ID.slice(0, 12)] }, dualStack);
const docker261 = container({ Aliases: ['web'], DNSNames: ['web-1', 'web', ID.slice(0, 12)] }, dualStack);

describe('the same network and container on Docker 20.10 and 26.1', () => {
  it('map the network, which carries no EnableIPv4 before Docker 28, with no IPv4 flag: IPv4 is on', () => {
    const lan = toNetwork(network({}));
    expect(lan).not.toHaveProperty('ipv4');
    expect(lan).toMatchObject({ name: 'lan', ipv6: false, subnets: [{ subnet: '10.231.7.0/24' }] });
  });

  it('map to the same ports, endpoint address, MAC and aliases; only 26.1 adds its DNS names', () => {
    const [old, now] = [toContainer(docker2010), toContainer(docker261)];
    expect(now.ports).toEqual(old.ports);
    expect(old.ports).toEqual([{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
    expect(old.endpoints).toEqual([
      {
        networkId: expect.any(String),
        networkName: 'lan',
        ipv4: '10.231.7.2',
        ipv6: '',
        mac: '02:42:0a:e7:07:02',
        aliases: ['web'],
        gateway: '10.231.7.1',
      },
    ]);
    expect(now.endpoints).toEqual([{ ...old.endpoints[0], dnsNames: ['web-1', 'web', ID.slice(0, 12)] }]);
  });

  it('audit the same configured binding', () => {
    expect(toSecurity(docker261).ports).toEqual(toSecurity(docker2010).ports);
  });

  it('take a null DNSNames as no names reported', () => {
    expect(toContainer(container({ Aliases: null, DNSNames: null }, {})).endpoints[0]).not.toHaveProperty('dnsNames');
  });
});

describe('fields of Docker 28 (API 1.48 and later)', () => {
  const ipv6Only = network({
    EnableIPv4: false,
    EnableIPv6: true,
    IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: 'fd00:7::/64', Gateway: 'fd00:7::1' }] },
  });
  const onIpv6Only = container(
    {
      Aliases: ['web'],
      DNSNames: ['web-1', 'web', ID.slice(0, 12)],
      GwPriority: 10,
      MacAddress: '6a:1f:3c:00:7e:21',
      Gateway: '',
      IPAddress: '',
      IPPrefixLen: 0,
      IPv6Gateway: 'fd00:7::1',
      GlobalIPv6Address: 'fd00:7::2',
      GlobalIPv6PrefixLen: 64,
    },
    { '80/tcp': [{ HostIp: '::', HostPort: '8080' }], '443/tcp': null },
  );

  it('maps EnableIPv4 false to an IPv6-only network, and true when the Engine says so', () => {
    expect(toNetwork(ipv6Only)).toMatchObject({ ipv4: false, ipv6: true, subnets: [{ subnet: 'fd00:7::/64', gateway: 'fd00:7::1' }] });
    expect(toNetwork(network({ EnableIPv4: true })).ipv4).toBe(true);
  });

  it('maps the endpoint’s own MAC, its IPv6 address without IPv4, its DNS names and gateway priority', () => {
    expect(toContainer(onIpv6Only).endpoints).toEqual([
      {
        networkId: 'd26007fbef3ba2ac8f9fc4f7d7665e338ea5c69cefad9a2abcb6a9d5250eb7cc',
        networkName: 'lan',
        ipv4: '',
        ipv6: 'fd00:7::2',
        mac: '6a:1f:3c:00:7e:21',
        aliases: ['web'],
        dnsNames: ['web-1', 'web', ID.slice(0, 12)],
        gwPriority: 10,
      },
    ]);
  });

  it('keeps a binding on the IPv6 unspecified address alone as it is', () => {
    expect(toContainer(onIpv6Only).ports).toEqual([{ hostIp: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
  });

  it('keeps a gateway priority of 0, which is a value, not an absence', () => {
    expect(toContainer(container({ GwPriority: 0 }, {})).endpoints[0]?.gwPriority).toBe(0);
  });
});
