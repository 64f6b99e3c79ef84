import { emptyEngine, type Container, type EngineInfo, type Endpoint, type Network, type PortBinding, type Topology } from '../topology';

// Builders of Topology objects for unit tests: each fills every field with a plain default, so a test names
// only what it is about. Pure, and imported by *.test.ts files alone, so no bundle ever holds it.

/** A user-defined bridge network with id `n-<name>`, no subnets, labels or options. */
export function network(name: string, over: Partial<Network> = {}): Network {
  return {
    id: `n-${name}`,
    name,
    driver: 'bridge',
    scope: 'local',
    internal: false,
    attachable: false,
    ingress: false,
    ipv6: false,
    predefined: false,
    subnets: [],
    labels: {},
    options: {},
    createdAt: '2024-06-11T08:30:00Z',
    ...over,
  };
}

/** A running container with id `c-<name>`, on no network, publishing nothing, run as root (no user). */
export function container(name: string, over: Partial<Container> = {}): Container {
  return {
    id: `c-${name}`,
    name,
    image: 'busybox:1.36',
    state: 'running',
    status: 'Up 2 minutes',
    user: '',
    networkMode: 'bridge',
    endpoints: [],
    ports: [],
    labels: {},
    createdAt: '2024-06-11T08:31:02Z',
    ...over,
  };
}

/** A container's attachment to `net`, with these addresses (none by default) and no aliases. */
export function endpoint(net: Pick<Network, 'id' | 'name'>, ipv4 = '', ipv6 = ''): Endpoint {
  return { networkId: net.id, networkName: net.name, ipv4, ipv6, mac: '', aliases: [] };
}

export function port(hostIp: string, hostPort: number, containerPort: number, protocol: PortBinding['protocol'] = 'tcp'): PortBinding {
  return { hostIp, hostPort, containerPort, protocol };
}

/** A picture of these networks and containers as given, with no swarm, on an engine that says nothing of itself. */
export function topology(
  networks: Network[],
  containers: Container[] = [],
  engine: EngineInfo = emptyEngine('unix:///var/run/docker.sock'),
): Topology {
  return { engine, networks, containers, nodes: [], services: [], tasks: [] };
}
