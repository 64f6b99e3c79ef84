/** A generated Docker picture for benchmarks that must not touch an Engine: deterministic for a given seed. */
import { applyOps } from '../../lib/patch';
import { byName, type Container, type EngineStatus, type Network, type PatchOp, type Topology, type TopologyPatch } from '../../lib/topology';
import type { Engine } from '../../server/engine/engine';
import { MapLayouts } from '../../server/topology/sharedLayout';
import { TopologyStore } from '../../server/topology/store';
import { range } from './util';

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Generator {
  private readonly rand: () => number;
  private readonly nextIp = new Map<string, number>();
  private nextPort = 8000;
  constructor(seed: number) {
    this.rand = prng(seed);
  }
  int = (n: number) => Math.floor(this.rand() * n);
  chance = (p: number) => this.rand() < p;
  hexId = () =>
    range(64)
      .map(() => this.int(16).toString(16))
      .join('');

  network(name: string, driver: string, scope: string, octet: number | null, predefined = false): Network {
    const [subnet, prefix] = octet === null ? [[], ''] : [[{ subnet: `10.${octet}.0.0/16`, gateway: `10.${octet}.0.1` }], `10.${octet}.`];
    const net: Network = {
      ...{ id: this.hexId(), name, driver, scope, internal: false, attachable: driver === 'overlay', ingress: name === 'ingress', ipv6: false },
      ...{ predefined, subnets: subnet, labels: {}, options: {}, createdAt: '2026-01-01T00:00:00Z' },
    };
    if (prefix) this.nextIp.set(net.id, 2);
    return net;
  }

  /** A container attached to `nets` (first one primary), running or exited, IPs taken in order from each subnet. */
  container(name: string, nets: Network[], running: boolean, published: boolean, root: boolean): Container {
    const id = this.hexId();
    const ip = (n: Network) => {
      const next = this.nextIp.get(n.id);
      if (next === undefined || !running) return '';
      this.nextIp.set(n.id, next + 1);
      return `${n.subnets[0]?.subnet.split('.').slice(0, 2).join('.')}.${next >> 8}.${next & 255}`;
    };
    const images = ['nginx:1.27', 'redis:7', 'postgres:16', 'busybox:latest', 'registry.local/app/api:2.3.1', 'node:22-alpine'];
    return {
      ...{ id, name, image: images[this.int(images.length)] ?? 'busybox', state: running ? 'running' : 'exited' },
      ...{ status: running ? 'Up 3 hours' : 'Exited (0) 2 hours ago', user: root ? '' : '1000:1000', networkMode: nets[0]?.name ?? 'none' },
      endpoints: nets.map((n) => ({ networkId: n.id, networkName: n.name, ipv4: ip(n), ipv6: '', mac: '', aliases: [name] })),
      ports: published ? [{ hostIp: this.chance(0.5) ? '0.0.0.0' : '127.0.0.1', hostPort: this.nextPort++, containerPort: 80, protocol: 'tcp' }] : [],
      labels: { 'com.docker.compose.project': `proj${this.int(12)}` },
      createdAt: '2026-01-01T00:00:00Z',
    };
  }
}

/** 31 networks (3 predefined, ingress + 2 overlays in swarm scope, 1 macvlan, 24 bridges) and `count` containers on 1–3 of them. */
export function syntheticTopology(gen: Generator, count: number): Topology {
  const bridges = range(24).map((i) => gen.network(`app-net-${String(i).padStart(2, '0')}`, 'bridge', 'local', 20 + i));
  const overlays = [
    gen.network('ingress', 'overlay', 'swarm', 10, true),
    gen.network('ov-front', 'overlay', 'swarm', 11),
    gen.network('ov-back', 'overlay', 'swarm', 12),
  ];
  const macvlan = gen.network('lan-macvlan', 'macvlan', 'local', 99);
  const [bridge, host, none] = [
    gen.network('bridge', 'bridge', 'local', 17, true),
    gen.network('host', 'host', 'local', null, true),
    gen.network('none', 'null', 'local', null, true),
  ];
  const attachable = [...bridges, ...bridges, ...bridges, bridge, bridge, ...overlays.slice(1), macvlan];
  const containers = range(count).map((i) => {
    const special = i % 50 === 7 ? host : i % 100 === 13 ? none : null;
    const nets = new Set(special ? [special] : range(1 + gen.int(3)).map(() => attachable[gen.int(attachable.length)] ?? bridge));
    return gen.container(`svc-${String(i).padStart(4, '0')}`, [...nets], !gen.chance(0.1), !special && gen.chance(0.055), gen.chance(0.3));
  });
  return {
    engine: {
      ...{ id: 'SYNTH:ENGINE:0001', name: 'bench-host', version: '28.3.0', apiVersion: '1.51', os: 'linux', arch: 'x86_64' },
      ...{ endpoint: 'unix:///var/run/docker.sock', swarm: { state: 'active', nodeId: 'synthnode01', manager: true } },
    },
    networks: [bridge, host, none, ...overlays, macvlan, ...bridges].sort(byName),
    containers: containers.sort(byName),
    nodes: [],
    services: [],
    tasks: [],
  };
}

/**
 * Serves a fixed picture as if synced and connected; `apply` publishes a patch and bumps the revision like the real
 * store, and both carry the shared arrangement as the real store's do (the page draws nothing without it).
 */
export class SyntheticStore extends TopologyStore {
  private rev = 1;
  private readonly shared: MapLayouts;
  constructor(
    engine: Engine,
    private picture: Topology,
  ) {
    super(engine);
    this.shared = new MapLayouts(picture);
  }
  override start(): void {}
  override snapshot() {
    return { epoch: this.epoch, revision: this.rev, topology: this.picture, ...this.shared.current() };
  }
  override status(): EngineStatus {
    return { status: 'connected', endpoint: this.picture.engine.endpoint };
  }
  /** Re-layout, as the real store does it: the shared arrangement afresh, for every viewer. */
  override relayout(): TopologyPatch {
    const patch: TopologyPatch = { epoch: this.epoch, from: this.rev, to: this.rev + 1, ops: [], ...this.shared.reset(this.picture) };
    this.rev = patch.to;
    this.emit('patch', patch);
    return patch;
  }
  apply(ops: PatchOp[]): TopologyPatch {
    this.picture = applyOps(this.picture, ops);
    const patch: TopologyPatch = { epoch: this.epoch, from: this.rev, to: this.rev + 1, ops, ...this.shared.follow(this.picture) };
    this.rev = patch.to;
    this.emit('patch', patch);
    return patch;
  }
}
