import type { Container, Network, Topology } from './topology';

/** A network `docker network prune` would remove, and the stopped containers that still name it. */
export interface PruneCandidate {
  network: Network;
  /** Containers that are not running yet are attached: the Engine removes the network all the same, and they will not start again on it. */
  stoppedUsers: string[];
}

/**
 * Whether the container names the network. A container created and never started names its networks with no id
 * (the Engine gives the endpoint its network's id at the first start), so the name stands in for it.
 */
export function namesNetwork(container: Container, network: Network): boolean {
  return container.endpoints.some((e) => e.networkId === network.id || (!e.networkId && e.networkName === network.name));
}

/** States in which a container holds an endpoint on its networks; in any other it holds none, and does not keep a network. */
const HOLDS_ENDPOINT = new Set<Container['state']>(['running', 'paused', 'restarting']);

/**
 * What `docker network prune` removes, read from the picture as the Engine decides it: every network Docker did not
 * create itself that no container holds an endpoint on. A stopped container holds none (`docker network prune`
 * removes its network and `docker start` then fails), and a swarm network a service uses is kept by the manager.
 */
export function pruneCandidates(topology: Pick<Topology, 'networks' | 'containers' | 'tasks'>): PruneCandidate[] {
  const attached = (n: Network) => topology.containers.filter((c) => namesNetwork(c, n));
  const byTasks = new Set(topology.tasks.flatMap((t) => t.endpoints.map((e) => e.networkId)));
  return topology.networks
    .filter((n) => !n.predefined && !n.ingress && !byTasks.has(n.id) && !attached(n).some((c) => HOLDS_ENDPOINT.has(c.state)))
    .map((network) => ({ network, stoppedUsers: attached(network).map((c) => c.name) }));
}
