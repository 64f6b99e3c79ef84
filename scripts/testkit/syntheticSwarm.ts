/**
 * A three-node swarm as its manager reports it, made up: for the map's unit tests and for an end-to-end server that
 * must not need a real swarm. Addresses are from TEST-NET (192.0.2.0/24) and the overlays' own subnets; nothing here
 * is ever contacted.
 */
import { network as aNetwork } from '../../lib/testing/topology';
import { byName, type Container, type Network, type PatchOp, type Service, type SwarmNode, type Task, type Topology } from '../../lib/topology';

/** Swarm ids look like this: 25 characters of [0-9a-z]. */
const swarmId = (word: string) => word.padEnd(25, '0');

export const SWARM = {
  engineId: 'SWRM:ENGN:0001:SYNT:HETC:0000:0000:0000:0000:0000:0000:0001',
  nodes: { manager: swarmId('mgr1node'), worker1: swarmId('wrk1node'), worker2: swarmId('wrk2node') },
  services: { web: swarmId('websvc'), edge: swarmId('edgesvc') },
  tasks: {
    web1: swarmId('web1task'),
    web2: swarmId('web2task'),
    web3: swarmId('web3task'),
    edge1: swarmId('edge1task'),
    web3b: swarmId('web3btask'),
  },
  networks: { ingress: 'ingress0000000000000000000', front: 'ptlsmfront0000000000000000' },
  containers: { web1: 'c0ffee'.padEnd(64, '1'), probe: 'c0ffee'.padEnd(64, '2') },
} as const;

/** The overlay the services and the plain container share. */
export const OVERLAY = 'ptl-sm-front';

const network = (id: string, name: string, driver: string, scope: string, over: Partial<Network> = {}): Network =>
  aNetwork(name, { id, driver, scope, createdAt: '2026-01-01T00:00:00Z', ...over });

function node(id: string, hostname: string, role: SwarmNode['role'], addr: string, leader = false): SwarmNode {
  return { id, hostname, role, availability: 'active', state: 'ready', leader, addr, engineVersion: '26.1.5' };
}

function task(id: string, serviceId: string, nodeId: string, slot: number, ingressIp: string, frontIp: string): Task {
  return {
    id,
    serviceId,
    nodeId,
    slot,
    state: 'running',
    desiredState: 'running',
    endpoints: [...(ingressIp ? [{ networkId: SWARM.networks.ingress, ipv4: ingressIp }] : []), { networkId: SWARM.networks.front, ipv4: frontIp }],
  };
}

function container(id: string, name: string, over: Partial<Container>): Container {
  return {
    id,
    name,
    image: 'portolan/busybox:test',
    state: 'running',
    status: 'Up 5 minutes',
    user: '',
    networkMode: OVERLAY,
    endpoints: [],
    ports: [],
    labels: {},
    createdAt: '2026-01-01T00:01:00Z',
    ...over,
  };
}

/**
 * Three nodes (a leader manager and two workers), ingress and an attachable overlay; `web` runs three replicas, one a
 * node, publishing 8080 through the routing mesh; `edge` runs one, publishing 9090 in host mode on worker-1; a plain
 * container on the overlay runs on the manager, whose own task container the manager lists too.
 */
export function swarmPicture(): Topology {
  const { nodes: n, services: s, tasks: t, networks: net, containers: c } = SWARM;
  const networks = [
    network('bridge0000000000000000000', 'bridge', 'bridge', 'local', {
      predefined: true,
      subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
    }),
    network('gwbridge000000000000000000', 'docker_gwbridge', 'bridge', 'local', {
      predefined: true,
      subnets: [{ subnet: '172.18.0.0/16', gateway: '172.18.0.1' }],
    }),
    network('host00000000000000000000000', 'host', 'host', 'local', { predefined: true }),
    network('none00000000000000000000000', 'none', 'null', 'local', { predefined: true }),
    network(net.ingress, 'ingress', 'overlay', 'swarm', {
      ingress: true,
      predefined: true,
      subnets: [{ subnet: '10.0.0.0/24', gateway: '10.0.0.1' }],
    }),
    network(net.front, OVERLAY, 'overlay', 'swarm', { attachable: true, subnets: [{ subnet: '10.0.1.0/24', gateway: '10.0.1.1' }] }),
  ];
  const services: Service[] = [
    {
      id: s.web,
      name: 'web',
      image: 'portolan/busybox:test',
      mode: 'replicated',
      replicas: 3,
      running: 3,
      ports: [{ targetPort: 80, publishedPort: 8080, protocol: 'tcp', publishMode: 'ingress' }],
      networks: [net.front],
      labels: {},
    },
    {
      id: s.edge,
      name: 'edge',
      image: 'portolan/busybox:test',
      mode: 'replicated',
      replicas: 1,
      running: 1,
      ports: [{ targetPort: 80, publishedPort: 9090, protocol: 'tcp', publishMode: 'host' }],
      networks: [net.front],
      labels: {},
    },
  ];
  const tasks = [
    task(t.edge1, s.edge, n.worker1, 1, '', '10.0.1.9'),
    task(t.web1, s.web, n.manager, 1, '10.0.0.3', '10.0.1.3'),
    task(t.web2, s.web, n.worker1, 2, '10.0.0.4', '10.0.1.4'),
    task(t.web3, s.web, n.worker2, 3, '10.0.0.5', '10.0.1.5'),
  ];
  const containers = [
    container(c.probe, 'ptl-sm-probe', {
      endpoints: [{ networkId: net.front, networkName: OVERLAY, ipv4: '10.0.1.20', ipv6: '', mac: '', aliases: [] }],
    }),
    // The manager runs web.1: it lists that task's container among its own.
    container(c.web1, `web.1.${t.web1}`, {
      labels: { 'com.docker.swarm.task.id': t.web1, 'com.docker.swarm.service.name': 'web' },
      endpoints: [
        { networkId: net.ingress, networkName: 'ingress', ipv4: '10.0.0.3', ipv6: '', mac: '', aliases: [] },
        { networkId: net.front, networkName: OVERLAY, ipv4: '10.0.1.3', ipv6: '', mac: '', aliases: [] },
      ],
    }),
  ];
  return {
    engine: {
      ...{ id: SWARM.engineId, name: 'manager-1', version: '26.1.5', apiVersion: '1.45', os: 'linux', arch: 'x86_64' },
      ...{ endpoint: 'unix:///nonexistent/portolan-synthetic-swarm.sock', swarm: { state: 'active', nodeId: n.manager, manager: true } },
    },
    networks: networks.sort(byName),
    containers: containers.sort(byName),
    nodes: [
      node(n.manager, 'manager-1', 'manager', '192.0.2.11', true),
      node(n.worker1, 'worker-1', 'worker', '192.0.2.12'),
      node(n.worker2, 'worker-2', 'worker', '192.0.2.13'),
    ],
    services: services.sort(byName),
    tasks,
  };
}

/**
 * worker-2 stops answering: the manager marks it down and, as Swarm does, starts web.3 again on manager-1 as a new
 * task, wanting the old one shut down (it cannot hear that it stopped, so its last state stays running).
 */
export function nodeDownOps(picture: Topology): PatchOp[] {
  const worker2 = picture.nodes.find((x) => x.id === SWARM.nodes.worker2)!;
  const web3 = picture.tasks.find((x) => x.id === SWARM.tasks.web3)!;
  return [
    { op: 'upsert', kind: 'node', value: { ...worker2, state: 'down' } },
    { op: 'upsert', kind: 'task', value: { ...web3, desiredState: 'shutdown' } },
    {
      op: 'upsert',
      kind: 'task',
      value: {
        ...web3,
        id: SWARM.tasks.web3b,
        nodeId: SWARM.nodes.manager,
        endpoints: web3.endpoints.map((e, i) => ({ ...e, ipv4: `10.0.${i}.6` })),
      },
    },
  ];
}

/** The same task, reported on another node: what a picture shows if a task's node changes under one id. */
export function taskMovedOps(picture: Topology, taskId: string, nodeId: string): PatchOp[] {
  const moving = picture.tasks.find((x) => x.id === taskId)!;
  return [{ op: 'upsert', kind: 'task', value: { ...moving, nodeId } }];
}
