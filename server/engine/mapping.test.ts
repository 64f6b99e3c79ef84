import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { Container, Network } from '../../lib/topology';
import { toContainer, toEngineInfo, toNetwork, type RawInfo, type RawVersion } from './mapping';

// Fixtures are what `docker network inspect` / `docker inspect` return on Engine API 1.41+.

const net = (raw: object): Dockerode.NetworkInspectInfo => raw as Dockerode.NetworkInspectInfo;
const ctr = (raw: object): Dockerode.ContainerInspectInfo => raw as Dockerode.ContainerInspectInfo;

const bridgeRaw = net({
  Name: 'bridge',
  Id: 'f2de39df4171b0dc801e8002d1d999b77256983dfc63041c0f34030aa3977566',
  Created: '2024-05-02T09:14:07.123456789Z',
  Scope: 'local',
  Driver: 'bridge',
  EnableIPv6: false,
  IPAM: {
    Driver: 'default',
    Options: null,
    Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }],
  },
  Internal: false,
  Attachable: false,
  Ingress: false,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: {},
  Options: {
    'com.docker.network.bridge.default_bridge': 'true',
    'com.docker.network.bridge.enable_icc': 'true',
    'com.docker.network.bridge.enable_ip_masquerade': 'true',
    'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
    'com.docker.network.bridge.name': 'docker0',
    'com.docker.network.driver.mtu': '1500',
  },
  Labels: {},
});

const hostRaw = net({
  Name: 'host',
  Id: '7a2b54c0b4a3c2e9a1f0d1e0b5e3c4d2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6',
  Created: '2023-11-20T16:02:41.554390202Z',
  Scope: 'local',
  Driver: 'host',
  EnableIPv6: false,
  IPAM: { Driver: 'default', Options: null, Config: [] },
  Internal: false,
  Attachable: false,
  Ingress: false,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: {},
  Options: {},
  Labels: {},
});

const noneRaw = net({
  Name: 'none',
  Id: '3c1e8f2d7b6a5948372615a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4',
  Created: '2023-11-20T16:02:41.540112931Z',
  Scope: 'local',
  Driver: 'null',
  EnableIPv6: false,
  IPAM: { Driver: 'default', Options: null, Config: [] },
  Internal: false,
  Attachable: false,
  Ingress: false,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: {},
  Options: {},
  Labels: {},
});

const demoNetRaw = net({
  Name: 'demo-net',
  Id: '9d1c3b5a7e9f1a3c5e7d9b1f3a5c7e9d1b3f5a7c9e1d3b5f7a9c1e3d5b7f9a1c',
  Created: '2024-06-11T08:30:00.000000001Z',
  Scope: 'local',
  Driver: 'bridge',
  EnableIPv6: true,
  IPAM: {
    Driver: 'default',
    Options: {},
    Config: [
      {
        Subnet: '172.18.0.0/16',
        IPRange: '172.18.5.0/24',
        Gateway: '172.18.0.1',
      },
      { Subnet: 'fd00:dead:beef::/64' },
    ],
  },
  Internal: true,
  Attachable: true,
  Ingress: false,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: {
    '4f2a1c0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1': {
      Name: 'web1',
      EndpointID: 'aa11bb22',
      MacAddress: '02:42:ac:12:00:02',
      IPv4Address: '172.18.0.2/16',
      IPv6Address: '',
    },
  },
  Options: { 'com.docker.network.bridge.name': 'br-demo' },
  Labels: { 'com.example.owner': 'workshop' },
});

const ingressRaw = net({
  Name: 'ingress',
  Id: 'p3ks8gq7o1x2yl0v5m9n4c6b7',
  Created: '2024-06-01T10:00:00.123Z',
  Scope: 'swarm',
  Driver: 'overlay',
  EnableIPv6: false,
  IPAM: {
    Driver: 'default',
    Options: null,
    Config: [{ Subnet: '10.0.0.0/24', Gateway: '10.0.0.1' }],
  },
  Internal: false,
  Attachable: false,
  Ingress: true,
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: null,
  Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' },
  Labels: {},
});

describe('toNetwork', () => {
  it('maps the default bridge network as predefined with its subnet and gateway', () => {
    expect(toNetwork(bridgeRaw)).toEqual<Network>({
      id: 'f2de39df4171b0dc801e8002d1d999b77256983dfc63041c0f34030aa3977566',
      name: 'bridge',
      driver: 'bridge',
      scope: 'local',
      internal: false,
      attachable: false,
      ingress: false,
      ipv6: false,
      predefined: true,
      subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
      labels: {},
      options: {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0',
        'com.docker.network.driver.mtu': '1500',
      },
      createdAt: '2024-05-02T09:14:07.123456789Z',
    });
  });

  it('maps the host network as predefined with no subnets when IPAM Config is empty', () => {
    expect(toNetwork(hostRaw)).toEqual<Network>({
      id: '7a2b54c0b4a3c2e9a1f0d1e0b5e3c4d2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6',
      name: 'host',
      driver: 'host',
      scope: 'local',
      internal: false,
      attachable: false,
      ingress: false,
      ipv6: false,
      predefined: true,
      subnets: [],
      labels: {},
      options: {},
      createdAt: '2023-11-20T16:02:41.554390202Z',
    });
  });

  it('maps the none network (driver "null") as predefined with no subnets', () => {
    const none = toNetwork(noneRaw);
    expect(none).toMatchObject({
      name: 'none',
      driver: 'null',
      predefined: true,
      subnets: [],
    });
  });

  it('maps a user network as not predefined, keeping flags, labels, options and every subnet', () => {
    expect(toNetwork(demoNetRaw)).toEqual<Network>({
      id: '9d1c3b5a7e9f1a3c5e7d9b1f3a5c7e9d1b3f5a7c9e1d3b5f7a9c1e3d5b7f9a1c',
      name: 'demo-net',
      driver: 'bridge',
      scope: 'local',
      internal: true,
      attachable: true,
      ingress: false,
      ipv6: true,
      predefined: false,
      subnets: [
        {
          subnet: '172.18.0.0/16',
          gateway: '172.18.0.1',
          ipRange: '172.18.5.0/24',
        },
        { subnet: 'fd00:dead:beef::/64' },
      ],
      labels: { 'com.example.owner': 'workshop' },
      options: { 'com.docker.network.bridge.name': 'br-demo' },
      createdAt: '2024-06-11T08:30:00.000000001Z',
    });
  });

  it('omits gateway and ipRange keys when the Engine does not report them', () => {
    const [v6] = toNetwork(demoNetRaw).subnets.slice(1);
    expect(v6).toEqual({ subnet: 'fd00:dead:beef::/64' });
    expect(Object.keys(v6 ?? {})).toEqual(['subnet']);
  });

  it('omits gateway and ipRange keys when the Engine reports them as empty strings', () => {
    const raw = net({
      ...demoNetRaw,
      IPAM: {
        Driver: 'default',
        Config: [{ Subnet: '10.9.0.0/16', Gateway: '', IPRange: '' }],
      },
    });
    expect(toNetwork(raw).subnets).toEqual([{ subnet: '10.9.0.0/16' }]);
    expect(Object.keys(toNetwork(raw).subnets[0] ?? {})).toEqual(['subnet']);
  });

  it('maps the swarm ingress network (Ingress true) as predefined', () => {
    expect(toNetwork(ingressRaw)).toEqual<Network>({
      id: 'p3ks8gq7o1x2yl0v5m9n4c6b7',
      name: 'ingress',
      driver: 'overlay',
      scope: 'swarm',
      internal: false,
      attachable: false,
      ingress: true,
      ipv6: false,
      predefined: true,
      subnets: [{ subnet: '10.0.0.0/24', gateway: '10.0.0.1' }],
      labels: {},
      options: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' },
      createdAt: '2024-06-01T10:00:00.123Z',
    });
  });

  it('maps docker_gwbridge as predefined', () => {
    const raw = net({
      ...demoNetRaw,
      Name: 'docker_gwbridge',
      Internal: false,
      Attachable: false,
      Labels: {},
    });
    expect(toNetwork(raw).predefined).toBe(true);
  });

  it('does not treat a user network named like "bridge-2" as predefined', () => {
    expect(toNetwork(net({ ...demoNetRaw, Name: 'bridge-2' })).predefined).toBe(false);
  });

  it('maps a network whose IPAM Config is null to no subnets', () => {
    const raw = net({
      ...demoNetRaw,
      IPAM: { Driver: 'default', Options: null, Config: null },
    });
    expect(toNetwork(raw).subnets).toEqual([]);
  });

  it('maps a network without any IPAM section to no subnets', () => {
    const { IPAM: _ipam, ...withoutIpam } = demoNetRaw;
    expect(toNetwork(net(withoutIpam)).subnets).toEqual([]);
  });

  it('maps null Labels and missing Options to empty objects', () => {
    const { Options: _options, ...rest } = demoNetRaw;
    const mapped = toNetwork(net({ ...rest, Labels: null }));
    expect(mapped.labels).toEqual({});
    expect(mapped.options).toEqual({});
  });

  it('does not share labels or options objects with the raw document', () => {
    const mapped = toNetwork(demoNetRaw);
    mapped.labels.extra = 'x';
    mapped.options.extra = 'x';
    expect(demoNetRaw.Labels).toEqual({ 'com.example.owner': 'workshop' });
    expect(demoNetRaw.Options).toEqual({
      'com.docker.network.bridge.name': 'br-demo',
    });
  });
});

function endpointRaw(overrides: Partial<Dockerode.EndpointSettings>): Dockerode.EndpointSettings {
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    MacAddress: '',
    DriverOpts: null,
    NetworkID: '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPV6PrefixLen: 0,
    DNSNames: null,
    ...overrides,
  } as unknown as Dockerode.EndpointSettings;
}

const web1Raw = ctr({
  Id: '4f2a1c0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1',
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
  Name: '/web1',
  RestartCount: 0,
  Driver: 'overlay2',
  Platform: 'linux',
  HostConfig: {
    NetworkMode: 'demo-net',
    PortBindings: {
      '80/tcp': [{ HostIp: '', HostPort: '8080' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
    },
  },
  Config: {
    Hostname: '4f2a1c0b9e8d',
    User: '',
    ExposedPorts: { '80/tcp': {}, '443/tcp': {}, '53/udp': {} },
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NGINX_VERSION=1.27.0'],
    Cmd: ['nginx', '-g', 'daemon off;'],
    Image: 'nginx:1.27-alpine',
    Labels: {
      'com.example.role': 'frontend',
      maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>',
    },
  },
  NetworkSettings: {
    Bridge: '',
    SandboxID: 'c0ffee',
    SandboxKey: '/var/run/docker/netns/c0ffee',
    Ports: {
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '8080' },
        { HostIp: '::', HostPort: '8080' },
      ],
      '443/tcp': null,
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
    },
    Networks: {
      'demo-net': endpointRaw({
        Aliases: ['web1', '4f2a1c0b9e8d'],
        MacAddress: '02:42:ac:12:00:02',
        NetworkID: '9d1c3b5a7e9f1a3c5e7d9b1f3a5c7e9d1b3f5a7c9e1d3b5f7a9c1e3d5b7f9a1c',
        EndpointID: 'aa11bb22',
        Gateway: '172.18.0.1',
        IPAddress: '172.18.0.2',
        IPPrefixLen: 16,
        IPv6Gateway: 'fd00:dead:beef::1',
        GlobalIPv6Address: 'fd00:dead:beef::2',
        GlobalIPV6PrefixLen: 64,
      }),
      bridge: endpointRaw({
        MacAddress: '02:42:ac:11:00:03',
        NetworkID: 'f2de39df4171b0dc801e8002d1d999b77256983dfc63041c0f34030aa3977566',
        EndpointID: 'cc33dd44',
        Gateway: '172.17.0.1',
        IPAddress: '172.17.0.3',
        IPPrefixLen: 16,
      }),
      'backend-net': endpointRaw({
        Aliases: ['web', 'frontend'],
        MacAddress: '02:42:ac:13:00:04',
        NetworkID: '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a',
        EndpointID: 'ee55ff66',
        Gateway: '172.19.0.1',
        IPAddress: '172.19.0.4',
        IPPrefixLen: 16,
      }),
    },
  },
});

const stoppedRaw = ctr({
  Id: 'b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6',
  Created: '2024-06-10T19:00:00.000000000Z',
  Path: 'sh',
  Args: ['-c', 'exit 3'],
  State: {
    Status: 'exited',
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: 3,
    Error: '',
    StartedAt: '2024-06-10T19:00:01.000000000Z',
    FinishedAt: '2024-06-10T19:00:02.500000000Z',
  },
  Image: 'sha256:1d34ffeaf190be23d3de5a8de0a436676b758f48f835c3a2d4768b798c15a7f1',
  Name: '/job-runner',
  HostConfig: { NetworkMode: 'none', PortBindings: {} },
  Config: {
    Hostname: 'b7e6d5c4b3a2',
    User: '1009',
    Image: 'busybox:1.36',
    Labels: {},
  },
  NetworkSettings: {
    Bridge: '',
    SandboxID: '',
    SandboxKey: '',
    Ports: {},
    Networks: {},
  },
});

describe('toContainer', () => {
  it('maps a running container on three networks to endpoints sorted by network name and ports sorted by number', () => {
    expect(toContainer(web1Raw)).toEqual<Container>({
      id: '4f2a1c0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1',
      name: 'web1',
      image: 'nginx:1.27-alpine',
      state: 'running',
      status: 'Up since 2024-06-11T08:31:03.120934022Z',
      user: '',
      networkMode: 'demo-net',
      endpoints: [
        {
          networkId: '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a',
          networkName: 'backend-net',
          ipv4: '172.19.0.4',
          ipv6: '',
          mac: '02:42:ac:13:00:04',
          aliases: ['web', 'frontend'],
          gateway: '172.19.0.1',
        },
        {
          networkId: 'f2de39df4171b0dc801e8002d1d999b77256983dfc63041c0f34030aa3977566',
          networkName: 'bridge',
          ipv4: '172.17.0.3',
          ipv6: '',
          mac: '02:42:ac:11:00:03',
          aliases: [],
          gateway: '172.17.0.1',
        },
        {
          networkId: '9d1c3b5a7e9f1a3c5e7d9b1f3a5c7e9d1b3f5a7c9e1d3b5f7a9c1e3d5b7f9a1c',
          networkName: 'demo-net',
          ipv4: '172.18.0.2',
          ipv6: 'fd00:dead:beef::2',
          mac: '02:42:ac:12:00:02',
          aliases: ['web1'],
          gateway: '172.18.0.1',
        },
      ],
      ports: [
        {
          hostIp: '127.0.0.1',
          hostPort: 5353,
          containerPort: 53,
          protocol: 'udp',
        },
        {
          hostIp: '0.0.0.0',
          hostPort: 8080,
          containerPort: 80,
          protocol: 'tcp',
        },
      ],
      labels: {
        'com.example.role': 'frontend',
        maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>',
      },
      createdAt: '2024-06-11T08:31:02.417298655Z',
    });
  });

  it('maps an exposed port without a host binding ("443/tcp": null) to no port binding', () => {
    const ports = toContainer(web1Raw).ports;
    expect(ports.some((p) => p.containerPort === 443)).toBe(false);
    expect(ports).toHaveLength(2);
  });

  it('maps a stopped container with no networks and no ports, keeping a non-root user', () => {
    expect(toContainer(stoppedRaw)).toEqual<Container>({
      id: 'b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6',
      name: 'job-runner',
      image: 'busybox:1.36',
      state: 'exited',
      status: 'Exited (3) at 2024-06-10T19:00:02.500000000Z',
      user: '1009',
      networkMode: 'none',
      endpoints: [],
      ports: [],
      labels: {},
      createdAt: '2024-06-10T19:00:00.000000000Z',
    });
  });

  it('maps an empty Config.User to "" (root)', () => {
    expect(toContainer(web1Raw).user).toBe('');
  });

  it('maps a missing Config.User to "" (root)', () => {
    const { User: _user, ...config } = stoppedRaw.Config;
    expect(toContainer(ctr({ ...stoppedRaw, Config: config })).user).toBe('');
  });

  it('removes only the leading "/" from the name', () => {
    expect(toContainer(ctr({ ...stoppedRaw, Name: '/a/b' })).name).toBe('a/b');
    expect(toContainer(ctr({ ...stoppedRaw, Name: 'plain' })).name).toBe('plain');
  });

  it('maps null Ports and null Networks (a container being removed) to empty lists', () => {
    const raw = ctr({
      ...stoppedRaw,
      NetworkSettings: {
        ...stoppedRaw.NetworkSettings,
        Ports: null,
        Networks: null,
      },
    });
    const mapped = toContainer(raw);
    expect(mapped.endpoints).toEqual([]);
    expect(mapped.ports).toEqual([]);
  });

  it('maps a container in the host network to one endpoint with no addresses', () => {
    const raw = ctr({
      ...stoppedRaw,
      HostConfig: { NetworkMode: 'host' },
      NetworkSettings: {
        ...stoppedRaw.NetworkSettings,
        Networks: {
          host: endpointRaw({
            NetworkID: '7a2b54c0b4a3c2e9a1f0d1e0b5e3c4d2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6',
            EndpointID: 'ab12',
          }),
        },
      },
    });
    expect(toContainer(raw).endpoints).toEqual([
      {
        networkId: '7a2b54c0b4a3c2e9a1f0d1e0b5e3c4d2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6',
        networkName: 'host',
        ipv4: '',
        ipv6: '',
        mac: '',
        aliases: [],
      },
    ]);
  });

  it('does not share endpoint aliases with the raw document', () => {
    const mapped = toContainer(web1Raw);
    mapped.endpoints[0]?.aliases.push('changed');
    expect(web1Raw.NetworkSettings.Networks['backend-net']?.Aliases).toEqual(['web', 'frontend']);
  });

  describe('status', () => {
    const withState = (state: Partial<Dockerode.ContainerInspectInfo['State']>) =>
      toContainer(ctr({ ...web1Raw, State: { ...web1Raw.State, ...state } })).status;

    it('says "Up since <start time>" for a running container, never a relative time', () => {
      expect(withState({})).toBe('Up since 2024-06-11T08:31:03.120934022Z');
      expect(withState({})).not.toMatch(/ago|minute|second|hour/);
    });

    it('is the same string each time the same container is mapped', () => {
      expect(withState({})).toBe(withState({}));
    });

    it('adds the health state of a running container with a health check', () => {
      expect(withState({ Health: { Status: 'healthy', FailingStreak: 0, Log: [] } })).toBe('Up since 2024-06-11T08:31:03.120934022Z (healthy)');
      expect(
        withState({
          Health: { Status: 'starting', FailingStreak: 0, Log: [] },
        }),
      ).toBe('Up since 2024-06-11T08:31:03.120934022Z (starting)');
    });

    it('leaves out a health state of "none"', () => {
      expect(withState({ Health: { Status: 'none', FailingStreak: 0, Log: [] } })).toBe('Up since 2024-06-11T08:31:03.120934022Z');
    });

    it('says "(Paused)" for a paused container', () => {
      expect(withState({ Status: 'paused', Paused: true })).toBe('Up since 2024-06-11T08:31:03.120934022Z (Paused)');
    });

    it('says "Restarting (<exit code>)" for a restarting container', () => {
      expect(withState({ Status: 'restarting', Restarting: true, ExitCode: 1 })).toBe('Restarting (1)');
    });

    it('says "Exited (<code>) at <finish time>" for an exited container', () => {
      expect(
        withState({
          Status: 'exited',
          Running: false,
          ExitCode: 137,
          FinishedAt: '2024-06-11T09:00:00Z',
        }),
      ).toBe('Exited (137) at 2024-06-11T09:00:00Z');
    });

    it('says "Created" for a container never started', () => {
      expect(
        withState({
          Status: 'created',
          Running: false,
          StartedAt: '0001-01-01T00:00:00Z',
        }),
      ).toBe('Created');
    });

    it('capitalises other states such as "dead" and "removing"', () => {
      expect(withState({ Status: 'dead' })).toBe('Dead');
      expect(withState({ Status: 'removing' })).toBe('Removing');
    });
  });
});

describe('toEngineInfo', () => {
  const version: RawVersion = {
    Version: '27.3.1',
    ApiVersion: '1.47',
    Os: 'linux',
    Arch: 'amd64',
  };

  it('maps an engine outside swarm to swarm state "inactive" with no node id or manager flag', () => {
    const info: RawInfo = {
      ID: 'f0a1b2c3-d4e5-4f60-8a9b-0c1d2e3f4a5b',
      Name: 'workstation',
      OSType: 'linux',
      Architecture: 'x86_64',
      Swarm: {
        LocalNodeState: 'inactive',
        NodeID: '',
        ControlAvailable: false,
      },
    };
    expect(toEngineInfo(info, version, 'unix:///var/run/docker.sock')).toEqual({
      id: 'f0a1b2c3-d4e5-4f60-8a9b-0c1d2e3f4a5b',
      name: 'workstation',
      version: '27.3.1',
      apiVersion: '1.47',
      os: 'linux',
      arch: 'amd64',
      endpoint: 'unix:///var/run/docker.sock',
      swarm: { state: 'inactive' },
    });
  });

  it('maps an active swarm manager to its node id and manager true', () => {
    const info: RawInfo = {
      ID: 'f0a1b2c3-d4e5-4f60-8a9b-0c1d2e3f4a5b',
      Name: 'manager-1',
      OSType: 'linux',
      Architecture: 'aarch64',
      Swarm: {
        LocalNodeState: 'active',
        NodeID: 'x2k9p0q8r7s6t5u4v3w2y1z0a',
        ControlAvailable: true,
      },
    };
    expect(toEngineInfo(info, { ...version, Arch: 'arm64' }, 'tcp://192.0.2.10:2376')).toEqual({
      id: 'f0a1b2c3-d4e5-4f60-8a9b-0c1d2e3f4a5b',
      name: 'manager-1',
      version: '27.3.1',
      apiVersion: '1.47',
      os: 'linux',
      arch: 'arm64',
      endpoint: 'tcp://192.0.2.10:2376',
      swarm: {
        state: 'active',
        nodeId: 'x2k9p0q8r7s6t5u4v3w2y1z0a',
        manager: true,
      },
    });
  });

  it('maps an active swarm worker to manager false', () => {
    const info: RawInfo = {
      Swarm: {
        LocalNodeState: 'active',
        NodeID: 'w0rk3r',
        ControlAvailable: false,
      },
    };
    expect(toEngineInfo(info, version, 'e').swarm).toEqual({
      state: 'active',
      nodeId: 'w0rk3r',
      manager: false,
    });
  });

  it('falls back to Info OSType/Architecture and empty strings when version fields are missing', () => {
    const info: RawInfo = { OSType: 'linux', Architecture: 'x86_64' };
    expect(toEngineInfo(info, {}, 'unix:///run/user/1000/docker.sock')).toEqual({
      id: '',
      name: '',
      version: '',
      apiVersion: '',
      os: 'linux',
      arch: 'x86_64',
      endpoint: 'unix:///run/user/1000/docker.sock',
      swarm: { state: 'inactive' },
    });
  });
});
