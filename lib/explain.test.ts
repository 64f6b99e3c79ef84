import { describe, expect, it } from 'vitest';
import { explainDriver, explainScope } from './explain';

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
