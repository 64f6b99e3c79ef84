import { describe, expect, it } from 'vitest';
import { pruneCandidates } from './prune';
import { container as aContainer, endpoint, network } from './testing/topology';
import type { Container, Task } from './topology';

/** A container on these networks (by name), the first being the one it was run on, with no addresses. */
const container = (name: string, state: Container['state'], networks: string[]): Container =>
  aContainer(name, { state, status: state, networkMode: networks[0] ?? 'none', endpoints: networks.map((n) => endpoint(network(n))) });

const task = (network: string): Task => ({
  id: 't1',
  serviceId: 's1',
  nodeId: 'n1',
  state: 'running',
  desiredState: 'running',
  endpoints: [{ networkId: `n-${network}`, ipv4: '' }],
});
const names = (c: ReturnType<typeof pruneCandidates>) => c.map((x) => x.network.name);

describe('pruneCandidates', () => {
  it('lists the networks no container holds an endpoint on, and never the ones Docker made itself', () => {
    const networks = [network('bridge', { predefined: true }), network('host', { predefined: true }), network('idle'), network('busy')];
    const containers = [container('web', 'running', ['busy'])];
    expect(names(pruneCandidates({ networks, containers, tasks: [] }))).toEqual(['idle']);
  });

  it('lists a network only stopped containers name, with them: the Engine removes it and they will not start again on it', () => {
    const networks = [network('old')];
    const containers = [container('made', 'created', ['old']), container('done', 'exited', ['old'])];
    expect(pruneCandidates({ networks, containers, tasks: [] })).toEqual([{ network: networks[0], stoppedUsers: ['made', 'done'] }]);
  });

  it('counts a container created and never started, whose endpoint has no network id yet, by the network’s name', () => {
    const networks = [network('fresh')];
    const made = container('made', 'created', ['fresh']);
    const unstarted = { ...made, endpoints: made.endpoints.map((e) => ({ ...e, networkId: '' })) };
    expect(pruneCandidates({ networks, containers: [unstarted], tasks: [] })).toEqual([{ network: networks[0], stoppedUsers: ['made'] }]);
  });

  it('keeps a network a paused or restarting container holds', () => {
    const networks = [network('a'), network('b')];
    const containers = [container('p', 'paused', ['a']), container('r', 'restarting', ['b'])];
    expect(pruneCandidates({ networks, containers, tasks: [] })).toEqual([]);
  });

  it('keeps the ingress network and an overlay a task is on', () => {
    const networks = [
      network('ingress', { driver: 'overlay', scope: 'swarm', ingress: true }),
      network('front', { driver: 'overlay', scope: 'swarm' }),
      network('spare', { driver: 'overlay', scope: 'swarm' }),
    ];
    expect(names(pruneCandidates({ networks, containers: [], tasks: [task('front')] }))).toEqual(['spare']);
  });
});
