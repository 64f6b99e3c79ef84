import { describe, expect, it } from 'vitest';
import type { Container, Network, Topology } from '../../lib/topology';
import type { Engine } from './engine';
import { connectRefusal, removeNetwork } from './networkActions';

const network = (name: string, id: string, predefined = false) => ({ name, id, predefined }) as Network;
const topology = (networks: Network[]) => ({ networks, containers: [] }) as unknown as Topology;

/** An Engine that removes whatever it is asked to, and remembers what. */
function removingEngine() {
  const removed: string[] = [];
  const engine = {
    endpoint: 'unix:///var/run/docker.sock',
    removeNetwork: async (ref: string) => void removed.push(ref),
  };
  return { engine: engine as unknown as Engine, removed };
}

describe('removeNetwork', () => {
  it('removes a network whose name is the start of the bridge network’s id, as Docker resolves names before id prefixes', async () => {
    const { engine, removed } = removingEngine();
    const networks = [network('bridge', 'db5e8a0f3c2d1b4a', true), network('db', '0f12aa')];

    await expect(removeNetwork(engine, topology(networks), 'db')).resolves.toEqual({ command: 'docker network rm db' });
    expect(removed).toEqual(['db']);
  });

  it('refuses the bridge network by a short id', async () => {
    const { engine, removed } = removingEngine();

    await expect(removeNetwork(engine, topology([network('bridge', 'db5e8a0f3c2d1b4a', true)]), 'db5e')).rejects.toMatchObject({
      status: 403,
      code: 'predefined_network',
    });
    expect(removed).toEqual([]);
  });
});

describe('connectRefusal: what Portolan refuses before asking the Engine, whatever its version says', () => {
  const lan = {
    id: 'n1',
    name: 'lan',
    driver: 'bridge',
    predefined: false,
    subnets: [{ subnet: '10.42.0.0/24', gateway: '10.42.0.1' }, { subnet: 'fd00:42::/64' }],
  } as Network;
  const web = { id: 'c1', name: 'web', networkMode: 'bridge' } as Container;

  it('refuses a static IP outside every IPv4 subnet with 400, naming the subnet', () => {
    const refused = connectRefusal(lan, web, { ipv4: '10.199.0.10' });
    expect(refused).toMatchObject({ status: 400, code: 'address_outside_subnet', message: "10.199.0.10 is outside lan's subnet 10.42.0.0/24." });
    expect(refused?.hint).toBe('Choose an address inside 10.42.0.0/24, or leave it empty.');
    expect(refused?.engine).toBeUndefined();
  });

  it('leaves a static IP inside the subnet, or no IP, to the Engine', () => {
    expect(connectRefusal(lan, web, { ipv4: '10.42.0.10' })).toBeNull();
    expect(connectRefusal(lan, web, {})).toBeNull();
  });

  it('leaves a static IP on a network without subnets to the Engine', () => {
    expect(connectRefusal({ ...lan, subnets: [] }, web, { ipv4: '10.42.0.10' })).toBeNull();
  });

  it('refuses a static IP on the default bridge', () => {
    const bridge = { ...lan, name: 'bridge', predefined: true, subnets: [{ subnet: '172.17.0.0/16' }] };
    expect(connectRefusal(bridge, web, { ipv4: '172.17.0.50' })).toMatchObject({ status: 400, code: 'static_ip_unsupported' });
  });

  it('refuses a container on the host or none network, or sharing another container’s', () => {
    expect(connectRefusal(lan, { ...web, networkMode: 'host' }, {})?.message).toBe(
      "web runs with --network host: it shares the host's network stack and cannot join other networks.",
    );
    expect(connectRefusal(lan, { ...web, networkMode: 'none' }, {})).toMatchObject({ status: 400, code: 'network_mode_conflict' });
    expect(connectRefusal(lan, { ...web, networkMode: 'container:db' }, {})?.message).toContain("shares db's network stack");
  });

  it('refuses joining the host or none network', () => {
    expect(connectRefusal({ ...lan, name: 'host', driver: 'host', predefined: true }, web, {})).toMatchObject({
      status: 400,
      code: 'network_mode_conflict',
    });
    expect(connectRefusal({ ...lan, name: 'none', driver: 'null', predefined: true }, web, {})?.hint).toBe(
      'Run a container on it instead: docker run --network none …',
    );
  });
});
