import { describe, expect, it } from 'vitest';
import { gatewayOps, withEndpointGateways } from './gateways';
import { applyOps } from './patch';
import { emptyEngine, type Container, type Network, type Topology } from './topology';

const bridge: Network = {
  ...{ id: 'n-bridge', name: 'bridge', driver: 'bridge', scope: 'local', internal: false, attachable: false, ingress: false, ipv6: false },
  ...{ predefined: true, subnets: [{ subnet: '172.17.0.0/16' }], labels: {}, options: {}, createdAt: '' },
};
const c = (name: string, gateway?: string): Container => ({
  ...{ id: `c-${name}`, name, image: 'busybox', state: 'running', status: 'Up', user: '', networkMode: 'default' },
  endpoints: [{ networkId: 'n-bridge', networkName: 'bridge', ipv4: '172.17.0.2', ipv6: '', mac: '', aliases: [], ...(gateway ? { gateway } : {}) }],
  ...{ ports: [], labels: {}, createdAt: '' },
});

describe('gateways the IPAM leaves out', () => {
  it('are read from the endpoints on that network, and say so', () => {
    expect(withEndpointGateways(bridge, [c('a', '172.17.0.1')]).subnets).toEqual([
      { subnet: '172.17.0.0/16', gateway: '172.17.0.1', gatewayFrom: 'endpoints' },
    ]);
  });

  it('leave the network as it is without a running endpoint, or with a gateway of its own', () => {
    expect(withEndpointGateways(bridge, [c('a')])).toBe(bridge);
    expect(withEndpointGateways(bridge, [])).toBe(bridge);
    const own = { ...bridge, subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.254' }] };
    expect(withEndpointGateways(own, [c('a', '172.17.0.1')])).toBe(own);
  });

  it('take only a gateway inside the subnet', () => {
    expect(withEndpointGateways(bridge, [c('a', '10.9.0.1')])).toBe(bridge);
  });

  it('travel in the same patch as the container that brought them, once', () => {
    const before: Topology = { engine: emptyEngine('x'), networks: [bridge], containers: [], nodes: [], services: [], tasks: [] };
    const ops = [{ op: 'upsert' as const, kind: 'container' as const, value: c('a', '172.17.0.1') }];
    const after = applyOps(before, ops);
    const extra = gatewayOps(after, ops);
    expect(extra).toEqual([
      {
        op: 'upsert',
        kind: 'network',
        value: { ...bridge, subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1', gatewayFrom: 'endpoints' }] },
      },
    ]);
    const filled = applyOps(after, extra);
    expect(gatewayOps(filled, [{ op: 'upsert', kind: 'container', value: c('b', '172.17.0.1') }])).toEqual([]);
    // The network read again from the Engine comes without it: it is filled again from the containers.
    expect(
      gatewayOps(applyOps(filled, [{ op: 'upsert', kind: 'network', value: bridge }]), [{ op: 'upsert', kind: 'network', value: bridge }]),
    ).toHaveLength(1);
  });
});
