import { describe, expect, it } from 'vitest';
import { Generator, syntheticTopology } from '../../scripts/bench/synthetic';
import { applyOps } from '../patch';
import { arrange } from './arrangement';
import { CONTAINER_H, PORT_H, positionsOf } from './layout';
import type { Container, EngineInfo, Network, PatchOp, PortBinding, Topology } from '../topology';
import { container, endpoint, network, port, topology as picture } from '../testing/topology';
import { DEFAULT_OPTIONS, homeNetwork, publishedBindings, toElements, visibleTopology, type GraphElements, type GraphOptions } from './elements';

const ENGINE_ID = 'ENG1:ABCD';

const bridge = () => network('bridge', { id: 'n-bridge', predefined: true, subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }] });
const hostNet = () => network('host', { id: 'n-host', driver: 'host', predefined: true });
const noneNet = () => network('none', { id: 'n-none', driver: 'null', predefined: true });

const ENGINE: EngineInfo = {
  id: ENGINE_ID,
  name: 'devbox',
  version: '27.3.1',
  apiVersion: '1.47',
  os: 'linux',
  arch: 'x86_64',
  endpoint: 'unix:///var/run/docker.sock',
  swarm: { state: 'inactive' },
};
const topology = (networks: Network[], containers: Container[] = []): Topology => picture(networks, containers, ENGINE);

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
    // web's home is front, whose box holds it: only its other networks get an attachment edge.
    expect(edge(els, 'att:n-back:c-web')).toMatchObject({ kind: 'attachment', source: 'net:n-back', target: 'ctr:c-web' });
    expect(edgeIds(els)).not.toContain('att:n-front:c-web');
    expect(node(els, 'ctr:c-web').parent).toBe('net:n-front');
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

  it('names an IPv6 port node with the raw address and shows one specific IPv6 address bracketed', () => {
    const web = container('web', { ports: [port('2001:db8::5', 8080, 80)] });
    const els = toElements(topology([], [web]));
    expect(node(els, 'port:2001:db8::5:8080/tcp').label).toBe(':8080/tcp\n[2001:db8::5]');
    expect(edge(els, 'pub:2001:db8::5:8080/tcp:c-web').target).toBe('ctr:c-web');
  });

  it('names a lone :: binding by its raw address and calls it all interfaces', () => {
    const web = container('web', { ports: [port('::', 8080, 80)] });
    const els = toElements(topology([], [web]));
    expect(node(els, 'port::::8080/tcp').label).toBe(':8080/tcp\nall interfaces');
    expect(edge(els, 'pub::::8080/tcp:c-web').target).toBe('ctr:c-web');
  });

  it('labels a port node with its host port and protocol, then the interfaces it listens on', () => {
    const els = toElements(sample());
    expect(node(els, 'port:0.0.0.0:8080/tcp').label).toBe(':8080/tcp\nall interfaces');
    expect(node(els, 'port:127.0.0.1:8443/tcp').label).toBe(':8443/tcp\nloopback');
    expect(node(els, 'port:0.0.0.0:8080/tcp').data.addresses).toBe('0.0.0.0');
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
  it('puts a container on three networks inside its home box and links the two others by edges labelled with its IPv4 there', () => {
    const els = toElements(sample());
    const web = node(els, 'ctr:c-web');
    expect(web.parent).toBe('net:n-front');
    expect(web.label).toBe('web\n10.1.0.2');
    const attachments = els.edges.filter((e) => e.kind === 'attachment' && e.target === 'ctr:c-web');
    expect(attachments.map((e) => [e.id, e.source, e.label]).sort()).toEqual([
      ['att:n-back:c-web', 'net:n-back', '10.2.0.2'],
      ['att:n-mesh:c-web', 'net:n-mesh', '10.0.9.5'],
    ]);
  });

  it('draws a container on one network inside that box with no attachment edge', () => {
    const els = toElements(sample());
    expect(node(els, 'ctr:c-db').parent).toBe('net:n-back');
    expect(node(els, 'ctr:c-db').label).toBe('db\n10.2.0.3');
    expect(els.edges.filter((e) => e.target === 'ctr:c-db')).toEqual([]);
  });

  it('labels an attachment with the IPv6 address when the container has no IPv4 there', () => {
    const home = network('home');
    const v6 = network('v6', { ipv6: true });
    const c = container('app', { networkMode: 'home', endpoints: [endpoint(home, '10.9.0.2'), endpoint(v6, '', 'fd00::2')] });
    expect(edge(toElements(topology([home, v6], [c])), 'att:n-v6:c-app').label).toBe('fd00::2');
  });

  it('labels a container with its IPv6 address when its home network gave it no IPv4', () => {
    const v6 = network('v6', { ipv6: true });
    const c = container('app', { networkMode: 'v6', endpoints: [endpoint(v6, '', 'fd00::2')] });
    expect(node(toElements(topology([v6], [c])), 'ctr:c-app').label).toBe('app\nfd00::2');
  });

  it('says a stopped container, and each of its attachment edges, has no address until it starts', () => {
    const front = network('front');
    const job = container('job', { state: 'exited', endpoints: [endpoint(bridge(), ''), endpoint(front, '')] });
    const els = toElements(topology([bridge(), front], [job]));
    expect(node(els, 'ctr:c-job')).toMatchObject({ parent: 'net:n-bridge', label: 'job\nno address until it starts' });
    expect(node(els, 'ctr:c-job').classes).toContain('no-address');
    expect(edge(els, 'att:n-front:c-job')).toMatchObject({
      label: 'no address until it starts',
      classes: ['attachment', 'state-exited', 'no-address'],
    });
    expect(node(toElements(sample()), 'ctr:c-job').label).toBe('job\nno address until it starts');
  });

  it('draws a stopped container connected to one more network (docker network connect) as a dashed edge with no address until it starts', () => {
    const front = network('front');
    // What the Engine records for the connect: the network by name, no endpoint, no address.
    const connected = { ...endpoint(front, ''), networkId: '', mac: '' };
    const job = container('job', { state: 'exited', endpoints: [endpoint(bridge(), ''), connected] });
    const els = toElements(topology([bridge(), front], [job]));
    expect(edge(els, 'att:n-front:c-job')).toMatchObject({
      source: 'net:n-front',
      target: 'ctr:c-job',
      label: 'no address until it starts',
      classes: expect.arrayContaining(['no-address']),
    });
  });

  it('keeps a running container without an address (host or none network) labelled with its state', () => {
    const host = network('host', { driver: 'host', predefined: true });
    const agent = container('agent', { networkMode: 'host', endpoints: [endpoint(host, '')] });
    const els = toElements(topology([host], [agent]));
    expect(node(els, 'ctr:c-agent').label).toBe('agent\nrunning');
    expect(node(els, 'ctr:c-agent').classes).not.toContain('no-address');
  });

  it('colours an attachment edge like its network', () => {
    const els = toElements(sample());
    expect(edge(els, 'att:n-back:c-web').data.color).toBe(node(els, 'net:n-back').data.color);
    expect(edge(els, 'att:n-mesh:c-web').data.color).toBe(node(els, 'net:n-mesh').data.color);
    expect(node(els, 'net:n-back').data.color).not.toBe(node(els, 'net:n-mesh').data.color);
  });

  it('records the home network as the container’s primary network, whatever the filters', () => {
    const els = toElements(sample());
    expect(node(els, 'ctr:c-web').data.primaryNetwork).toBe('n-front');
    const swarm = toElements(sample(), options({ scopes: ['swarm'] }));
    expect(node(swarm, 'ctr:c-web').data.primaryNetwork).toBe('n-front');
  });

  it('draws a container whose home network is filtered out loose, linked to its shown networks', () => {
    const swarm = toElements(sample(), options({ scopes: ['swarm'] }));
    expect(node(swarm, 'ctr:c-web').parent).toBeUndefined();
    expect(swarm.edges.filter((e) => e.target === 'ctr:c-web' && e.kind === 'attachment').map((e) => e.id)).toEqual(['att:n-mesh:c-web']);
  });
});

describe('homeNetwork', () => {
  const front = network('front');
  const back = network('back');
  it('is the network the container was run on (its network mode), by name or by id', () => {
    expect(homeNetwork({ networkMode: 'back', endpoints: [endpoint(front, ''), endpoint(back, '')] })).toBe('n-back');
    expect(homeNetwork({ networkMode: 'n-back', endpoints: [endpoint(front, ''), endpoint(back, '')] })).toBe('n-back');
  });

  it('is the first user-defined network when the container has left its network mode’s network', () => {
    expect(homeNetwork({ networkMode: 'gone', endpoints: [endpoint(bridge(), ''), endpoint(back, ''), endpoint(front, '')] })).toBe('n-back');
    expect(homeNetwork({ networkMode: 'bridge', endpoints: [endpoint(hostNet(), ''), endpoint(front, '')] })).toBe('n-front');
  });

  it('stays the default bridge for a container run without --network (mode "default") that joins a user-defined network', () => {
    expect(homeNetwork({ networkMode: 'default', endpoints: [endpoint(bridge(), ''), endpoint(front, '')] })).toBe('n-bridge');
  });

  it('is the first network when all are predefined', () => {
    expect(homeNetwork({ networkMode: 'default', endpoints: [endpoint(bridge(), ''), endpoint(hostNet(), '')] })).toBe('n-bridge');
  });

  it('is empty for a container on no network, and skips endpoints with no id yet', () => {
    expect(homeNetwork({ networkMode: 'none', endpoints: [] })).toBe('');
    expect(homeNetwork({ networkMode: 'front', endpoints: [{ ...endpoint(front, ''), networkId: '' }, endpoint(back, '')] })).toBe('n-back');
  });

  it('prefers the network mode over an earlier user-defined network', () => {
    expect(homeNetwork({ networkMode: 'bridge', endpoints: [endpoint(front, ''), endpoint(bridge(), '')] })).toBe('n-bridge');
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
    const parents = new Set(els.nodes.filter((n) => n.kind === 'network').map((n) => n.parent));
    expect([...parents].sort()).toEqual(['scope:local', 'scope:swarm']);
    // Containers sit in network boxes, never directly in a scope.
    for (const n of els.nodes.filter((c) => c.kind === 'container')) expect(n.parent).toMatch(/^net:/);
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
    const web = container('web', { ports: [port('0.0.0.0', 80, 80), port('::', 81, 80), port('127.0.0.1', 9000, 9000)] });
    const els = toElements(topology([], [web]));
    expect(node(els, 'port:0.0.0.0:80/tcp').classes).toContain('exposed');
    expect(node(els, 'port::::81/tcp').classes).toContain('exposed');
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
    // Each container is counted once, in its home network's box.
    expect(groups.map((g) => [g.id, g.label, g.parent]).sort()).toEqual([
      ['grp:n-back', '1 container', 'net:n-back'],
      ['grp:n-bridge', '1 container', 'net:n-bridge'],
      ['grp:n-front', '1 container', 'net:n-front'],
    ]);
    expect(els.edges.filter((e) => e.kind === 'attachment')).toEqual([]);
    // A count is reached only by what its containers publish (next tests); no container's own port or edge is drawn.
    expect(els.edges.filter((e) => e.source.startsWith('grp:') || e.target.startsWith('grp:')).map((e) => e.id)).toEqual(['pub:ports:n-front']);
    expect(edgeIds(els).filter((e) => e.startsWith('grp-edge:'))).toEqual([]);
    expect(els.nodes.filter((n) => n.kind === 'port')).toEqual([]);
    expect(edgeIds(els).filter((e) => e.includes(':c-'))).toEqual([]);
  });

  it('counts a container whose home network is filtered out in its first shown network', () => {
    const els = toElements(sample(), options({ collapsed: true, scopes: ['swarm'] }));
    expect(node(els, 'grp:n-mesh')).toMatchObject({ label: '1 container', parent: 'net:n-mesh' });
  });

  it('shows the containers of an expanded network although the picture is collapsed', () => {
    const els = toElements(sample(), options({ collapsed: true, expanded: ['n-front'] }));
    expect(node(els, 'ctr:c-web').parent).toBe('net:n-front');
    expect(nodeIds(els)).not.toContain('grp:n-front');
    expect(nodeIds(els)).not.toContain('ctr:c-db');
    expect(node(els, 'grp:n-back').label).toBe('1 container');
    // Its other networks are still reached by edges, and its ports are drawn.
    expect(edge(els, 'att:n-back:c-web').target).toBe('ctr:c-web');
    expect(nodeIds(els)).toContain('port:0.0.0.0:8080/tcp');
  });

  it('counts only the containers still shown when collapsed with showStopped off', () => {
    const els = toElements(sample(), options({ collapsed: true, showStopped: false }));
    expect(nodeIds(els)).not.toContain('grp:n-bridge');
    expect(node(els, 'grp:n-back').label).toBe('1 container');
    expect(node(els, 'grp:n-front').label).toBe('1 container');
  });

  it('counts many containers on one network into a single node', () => {
    const net = network('big');
    const cs = Array.from({ length: 25 }, (_, i) => container(`c${i}`, { endpoints: [endpoint(net, `10.0.0.${i + 2}`)] }));
    const els = toElements(topology([net], cs), options({ collapsed: true }));
    expect(els.nodes.filter((n) => n.kind === 'group').map((n) => n.label)).toEqual(['25 containers']);
    expect(node(els, 'grp:n-big').data.count).toBe(25);
  });
});

describe('published ports of collapsed containers', () => {
  it('stay on the map: one node under the count, red when any is on all interfaces, naming the host ports, those exposed first', () => {
    const els = toElements(sample(), options({ collapsed: true }));
    const ports = node(els, 'ports:n-front');
    expect(ports).toMatchObject({ kind: 'ports', label: '2 ports published\n:8080 :8443', data: { networkId: 'n-front', published: 2, exposed: 1 } });
    expect(ports.classes).toEqual(['port', 'ports', 'exposed']);
    expect(ports.parent).toBeUndefined();
    expect(edge(els, 'pub:ports:n-front')).toMatchObject({
      kind: 'publish',
      source: 'ports:n-front',
      target: 'grp:n-front',
      classes: ['publish', 'exposed'],
    });
    // No line from the host: at 1,000 containers two dozen of them crossed every box.
    expect(els.edges.filter((e) => e.target === 'ports:n-front').map((e) => e.id)).toEqual([]);
  });

  it('put an EXPOSED badge on the count whose containers publish on all interfaces, and the numbers in its data', () => {
    const els = toElements(sample(), options({ collapsed: true }));
    expect(node(els, 'grp:n-front').classes).toEqual(['group', 'exposed']);
    expect(node(els, 'grp:n-front').data).toMatchObject({ count: 1, published: 2, exposed: 1 });
    expect(node(els, 'grp:n-back').classes).toEqual(['group']);
    expect(node(els, 'grp:n-back').data).toMatchObject({ published: 0, exposed: 0 });
  });

  it('give no node to a network whose containers publish nothing', () => {
    const els = toElements(sample(), options({ collapsed: true }));
    expect(els.nodes.filter((n) => n.kind === 'ports').map((n) => n.id)).toEqual(['ports:n-front']);
  });

  it('are green and unbadged when every one binds loopback only, and count a dual-stack pair once', () => {
    const net = network('quiet');
    const cs = [
      container('a', { endpoints: [endpoint(net, '10.0.0.2')], ports: [port('127.0.0.1', 5432, 5432), port('::1', 5432, 5432)] }),
      container('b', { endpoints: [endpoint(net, '10.0.0.3')], ports: [port('127.0.0.1', 6379, 6379)] }),
    ];
    const els = toElements(topology([net], cs), options({ collapsed: true }));
    expect(node(els, 'ports:n-quiet')).toMatchObject({ label: '2 ports published\n:5432 :6379', classes: ['port', 'ports', 'loopback'] });
    expect(node(els, 'grp:n-quiet').classes).toEqual(['group']);
  });

  it('count a dual-stack binding on all interfaces (0.0.0.0 and ::) as one exposed mapping', () => {
    const net = network('edge');
    const c = container('proxy', { endpoints: [endpoint(net, '10.0.0.2')], ports: [port('0.0.0.0', 443, 443), port('::', 443, 443)] });
    const els = toElements(topology([net], [c]), options({ collapsed: true }));
    expect(node(els, 'ports:n-edge')).toMatchObject({ label: '1 port published\n:443', data: { published: 1, exposed: 1 } });
  });

  it("give way to the containers' own port nodes when their network is expanded", () => {
    const els = toElements(sample(), options({ collapsed: true, expanded: ['n-front'] }));
    expect(nodeIds(els)).not.toContain('ports:n-front');
    expect(nodeIds(els)).toEqual(expect.arrayContaining(['port:0.0.0.0:8080/tcp', 'port:127.0.0.1:8443/tcp']));
  });

  it('are not drawn in the full view, where each port has its own node', () => {
    expect(toElements(sample(), DEFAULT_OPTIONS).nodes.filter((n) => n.kind === 'ports')).toEqual([]);
  });

  it('hang under their count in the compact arrangement, inside the network box', () => {
    const els = toElements(sample(), options({ collapsed: true }));
    const at = positionsOf(arrange(els), els);
    const [count, ports, box] = [at.get('grp:n-front')!, at.get('ports:n-front')!, at.get('net:n-front')!];
    expect(ports.x).toBe(count.x);
    expect(ports.y - PORT_H / 2).toBeGreaterThanOrEqual(count.y + CONTAINER_H / 2);
    expect(ports.y + PORT_H / 2).toBeLessThanOrEqual(box.y + box.h! / 2);
  });

  it('stay readable at 1,000 containers: at most one node per network, whatever the number of mappings', () => {
    const t = syntheticTopology(new Generator(42), 1000);
    const els = toElements(t, options({ collapsed: true }));
    const mappings = t.containers.reduce((sum, c) => sum + publishedBindings(c.ports).length, 0);
    const summaries = els.nodes.filter((n) => n.kind === 'ports');
    expect(mappings).toBeGreaterThan(summaries.length);
    expect(summaries.length).toBeLessThanOrEqual(t.networks.length);
    expect(summaries.reduce((sum, n) => sum + Number(n.data.published), 0)).toBe(mappings);
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
  it('put a never-started container, which knows its networks by name only, in its home box and link it to the others', () => {
    const front = network('front');
    const byName = (n: Network) => ({ ...endpoint(n, ''), networkId: '' });
    const t = topology([bridge(), front], [container('fresh', { state: 'created', endpoints: [byName(bridge()), byName(front)] })]);
    const els = toElements(t);
    expect(node(els, 'ctr:c-fresh')).toMatchObject({ parent: 'net:n-bridge', label: 'fresh\nno address until it starts' });
    expect(edge(els, 'att:n-front:c-fresh')).toMatchObject({ source: 'net:n-front', target: 'ctr:c-fresh', label: 'no address until it starts' });
    expect(visibleTopology(t, options({ drivers: ['bridge'] })).containers.map((c) => c.name)).toEqual(['fresh']);
  });

  it('put a dead container that still holds the id its bridge had before a daemon restart in today’s bridge, as docker ps -a lists it', () => {
    const stale = { ...endpoint(bridge(), '172.17.0.2'), networkId: 'n-bridge-before-restart' };
    const t = topology([bridge()], [container('dead', { state: 'dead', endpoints: [stale] })]);
    const els = toElements(t);
    expect(node(els, 'ctr:c-dead')).toMatchObject({ parent: 'net:n-bridge' });
    expect(visibleTopology(t, DEFAULT_OPTIONS).containers.map((c) => c.name)).toEqual(['dead']);
  });

  it('keep a stopped container whose network was removed under it on the map, loose, and hide it with its networks only when they exist', () => {
    // docker run --network old …; docker stop; docker network rm old: the container still names `old`, docker start fails.
    const gone = { ...endpoint(network('old'), ''), networkId: 'n-gone' };
    const t = topology([bridge()], [container('orphan', { state: 'exited', endpoints: [gone] })]);
    expect(node(toElements(t), 'ctr:c-orphan')).toMatchObject({ label: 'orphan\nits network was removed' });
    expect(node(toElements(t), 'ctr:c-orphan')?.parent).toBeUndefined();
    expect(visibleTopology(t, DEFAULT_OPTIONS).containers.map((c) => c.name)).toEqual(['orphan']);
    // A filter still hides a container with the networks it is on.
    const hidden = topology([bridge()], [container('filtered', { endpoints: [endpoint(bridge(), '172.17.0.3')] })]);
    expect(nodeIds(toElements(hidden, options({ showPredefined: false })))).not.toContain('ctr:c-filtered');
  });
});

describe('dual-stack port bindings', () => {
  const dual = (ports: PortBinding[]) =>
    toElements(topology([bridge()], [container('web', { endpoints: [endpoint(bridge(), '172.17.0.2')], ports })]));

  it('draws 0.0.0.0 and :: on one host port as one port node on all interfaces', () => {
    const els = dual([port('::', 8080, 80), port('0.0.0.0', 8080, 80)]);
    const ports = els.nodes.filter((n) => n.kind === 'port');
    expect(ports.map((n) => n.id)).toEqual(['port:0.0.0.0:8080/tcp']);
    expect(ports[0]).toMatchObject({ label: ':8080/tcp\nall interfaces', data: { addresses: '0.0.0.0 ::', interfaces: 'all interfaces' } });
    expect(ports[0]!.classes).toContain('exposed');
    expect(els.edges.filter((e) => e.kind === 'publish').map((e) => e.id)).toEqual(['pub:0.0.0.0:8080/tcp:c-web']);
    expect(els.edges.filter((e) => e.kind === 'host-port').map((e) => e.id)).toEqual([`host:${ENGINE_ID}:port:0.0.0.0:8080/tcp`]);
  });

  it('draws 127.0.0.1 and ::1 on one host port as one loopback port node', () => {
    const els = dual([port('127.0.0.1', 8080, 80), port('::1', 8080, 80)]);
    const ports = els.nodes.filter((n) => n.kind === 'port');
    expect(ports.map((n) => [n.id, n.label, n.data.addresses])).toEqual([['port:127.0.0.1:8080/tcp', ':8080/tcp\nloopback', '127.0.0.1 ::1']]);
    expect(ports[0]!.classes).toContain('loopback');
    expect(els.edges.filter((e) => e.kind === 'publish')).toHaveLength(1);
    expect(els.edges.filter((e) => e.kind === 'host-port')).toHaveLength(1);
  });

  it('keeps bindings apart that differ in host port, protocol, container port or interface', () => {
    expect(publishedBindings([port('0.0.0.0', 8080, 80), port('127.0.0.1', 8081, 80)])).toHaveLength(2);
    expect(publishedBindings([port('0.0.0.0', 8080, 80), port('::', 8081, 80)])).toHaveLength(2);
    expect(publishedBindings([port('0.0.0.0', 53, 53, 'tcp'), port('::', 53, 53, 'udp')])).toHaveLength(2);
    expect(publishedBindings([port('0.0.0.0', 8080, 80), port('::', 8080, 81)])).toHaveLength(2);
    expect(publishedBindings([port('0.0.0.0', 8080, 80), port('::1', 8080, 80)])).toHaveLength(2);
    const els = dual([port('0.0.0.0', 8080, 80), port('127.0.0.1', 8081, 80)]);
    expect(els.nodes.filter((n) => n.kind === 'port').map((n) => n.label)).toEqual([':8080/tcp\nall interfaces', ':8081/tcp\nloopback']);
  });

  it('never pairs two IPv4 or two IPv6 bindings, nor two specific addresses', () => {
    expect(publishedBindings([port('0.0.0.0', 8080, 80), port('', 8080, 80)]).map((b) => b.addresses)).toEqual([['0.0.0.0'], ['']]);
    expect(publishedBindings([port('192.0.2.5', 8080, 80), port('2001:db8::5', 8080, 80)]).map((b) => b.interfaces)).toEqual([
      '192.0.2.5',
      '[2001:db8::5]',
    ]);
  });
});

describe('toElements after patches', () => {
  /** A copy shares no object with the original, so nothing built before can serve it. */
  const fresh = (t: Topology, o: GraphOptions) => toElements(structuredClone(t), o);

  it('gives exactly what a fresh build gives after every kind of patch, under every view', () => {
    const gen = new Generator(3);
    let t = syntheticTopology(gen, 120);
    const bridges = t.networks.filter((n) => n.driver === 'bridge' && !n.predefined);
    const views = [
      DEFAULT_OPTIONS,
      options({ collapsed: true, expanded: [bridges[1]!.id] }),
      options({ showStopped: false, showPredefined: false, projects: ['proj1', 'proj2'] }),
    ];
    // Created, never started: it knows its network by name only.
    const created = gen.container('zz-created', [bridges[2]!], false, false, false);
    const patches: PatchOp[][] = [
      [{ op: 'upsert', kind: 'container', value: gen.container('zz-new', [bridges[0]!, bridges[1]!], true, true, false) }],
      [{ op: 'upsert', kind: 'container', value: { ...created, endpoints: created.endpoints.map((e) => ({ ...e, networkId: '' })) } }],
      [{ op: 'upsert', kind: 'container', value: { ...t.containers[5]!, state: 'exited' } }],
      [{ op: 'remove', kind: 'container', id: t.containers[9]!.id }],
      [{ op: 'upsert', kind: 'network', value: gen.network('zz-net', 'bridge', 'local', 90) }],
      [{ op: 'upsert', kind: 'network', value: { ...bridges[0]!, internal: true } }],
      [{ op: 'remove', kind: 'network', id: bridges[2]!.id }],
      // Its slot freed, networks that had clashed with it take theirs: their attachments change colour.
      [{ op: 'remove', kind: 'network', id: bridges[1]!.id }],
    ];
    for (const ops of patches) {
      t = applyOps(t, ops);
      for (const view of views) expect(toElements(t, view)).toEqual(fresh(t, view));
    }
  });

  it('keeps the very elements of every container a patch did not name, so comparing them is a pointer comparison', () => {
    const gen = new Generator(5);
    const t = syntheticTopology(gen, 60);
    // One without ports: a port's node and host edge are named after the port alone.
    const [changed, removed] = t.containers.filter((c) => c.ports.length === 0) as [Container, Container];
    const before = toElements(t);
    const after = toElements(
      applyOps(t, [
        { op: 'upsert', kind: 'container', value: { ...changed, state: 'paused' } },
        { op: 'remove', kind: 'container', id: removed.id },
      ]),
    );
    const kept = new Set([...before.nodes, ...before.edges]);
    const ownedBy = (el: { id: string }, c: Container) => el.id.endsWith(c.id);
    const untouched = [...after.nodes, ...after.edges].filter((el) => !ownedBy(el, changed));
    expect(untouched.filter((el) => !kept.has(el)).map((el) => el.id)).toEqual([]);
    expect(kept.has(node(after, `ctr:${changed.id}`))).toBe(false);
    expect(node(after, `ctr:${changed.id}`).classes).toContain('state-paused');
  });
});
