/**
 * A network's gateway where its IPAM leaves it out. Docker 20.10 does so for
 * the default bridge (Docker 26 reports 172.17.0.1), yet every container
 * endpoint on that network carries it: the picture takes it from there and
 * says so.
 */
import { contains, isRange, parseCidr } from './cidr';
import type { Container, Network, PatchOp, Topology } from './topology';

/** The network with each gateway-less subnet filled from its containers' endpoints; the same object when none is. */
export function withEndpointGateways(network: Network, containers: readonly Container[]): Network {
  let subnets: Network['subnets'] | null = null;
  network.subnets.forEach((s, i) => {
    if (s.gateway) return;
    const range = parseCidr(s.subnet);
    if (!isRange(range)) return;
    for (const c of containers) {
      const gateway = c.endpoints.find((e) => e.networkId === network.id && e.gateway && contains(range, e.gateway))?.gateway;
      if (gateway) {
        subnets ??= network.subnets.slice();
        subnets[i] = { ...s, gateway, gatewayFrom: 'endpoints' };
        return;
      }
    }
  });
  return subnets ? { ...network, subnets } : network;
}

/**
 * The upserts that fill gateways in the picture `ops` lead to: for networks the ops touch, or whose containers
 * they touch. A network already showing that gateway needs none.
 */
export function gatewayOps(after: Topology, ops: readonly PatchOp[]): PatchOp[] {
  const touched = new Set<string>();
  for (const op of ops) {
    if (op.op === 'upsert' && op.kind === 'network') touched.add(op.value.id);
    if (op.op === 'upsert' && op.kind === 'container') for (const e of op.value.endpoints) if (e.gateway) touched.add(e.networkId);
  }
  const extra: PatchOp[] = [];
  for (const id of touched) {
    const network = after.networks.find((n) => n.id === id);
    if (!network || network.subnets.every((s) => s.gateway)) continue;
    const filled = withEndpointGateways(network, after.containers);
    if (filled !== network) extra.push({ op: 'upsert', kind: 'network', value: filled });
  }
  return extra;
}
