import { describe, expect, it } from 'vitest';
import type { Network, Topology } from '../../lib/topology';
import type { Engine } from './engine';
import { removeNetwork } from './networkActions';

const network = (name: string, id: string, predefined = false) => ({ name, id, predefined }) as Network;
const topology = (networks: Network[]) => ({ networks, containers: [] }) as unknown as Topology;

/** An Engine that removes whatever it is asked to, and remembers what. */
function removingEngine() {
  const removed: string[] = [];
  const engine = {
    endpoint: 'unix:///var/run/docker.sock',
    docker: { getNetwork: (ref: string) => ({ remove: async () => void removed.push(ref) }) },
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
