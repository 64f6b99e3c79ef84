import { describe, expect, it } from 'vitest';
import type { Container, Endpoint, Network, PortBinding, Topology } from '../topology';
import { DEFAULT_OPTIONS, isExposed, isRoot, toElements, visibleTopology, type GraphElements, type GraphOptions } from './elements';

const ENGINE_ID = 'ENG1:ABCD';

function network(name: string, over: Partial<Network> = {}): Network {
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

const bridge = () => network('bridge', { id: 'n-bridge', predefined: true, subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }] });
const hostNet = () => network('host', { id: 'n-host', driver: 'host', predefined: true });
const noneNet = () => network('none', { id: 'n-none', driver: 'null', predefined: true });

function endpoint(net: Network, ipv4: string, ipv6 = ''): Endpoint {
  return { networkId: net.id, networkName: net.name, ipv4, ipv6, mac: '', aliases: [] };
}

function port(hostIp: string, hostPort: number, containerPort: number, protocol: PortBinding['protocol'] = 'tcp'): PortBinding {
  return { hostIp, hostPort, containerPort, protocol };
}

function container(name: string, over: Partial<Container> = {}): Container {
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

function topology(networks: Network[], containers: Container[] = []): Topology {
  return {
    engine: {
      id: ENGINE_ID,
      name: 'devbox',
      version: '27.3.1',
      apiVersion: '1.47',
      os: 'linux',
      arch: 'x86_64',
      endpoint: 'unix:///var/run/docker.sock',
      swarm: { state: 'inactive' },
    },
    networks,
    containers,
  };
}

const options = (over: Partial<GraphOptions>): GraphOptions => ({ ...DEFAULT_OPTIONS, ...over });
const nodeIds = (els: GraphElements) => els.nodes.map((n) => n.id);
const edgeIds = (els: GraphElements) => els.edges.map((e) => e.id);
const node = (els: GraphElements, id: string) => {
  const found = els.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id} among ${nodeIds(els).join(', ')}`);
  return found;
};
const edge = (els: GraphElements, id: string) => {
  const found = els.edges.find((e) => e.id === id);
  if (!found) throw new Error(`no edge ${id} among ${edgeIds(els).join(', ')}`);
  return found;
};

/** A small but complete picture: a web app on three networks, a database, a stopped job. */
function sample(): Topology {
  const front = network('front', { subnets: [{ subnet: '10.1.0.0/24' }] });
  const back = network('back', { internal: true, subnets: [{ subnet: '10.2.0.0/24' }] });
  const mesh = network('mesh', { driver: 'overlay', scope: 'swarm', attachable: true, ipv6: true });
  const web = container('web', {
    endpoints: [endpoint(front, '10.1.0.2'), endpoint(back, '10.2.0.2'), endpoint(mesh, '10.0.9.5')],
    ports: [port('0.0.0.0', 8080, 80), port('127.0.0.1', 8443, 443)],
    labels: { 'com.docker.compose.project': 'shop' },
  });
  const db = container('db', { user: '999', endpoints: [endpoint(back, '10.2.0.3')], labels: { 'com.docker.compose.project': 'shop' } });
  const job = container('job', { state: 'exited', status: 'Exited (0)', endpoints: [endpoint(bridge(), '')] });
  return topology([back, bridge(), front, hostNet(), mesh, noneNet()], [db, job, web]);
}

describe('isExposed', () => {
  it('calls bindings on every IPv4 or IPv6 interface exposed', () => {
    expect(isExposed({ hostIp: '0.0.0.0' })).toBe(true);
    expect(isExposed({ hostIp: '::' })).toBe(true);
    expect(isExposed({ hostIp: '' })).toBe(true);
  });

  it('does not call loopback bindings exposed', () => {
    expect(isExposed({ hostIp: '127.0.0.1' })).toBe(false);
    expect(isExposed({ hostIp: '::1' })).toBe(false);
  });
});

describe('isRoot', () => {
  it.each(['', '0', 'root', '0:0', 'root:root'])('treats user %j as root', (user) => {
    expect(isRoot({ user })).toBe(true);
  });

  it.each(['1000', 'nobody', '1000:0', 'node'])('treats user %j as not root', (user) => {
    expect(isRoot({ user })).toBe(false);
  });
});

describe('visibleTopology', () => {
  it('keeps everything with the default options', () => {
    const t = sample();
    const visible = visibleTopology(t, DEFAULT_OPTIONS);
    expect(visible.networks).toEqual(t.networks);
    expect(visible.containers).toEqual(t.containers);
  });

  it('drops stopped containers but keeps running, paused and restarting ones when showStopped is off', () => {
    const states = ['running', 'paused', 'restarting', 'exited', 'created', 'dead'];
    const t = topology(
      [],
      states.map((state) => container(state, { state })),
    );
    const visible = visibleTopology(t, options({ showStopped: false }));
    expect(visible.containers.map((c) => c.state)).toEqual(['running', 'paused', 'restarting']);
  });

  it('drops the predefined networks when showPredefined is off', () => {
    const visible = visibleTopology(sample(), options({ showPredefined: false }));
    expect(visible.networks.map((n) => n.name)).toEqual(['back', 'front', 'mesh']);
  });

  it('keeps only networks of the chosen drivers and scopes', () => {
    expect(visibleTopology(sample(), options({ drivers: ['overlay', 'null'] })).networks.map((n) => n.name)).toEqual(['mesh', 'none']);
    expect(visibleTopology(sample(), options({ scopes: ['swarm'] })).networks.map((n) => n.name)).toEqual(['mesh']);
    expect(visibleTopology(sample(), options({ drivers: [], scopes: [] })).networks).toHaveLength(6);
  });

  it('keeps only containers of the chosen compose projects', () => {
    expect(visibleTopology(sample(), options({ projects: ['shop'] })).containers.map((c) => c.name)).toEqual(['db', 'web']);
    expect(visibleTopology(sample(), options({ projects: ['other'] })).containers).toEqual([]);
  });
});

describe('toElements ids', () => {
  it('names nodes as DESIGN.md fixes them', () => {
    const els = toElements(sample());
    expect(nodeIds(els)).toEqual(
      expect.arrayContaining([
        `host:${ENGINE_ID}`,
        'net:n-front',
        'net:n-back',
        'net:n-mesh',
        'net:n-bridge',
        'ctr:c-web',
        'ctr:c-db',
        'ctr:c-job',
        'drv:bridge',
        'drv:overlay',
        'drv:host',
        'drv:null',
        'port:0.0.0.0:8080/tcp',
        'port:127.0.0.1:8443/tcp',
      ]),
    );
    expect(node(els, 'net:n-front').kind).toBe('network');
    expect(node(els, 'ctr:c-web').kind).toBe('container');
    expect(node(els, 'drv:bridge').kind).toBe('driver');
    expect(node(els, `host:${ENGINE_ID}`).kind).toBe('host');
    expect(node(els, 'port:0.0.0.0:8080/tcp').kind).toBe('port');
  });

  it('names edges as DESIGN.md fixes them, with the right ends', () => {
    const els = toElements(sample());
    expect(edge(els, 'att:n-front:c-web')).toMatchObject({ kind: 'attachment', source: 'net:n-front', target: 'ctr:c-web' });
    expect(edge(els, 'pub:0.0.0.0:8080/tcp:c-web')).toMatchObject({ kind: 'publish', source: 'port:0.0.0.0:8080/tcp', target: 'ctr:c-web' });
    expect(edge(els, 'drv:bridge:n-front')).toMatchObject({ kind: 'driver', source: 'drv:bridge', target: 'net:n-front' });
    expect(edge(els, `host:${ENGINE_ID}:port:0.0.0.0:8080/tcp`)).toMatchObject({
      kind: 'host-port',
      source: `host:${ENGINE_ID}`,
      target: 'port:0.0.0.0:8080/tcp',
    });
  });

  it('labels a publish edge with the container port and protocol', () => {
    const els = toElements(sample());
    expect(edge(els, 'pub:0.0.0.0:8080/tcp:c-web').label).toBe('→ 80/tcp');
    expect(edge(els, 'pub:127.0.0.1:8443/tcp:c-web').label).toBe('→ 443/tcp');
  });

  it('keeps the protocol in port ids so tcp and udp on one host port are two nodes', () => {
    const dns = container('dns', { ports: [port('0.0.0.0', 53, 53, 'tcp'), port('0.0.0.0', 53, 53, 'udp')] });
    const els = toElements(topology([], [dns]));
    expect(nodeIds(els)).toEqual(expect.arrayContaining(['port:0.0.0.0:53/tcp', 'port:0.0.0.0:53/udp']));
    expect(edge(els, 'pub:0.0.0.0:53/udp:c-dns').label).toBe('→ 53/udp');
  });

  it('names an IPv6 port node with the raw address and shows it bracketed', () => {
    const web = container('web', { ports: [port('::', 8080, 80)] });
    const els = toElements(topology([], [web]));
    expect(node(els, 'port::::8080/tcp').label).toBe('[::]:8080/tcp');
    expect(edge(els, 'pub::::8080/tcp:c-web').target).toBe('ctr:c-web');
  });

  it('gives every node and every edge a distinct id', () => {
    const els = toElements(sample());
    expect(new Set(nodeIds(els)).size).toBe(els.nodes.length);
    expect(new Set(edgeIds(els)).size).toBe(els.edges.length);
  });

  it('only draws edges between nodes that exist', () => {
    for (const opts of [DEFAULT_OPTIONS, options({ showStopped: false, showPredefined: false }), options({ collapsed: true })]) {
      const els = toElements(sample(), opts);
      const ids = new Set(nodeIds(els));
      for (const e of els.edges) {
        expect(ids.has(e.source), `${e.id} source`).toBe(true);
        expect(ids.has(e.target), `${e.id} target`).toBe(true);
      }
    }
  });
});

describe('toElements attachments', () => {
  it('links a container on three networks by three attachment edges labelled with its IPv4 on each', () => {
    const els = toElements(sample());
    const attachments = els.edges.filter((e) => e.kind === 'attachment' && e.target === 'ctr:c-web');
    expect(attachments.map((e) => [e.id, e.label]).sort()).toEqual([
      ['att:n-back:c-web', '10.2.0.2'],
      ['att:n-front:c-web', '10.1.0.2'],
      ['att:n-mesh:c-web', '10.0.9.5'],
    ]);
  });

  it('labels an attachment with the IPv6 address when the container has no IPv4 there', () => {
    const v6 = network('v6', { ipv6: true });
    const c = container('app', { endpoints: [endpoint(v6, '', 'fd00::2')] });
    expect(edge(toElements(topology([v6], [c])), 'att:n-v6:c-app').label).toBe('fd00::2');
  });

  it('labels the attachment of a stopped container, which has no address, with its state', () => {
    expect(edge(toElements(sample()), 'att:n-bridge:c-job').label).toBe('exited');
  });

  it('colours an attachment edge like its network', () => {
    const els = toElements(sample());
    expect(edge(els, 'att:n-front:c-web').data.color).toBe(node(els, 'net:n-front').data.color);
    expect(edge(els, 'att:n-back:c-web').data.color).toBe(node(els, 'net:n-back').data.color);
  });

  it('records the first visible network as the container’s primary network', () => {
    const els = toElements(sample());
    expect(node(els, 'ctr:c-web').data.primaryNetwork).toBe('n-front');
    expect(toElements(sample(), options({ scopes: ['swarm'] })).nodes.find((n) => n.id === 'ctr:c-web')?.data.primaryNetwork).toBe('n-mesh');
  });
});

describe('toElements drivers and scopes', () => {
  it('draws the bridge network and the bridge driver as two different nodes', () => {
    const els = toElements(sample());
    expect(node(els, 'net:n-bridge')).toMatchObject({ kind: 'network', data: { name: 'bridge', driver: 'bridge' } });
    expect(node(els, 'drv:bridge')).toMatchObject({ kind: 'driver', data: { driver: 'bridge' } });
    expect(edge(els, 'drv:bridge:n-bridge')).toMatchObject({ source: 'drv:bridge', target: 'net:n-bridge' });
  });

  it('draws one driver node per driver in use, linked to each of its networks', () => {
    const els = toElements(sample());
    const drivers = els.nodes.filter((n) => n.kind === 'driver').map((n) => n.id);
    expect(drivers.sort()).toEqual(['drv:bridge', 'drv:host', 'drv:null', 'drv:overlay']);
    const bridgeEdges = els.edges.filter((e) => e.kind === 'driver' && e.source === 'drv:bridge').map((e) => e.target);
    expect(bridgeEdges.sort()).toEqual(['net:n-back', 'net:n-bridge', 'net:n-front']);
    expect(els.edges.filter((e) => e.kind === 'driver')).toHaveLength(6);
  });

  it('draws no driver node for a driver none of the shown networks uses', () => {
    const els = toElements(sample(), options({ showPredefined: false }));
    expect(els.nodes.filter((n) => n.kind === 'driver').map((n) => n.id)).toEqual(['drv:bridge', 'drv:overlay']);
  });

  it('puts each network in the scope group of its scope', () => {
    const els = toElements(sample());
    expect(node(els, 'scope:local').kind).toBe('scope');
    expect(node(els, 'scope:swarm').kind).toBe('scope');
    expect(node(els, 'net:n-front').parent).toBe('scope:local');
    expect(node(els, 'net:n-bridge').parent).toBe('scope:local');
    expect(node(els, 'net:n-mesh').parent).toBe('scope:swarm');
    const parents = new Set(els.nodes.filter((n) => n.parent).map((n) => n.parent));
    expect([...parents].sort()).toEqual(['scope:local', 'scope:swarm']);
  });

  it('draws the swarm scope only when a swarm-scoped network exists', () => {
    const local = toElements(topology([bridge(), network('front')]));
    expect(nodeIds(local)).toContain('scope:local');
    expect(nodeIds(local)).not.toContain('scope:swarm');
    expect(nodeIds(toElements(sample(), options({ drivers: ['bridge'] })))).not.toContain('scope:swarm');
  });
});

describe('toElements ports', () => {
  it('marks ports on 0.0.0.0 and :: exposed and on 127.0.0.1 loopback', () => {
    const web = container('web', { ports: [port('0.0.0.0', 80, 80), port('::', 80, 80), port('127.0.0.1', 9000, 9000)] });
    const els = toElements(topology([], [web]));
    expect(node(els, 'port:0.0.0.0:80/tcp').classes).toContain('exposed');
    expect(node(els, 'port::::80/tcp').classes).toContain('exposed');
    expect(node(els, 'port:127.0.0.1:9000/tcp').classes).toContain('loopback');
    expect(node(els, 'port:127.0.0.1:9000/tcp').classes).not.toContain('exposed');
    expect(edge(els, `host:${ENGINE_ID}:port:0.0.0.0:80/tcp`).classes).toContain('exposed');
    expect(edge(els, `host:${ENGINE_ID}:port:127.0.0.1:9000/tcp`).classes).toContain('loopback');
  });

  it('marks a container exposed only when one of its ports is', () => {
    const open = container('open', { ports: [port('0.0.0.0', 80, 80)] });
    const local = container('local', { ports: [port('127.0.0.1', 81, 80)] });
    const els = toElements(topology([], [local, open]));
    expect(node(els, 'ctr:c-open').classes).toContain('exposed');
    expect(node(els, 'ctr:c-local').classes).not.toContain('exposed');
  });
});

describe('toElements classes', () => {
  it('gives each container a class for its state', () => {
    const states = ['running', 'exited', 'created', 'paused', 'restarting', 'dead'];
    const els = toElements(
      topology(
        [],
        states.map((state) => container(state, { state })),
      ),
    );
    for (const state of states) expect(node(els, `ctr:c-${state}`).classes).toContain(`state-${state}`);
  });

  it('marks containers running as root, and only those', () => {
    const users = { a: '', b: '0', c: 'root', d: '0:0', e: '1000', f: 'nobody' };
    const els = toElements(
      topology(
        [],
        Object.entries(users).map(([name, user]) => container(name, { user })),
      ),
    );
    const rooted = els.nodes.filter((n) => n.classes.includes('root')).map((n) => n.id);
    expect(rooted.sort()).toEqual(['ctr:c-a', 'ctr:c-b', 'ctr:c-c', 'ctr:c-d']);
  });

  it('gives networks classes for predefined or user-defined, internal, attachable and ipv6', () => {
    const els = toElements(sample());
    expect(node(els, 'net:n-bridge').classes).toEqual(['network', 'driver-bridge', 'predefined']);
    expect(node(els, 'net:n-front').classes).toEqual(['network', 'driver-bridge', 'user-defined']);
    expect(node(els, 'net:n-back').classes).toEqual(['network', 'driver-bridge', 'user-defined', 'internal']);
    expect(node(els, 'net:n-mesh').classes).toEqual(['network', 'driver-overlay', 'user-defined', 'attachable', 'ipv6']);
  });

  it('labels a network with its name, subnets and the flags a learner should notice', () => {
    const els = toElements(sample());
    expect(node(els, 'net:n-front').label).toBe('front\n10.1.0.0/24');
    expect(node(els, 'net:n-mesh').label).toBe('mesh\nattachable · IPv6');
  });
});

describe('toElements network colours', () => {
  const many = (
    count: number,
    created = (i: number) => `2024-06-11T08:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
  ) =>
    Array.from({ length: count }, (_, i) =>
      network(`net${String(i).padStart(3, '0')}`, { id: `${(i * 2654435761) >>> 0}abc${i}`, createdAt: created(i) }),
    );
  const colorsOf = (els: GraphElements) => new Map(els.nodes.filter((n) => n.kind === 'network').map((n) => [n.id, n.data.color]));

  it.each([31, 32, 100, 300])('gives each of %i networks its own colour', (count) => {
    const colors = [...colorsOf(toElements(topology(many(count)))).values()];
    expect(colors).toHaveLength(count);
    for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colors).size).toBe(count);
  });

  it('gives distinct colours even when networks share a creation time', () => {
    const colors = [...colorsOf(toElements(topology(many(100, () => '2024-06-11T08:30:00Z')))).values()];
    expect(new Set(colors).size).toBe(100);
  });

  it('colours networks the same whatever order they come in', () => {
    const nets = many(40);
    const forward = colorsOf(toElements(topology(nets)));
    const backward = colorsOf(toElements(topology([...nets].reverse())));
    const shuffled = colorsOf(toElements(topology([...nets].sort((a, b) => (a.id.slice(-1) + a.id).localeCompare(b.id.slice(-1) + b.id)))));
    expect(backward).toEqual(forward);
    expect(shuffled).toEqual(forward);
  });

  it('keeps a network’s colour when a newer network is added', () => {
    const nets = many(20);
    const before = colorsOf(toElements(topology(nets)));
    const after = colorsOf(toElements(topology([...nets, network('late', { id: 'late', createdAt: '2025-01-01T00:00:00Z' })])));
    for (const [id, color] of before) expect(after.get(id), id).toBe(color);
  });

  it('keeps every colour when an unrelated network, one that clashes with none, is added', () => {
    // Find networks whose colours are all first choices, then add an older one whose first choice is free too.
    const base = many(8);
    const before = colorsOf(toElements(topology(base)));
    const used = new Set(before.values());
    let extra: Network | undefined;
    for (let i = 0; i < 500 && !extra; i++) {
      const candidate = network(`extra${i}`, { id: `extra-${i}`, createdAt: '2020-01-01T00:00:00Z' });
      const alone = colorsOf(toElements(topology([candidate]))).get(`net:${candidate.id}`);
      if (alone && !used.has(alone)) extra = candidate;
    }
    expect(extra).toBeDefined();
    const after = colorsOf(toElements(topology([extra!, ...base])));
    for (const [id, color] of before) expect(after.get(id), id).toBe(color);
  });

  it('keeps a network’s colour when other networks are filtered out', () => {
    const all = colorsOf(toElements(sample()));
    const some = colorsOf(toElements(sample(), options({ showPredefined: false, scopes: ['local'] })));
    for (const [id, color] of some) expect(color).toBe(all.get(id));
  });
});

describe('toElements determinism', () => {
  it('gives deeply equal elements for the same topology every time', () => {
    const first = toElements(sample());
    const second = toElements(sample());
    expect(second).toEqual(first);
    expect(toElements(sample(), options({ collapsed: true }))).toEqual(toElements(sample(), options({ collapsed: true })));
  });

  it('does not change the topology it is given', () => {
    const t = sample();
    const copy = structuredClone(t);
    toElements(t, options({ collapsed: true }));
    expect(t).toEqual(copy);
  });
});

describe('toElements options', () => {
  it('hides exited and created containers and their edges when showStopped is off', () => {
    const t = sample();
    t.containers.push(container('fresh', { state: 'created', endpoints: [endpoint(t.networks[0]!, '')], ports: [port('0.0.0.0', 5000, 5000)] }));
    const els = toElements(t, options({ showStopped: false }));
    expect(nodeIds(els)).not.toContain('ctr:c-job');
    expect(nodeIds(els)).not.toContain('ctr:c-fresh');
    expect(nodeIds(els)).not.toContain('port:0.0.0.0:5000/tcp');
    expect(els.edges.filter((e) => e.id.includes('c-job') || e.id.includes('c-fresh'))).toEqual([]);
    expect(nodeIds(els)).toContain('ctr:c-web');
    expect(nodeIds(toElements(t))).toContain('ctr:c-job');
  });

  it('hides the bridge, host and none networks when showPredefined is off', () => {
    const els = toElements(sample(), options({ showPredefined: false }));
    for (const id of ['net:n-bridge', 'net:n-host', 'net:n-none']) expect(nodeIds(els)).not.toContain(id);
    expect(els.edges.filter((e) => e.id.includes('n-bridge'))).toEqual([]);
    expect(nodeIds(els)).toContain('net:n-front');
  });

  it('shows only networks of the chosen drivers and the edges to them', () => {
    const els = toElements(sample(), options({ drivers: ['overlay'] }));
    expect(els.nodes.filter((n) => n.kind === 'network').map((n) => n.id)).toEqual(['net:n-mesh']);
    expect(els.edges.filter((e) => e.kind === 'attachment').map((e) => e.id)).toEqual(['att:n-mesh:c-web']);
    expect(nodeIds(els)).not.toContain('drv:bridge');
  });

  it('shows only networks of the chosen scopes', () => {
    const els = toElements(sample(), options({ scopes: ['local'] }));
    expect(nodeIds(els)).not.toContain('net:n-mesh');
    expect(nodeIds(els)).not.toContain('scope:swarm');
    expect(nodeIds(els)).not.toContain('drv:overlay');
    expect(edgeIds(els)).not.toContain('att:n-mesh:c-web');
  });

  it('shows only containers of the chosen compose projects', () => {
    const els = toElements(sample(), options({ projects: ['shop'] }));
    const containers = els.nodes.filter((n) => n.kind === 'container').map((n) => n.id);
    expect(containers.sort()).toEqual(['ctr:c-db', 'ctr:c-web']);
    expect(edgeIds(els)).not.toContain('att:n-bridge:c-job');
  });

  it('replaces containers by one count node per network when collapsed', () => {
    const els = toElements(sample(), options({ collapsed: true }));
    expect(els.nodes.filter((n) => n.kind === 'container')).toEqual([]);
    const groups = els.nodes.filter((n) => n.kind === 'group');
    expect(groups.map((g) => [g.id, g.label]).sort()).toEqual([
      ['grp:n-back', '2 containers'],
      ['grp:n-bridge', '1 container'],
      ['grp:n-front', '1 container'],
      ['grp:n-mesh', '1 container'],
    ]);
    expect(els.edges.filter((e) => e.kind === 'publish' || e.id.startsWith('att:'))).toEqual([]);
    const groupEdges = els.edges.filter((e) => e.target.startsWith('grp:'));
    expect(groupEdges.map((e) => [e.source, e.target]).sort()).toEqual([
      ['net:n-back', 'grp:n-back'],
      ['net:n-bridge', 'grp:n-bridge'],
      ['net:n-front', 'grp:n-front'],
      ['net:n-mesh', 'grp:n-mesh'],
    ]);
  });

  it('counts only the containers still shown when collapsed with showStopped off', () => {
    const els = toElements(sample(), options({ collapsed: true, showStopped: false }));
    expect(nodeIds(els)).not.toContain('grp:n-bridge');
    expect(node(els, 'grp:n-back').label).toBe('2 containers');
  });

  it('counts many containers on one network into a single node', () => {
    const net = network('big');
    const cs = Array.from({ length: 25 }, (_, i) => container(`c${i}`, { endpoints: [endpoint(net, `10.0.0.${i + 2}`)] }));
    const els = toElements(topology([net], cs), options({ collapsed: true }));
    expect(els.nodes.filter((n) => n.kind === 'group').map((n) => n.label)).toEqual(['25 containers']);
    expect(node(els, 'grp:n-big').data.count).toBe(25);
  });
});

describe('filters and bindings', () => {
  it('hides a container whose every network is filtered out, but keeps one that has no network at all', () => {
    const overlay = network('ov', { id: 'n-ov', driver: 'overlay', scope: 'swarm' });
    const t = topology(
      [bridge(), overlay],
      [
        container('on-bridge', { endpoints: [endpoint(bridge(), '172.17.0.2')] }),
        container('on-overlay', { endpoints: [endpoint(overlay, '10.0.1.2')] }),
        container('loose', { endpoints: [] }),
      ],
    );
    expect(
      visibleTopology(t, options({ drivers: ['overlay'] }))
        .containers.map((c) => c.name)
        .sort(),
    ).toEqual(['loose', 'on-overlay']);
  });

  it('tells a binding on one non-loopback address apart from all interfaces and from loopback', () => {
    const t = topology(
      [bridge()],
      [
        container('web', {
          endpoints: [endpoint(bridge(), '172.17.0.2')],
          ports: [port('192.0.2.5', 8080, 80), port('127.0.0.1', 8081, 80), port('0.0.0.0', 8082, 80)],
        }),
      ],
    );
    const els = toElements(t);
    expect(node(els, 'port:192.0.2.5:8080/tcp').classes).toContain('specific');
    expect(node(els, 'port:127.0.0.1:8081/tcp').classes).toContain('loopback');
    expect(node(els, 'port:0.0.0.0:8082/tcp').classes).toContain('exposed');
  });
});

describe('created containers', () => {
  it('attach a never-started container, which knows its network by name only, to that network', () => {
    const t = topology([bridge()], [container('fresh', { state: 'created', endpoints: [{ ...endpoint(bridge(), ''), networkId: '' }] })]);
    const els = toElements(t);
    expect(edge(els, 'att:n-bridge:c-fresh')).toMatchObject({ source: 'net:n-bridge', target: 'ctr:c-fresh', label: 'created' });
    expect(visibleTopology(t, options({ drivers: ['bridge'] })).containers.map((c) => c.name)).toEqual(['fresh']);
  });
});
