import { describe, expect, it } from 'vitest';
import { nodeDownOps, swarmPicture } from '../scripts/testkit/syntheticSwarm';
import { applyOps } from './patch';
import { summarize } from './summary';
import { container as aContainer, network as aNetwork } from './testing/topology';
import { emptyEngine, type Container, type Network, type Topology } from './topology';

const network = (name: string, driver: string): Network => aNetwork(name, { driver, scope: driver === 'overlay' ? 'swarm' : 'local' });
const container = (name: string, state: string): Container => aContainer(name, { state, status: state });

const engine = emptyEngine('unix:///var/run/docker.sock');

describe('summarize', () => {
  it('counts networks by driver and containers by state, most first', () => {
    const topology: Topology = {
      engine,
      networks: [
        network('a-net', 'bridge'),
        network('bridge', 'bridge'),
        network('host', 'host'),
        network('ingress', 'overlay'),
        network('none', 'null'),
        network('web-net', 'bridge'),
        network('z-overlay', 'overlay'),
      ],
      containers: [
        container('api', 'running'),
        container('db', 'exited'),
        container('job', 'exited'),
        container('old', 'exited'),
        container('web1', 'running'),
        container('web2', 'paused'),
      ],
      nodes: [],
      services: [],
      tasks: [],
    };
    expect(summarize(topology)).toEqual({
      networks: 7,
      containers: 6,
      networksByDriver: [
        ['bridge', 3],
        ['overlay', 2],
        ['host', 1],
        ['null', 1],
      ],
      containersByState: [
        ['exited', 3],
        ['running', 2],
        ['paused', 1],
      ],
    });
  });

  it('orders equal counts alphabetically so the summary does not jump around', () => {
    const topology: Topology = {
      engine,
      networks: [network('n1', 'null'), network('n2', 'macvlan'), network('n3', 'host')],
      containers: [container('c1', 'running'), container('c2', 'created')],
      nodes: [],
      services: [],
      tasks: [],
    };
    expect(summarize(topology).networksByDriver).toEqual([
      ['host', 1],
      ['macvlan', 1],
      ['null', 1],
    ]);
    expect(summarize(topology).containersByState).toEqual([
      ['created', 1],
      ['running', 1],
    ]);
  });

  it('summarises an empty engine as zeros and empty lists', () => {
    expect(summarize({ engine, networks: [], containers: [], nodes: [], services: [], tasks: [] })).toEqual({
      networks: 0,
      containers: 0,
      networksByDriver: [],
      containersByState: [],
    });
  });

  it('on a swarm manager counts nodes by state, services, and the tasks meant to run with those running', () => {
    expect(summarize(swarmPicture()).swarm).toEqual({ nodes: 3, nodesByState: [['ready', 3]], services: 2, tasks: 4, tasksRunning: 4 });
    // worker-2 down: web.3 is wanted shut down (no longer counted), web.3 again on the manager is.
    const down = applyOps(swarmPicture(), nodeDownOps(swarmPicture()));
    expect(summarize(down).swarm).toEqual({
      nodes: 3,
      nodesByState: [
        ['ready', 2],
        ['down', 1],
      ],
      services: 2,
      tasks: 4,
      tasksRunning: 4,
    });
  });
});
