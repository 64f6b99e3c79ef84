/** Plain words for learners: what a network driver or scope means, and how a swarm carries traffic, in two lines each. */
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
      'The swarm managers hold the network’s definition, and every node can attach containers to it. A local network, by contrast, is this Engine’s alone: a `bridge` on one node has nothing to do with a `bridge` on another.',
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

/** The routing mesh: what a port published in ingress mode does. */
export const ROUTING_MESH: Explanation = {
  title: 'the routing mesh — every node answers',
  lines: [
    'A port a service publishes in ingress mode (the default, `--publish 8080:80`) is opened on every node of the swarm, also on a node that runs none of its tasks.',
    'Whichever node a request reaches, the `ingress` overlay carries it to one of the service’s running tasks, on that node or another: the nodes balance the load among the tasks.',
  ],
};

const PUBLISH_MODES: Record<'ingress' | 'host', Explanation> = {
  ingress: {
    title: 'ingress mode — on every node, through the mesh',
    lines: [
      'The published port answers on every node’s address and is forwarded over `ingress` to any task of the service, so clients need not know where tasks run.',
      'The cost is one more hop and the client’s address hidden behind the mesh; several tasks on one node are no problem.',
    ],
  },
  host: {
    title: 'host mode — only on the node that runs the task',
    lines: [
      'The port is bound straight on the node where a task runs (`--publish mode=host,published=9090,target=80`), like `docker run -p`: no mesh, the client’s address kept.',
      'Other nodes do not answer on it, and a node can run only one task that binds that port: spread them with `--mode global` or placement constraints.',
    ],
  },
};

export function explainPublishMode(mode: 'ingress' | 'host'): Explanation {
  return PUBLISH_MODES[mode];
}

/** Why an overlay network shows up on some workers and not on others. */
export const OVERLAY_ON_WORKERS: Explanation = {
  title: 'an overlay is on a worker only while a task there needs it',
  lines: [
    'Managers know every overlay network of the swarm. A worker creates its copy of one when a task scheduled on it is attached to it, so `docker network ls` on that worker lists it only then.',
    'When the last such task leaves the worker, the network goes from it again. `ingress` is the exception: every node has it, since every node answers for the routing mesh.',
  ],
};

/** What a swarm node's role, state and availability mean. */
export function explainSwarmNode(node: { role: string; state: string; availability: string }): Explanation {
  const role =
    node.role === 'manager'
      ? 'A manager keeps the swarm’s state (services, networks, where each task runs) with the other managers, through Raft; the leader decides, and can run tasks too.'
      : 'A worker runs the tasks the managers give it and reports their state; it knows only what its tasks need.';
  const state =
    node.state !== 'ready'
      ? `The manager has not heard from it (${node.state}): it cannot tell whether its tasks still run, so it starts them again on nodes that answer and keeps the old ones until the node is back.`
      : node.availability === 'drain'
        ? 'It is drained: the managers moved its tasks to other nodes and give it none, as for maintenance (`docker node update --availability active` takes it back).'
        : node.availability === 'pause'
          ? 'It is paused: its tasks keep running, but the managers give it no new ones.'
          : 'It is ready and active: it answers the managers and takes new tasks.';
  return { title: `${node.role} node`, lines: [role, state] };
}
