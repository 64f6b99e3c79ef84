import { describe, expect, it } from 'vitest';
import { explainDriver, explainPublishMode, explainScope, explainSwarmNode, OVERLAY_ON_WORKERS, ROUTING_MESH } from './explain';

describe('explainDriver', () => {
  it.each([
    ['bridge', /virtual switch/, /NAT/],
    ['host', /host’s own network stack/, /-p does nothing/],
    ['null', /loopback/, /reach nothing/],
    ['overlay', /swarm/, /--attachable/],
    ['macvlan', /MAC address/, /without NAT/],
    ['ipvlan', /share its MAC/, /no NAT/],
  ])('explains the %s driver in two plain lines', (driver, first, second) => {
    const e = explainDriver(driver);
    expect(e.title.startsWith(driver)).toBe(true);
    expect(e.lines).toHaveLength(2);
    expect(e.lines[0]).toMatch(first);
    expect(e.lines[1]).toMatch(second);
  });

  it('tells the bridge network apart from the bridge driver', () => {
    const [, second] = explainDriver('bridge').lines;
    expect(second).toContain('network named `bridge`');
    expect(second).toContain('without --network');
  });

  it('falls back to a plugin explanation for drivers Docker does not ship', () => {
    const e = explainDriver('weaveworks/net-plugin:latest');
    expect(e.title).toBe('weaveworks/net-plugin:latest — a plugin driver');
    expect(e.lines[0]).toMatch(/plugin/);
    expect(e.lines).toHaveLength(2);
  });

  it('names an empty driver "unknown" rather than leaving the title blank', () => {
    expect(explainDriver('').title).toBe('unknown — a plugin driver');
  });
});

describe('explainScope', () => {
  it.each([
    ['local', /this Docker Engine alone/],
    ['swarm', /every node/],
    ['global', /key-value store/],
  ])('explains the %s scope in two plain lines', (scope, first) => {
    const e = explainScope(scope);
    expect(e.title.startsWith(`${scope} scope`)).toBe(true);
    expect(e.lines).toHaveLength(2);
    expect(e.lines[0]).toMatch(first);
    expect(e.lines[1].length).toBeGreaterThan(0);
  });

  it('falls back to a generic explanation for other scopes', () => {
    const e = explainScope('cluster');
    expect(e.title).toBe('cluster scope');
    expect(e.lines[1]).toMatch(/where the network exists/);
  });
});

describe('the swarm in plain words', () => {
  it('says the routing mesh answers on every node and forwards to a task', () => {
    expect(ROUTING_MESH.lines[0]).toMatch(/every node/);
    expect(ROUTING_MESH.lines[1]).toMatch(/`ingress`.*task/);
  });

  it('tells ingress mode from host mode: every node through the mesh, or only where a task runs', () => {
    expect(explainPublishMode('ingress').title).toMatch(/every node/);
    expect(explainPublishMode('host').title).toMatch(/only on the node that runs the task/);
    expect(explainPublishMode('host').lines[1]).toMatch(/one task that binds that port/);
  });

  it('says why a worker has an overlay only while a task there needs it, ingress on every node', () => {
    expect(OVERLAY_ON_WORKERS.lines[0]).toMatch(/task scheduled on it/);
    expect(OVERLAY_ON_WORKERS.lines[1]).toMatch(/`ingress` is the exception/);
  });

  it('explains a node by its role and what its state and availability mean', () => {
    expect(explainSwarmNode({ role: 'manager', state: 'ready', availability: 'active' }).lines[0]).toMatch(/Raft/);
    expect(explainSwarmNode({ role: 'worker', state: 'down', availability: 'active' }).lines[1]).toMatch(/starts them again/);
    expect(explainSwarmNode({ role: 'worker', state: 'ready', availability: 'drain' }).lines[1]).toMatch(/drained/);
  });

  it('contrasts swarm scope with local scope', () => {
    expect(explainScope('swarm').lines[0]).toMatch(/local network, by contrast/);
  });
});
