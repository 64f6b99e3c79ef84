/** Plain words for learners: what a network driver or scope means, in two lines each. */
export interface Explanation {
  title: string;
  lines: [string, string];
}

const DRIVERS: Record<string, Explanation> = {
  bridge: {
    title: 'bridge — a virtual switch on this host',
    lines: [
      'A private virtual switch on this host; containers on it get their own IPs and, on user-defined bridges, reach each other by name.',
      'Published ports (-p) are NAT’ed from the host to it. The network named `bridge` is only the default one built with this driver: the one `docker run` uses without --network, where names do not resolve.',
    ],
  },
  host: {
    title: 'host — no network of its own',
    lines: [
      'The container shares the host’s own network stack: its interfaces, its IPs and its ports.',
      'Nothing is NAT’ed and -p does nothing: a server on port 80 inside listens on port 80 of the host. Fast, but no isolation.',
    ],
  },
  null: {
    title: 'null — no networking at all',
    lines: [
      'The container gets only a loopback interface; the predefined `none` network is built with this driver.',
      'Nothing can reach it and it can reach nothing: for jobs that must not talk to the network.',
    ],
  },
  overlay: {
    title: 'overlay — one network across many hosts',
    lines: [
      'A virtual network spanning the nodes of a swarm: containers on different hosts reach each other as if on one switch, through VXLAN tunnels.',
      'It needs swarm mode. Services join it, plain containers only when it was created --attachable; `ingress` is the overlay that carries published service ports.',
    ],
  },
  macvlan: {
    title: 'macvlan — straight onto the physical network',
    lines: [
      'Each container gets its own MAC address on a physical interface of the host (the parent), and shows up on the LAN as a separate machine.',
      'Other machines reach it directly, without NAT or -p; the host itself cannot talk to its macvlan containers without extra setup.',
    ],
  },
  ipvlan: {
    title: 'ipvlan — on the physical network, sharing one MAC',
    lines: [
      'Like macvlan, containers sit on the physical network through a parent interface, but they all share its MAC address (L2 mode) or are routed by the host (L3 mode).',
      'Useful where a switch or cloud network allows one MAC per port; no NAT, and the host cannot reach the containers by default.',
    ],
  },
};

const SCOPES: Record<string, Explanation> = {
  local: {
    title: 'local scope — this host only',
    lines: [
      'The network exists on this Docker Engine alone; containers on other hosts cannot join it.',
      'bridge, host, null, macvlan and ipvlan networks are local unless created otherwise.',
    ],
  },
  swarm: {
    title: 'swarm scope — the whole cluster',
    lines: [
      'The swarm managers hold the network’s definition, and every node can attach containers to it.',
      'Overlay networks are swarm-scoped; a worker creates its copy only when a task running there needs it.',
    ],
  },
  global: {
    title: 'global scope — every engine sharing a store',
    lines: [
      'The network is defined once in a cluster-wide key-value store and means the same network on every engine that shares it.',
      'It comes from plugin or legacy multi-host drivers; swarm mode uses swarm scope instead.',
    ],
  },
};

export function explainDriver(driver: string): Explanation {
  return (
    DRIVERS[driver] ?? {
      title: `${driver || 'unknown'} — a plugin driver`,
      lines: [
        'Docker does not ship this driver: it usually comes from a network plugin installed on this host.',
        'The plugin decides how containers get addresses and how their traffic leaves the host; its documentation says what this network does.',
      ],
    }
  );
}

export function explainScope(scope: string): Explanation {
  return (
    SCOPES[scope] ?? {
      title: `${scope || 'unknown'} scope`,
      lines: [
        'Docker names local, swarm and global scopes; this one comes from the driver or a plugin.',
        'Scope says where the network exists: on this host only, or on several hosts at once.',
      ],
    }
  );
}
