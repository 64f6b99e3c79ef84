import { describe, expect, it } from 'vitest';
import { connectSchema, describeIssues, imageTagSchema, networkCreateSchema, runSchema, sharedNamespace } from './schemas';

describe('sharedNamespace', () => {
  it.each(['host', 'HOST', ' Host ', 'host\n'])('names the host network in %j, with the CIS rule', (network) => {
    expect(sharedNamespace(network)).toMatch(/^the host network .*\(CIS 5\.10\)/);
  });

  it.each(['container:web', 'CONTAINER:web', 'container:', 'ns:/proc/1/ns/net', 'bridge:host'])('says %j would share a namespace', (network) => {
    expect(sharedNamespace(network)).toMatch(/would share a network namespace/);
  });

  it.each(['bridge', 'none', 'default', 'hostnet', 'my-host', 'localhost', '477890b3b61a'])('lets the network %j pass', (network) => {
    expect(sharedNamespace(network)).toBeNull();
  });
});

describe('runSchema', () => {
  it('refuses the host network and another container’s, saying why', () => {
    for (const network of ['host', 'container:web']) {
      const parsed = runSchema.safeParse({ image: 'portolan/busybox:test', network });
      expect(parsed.success).toBe(false);
      expect(describeIssues(parsed.error!)).toMatch(/^network: .*(host network|namespace)/);
    }
  });

  it('takes a network by name or id', () => {
    expect(runSchema.parse({ image: 'portolan/busybox:test', network: ' demo-net ' }).network).toBe('demo-net');
  });

  it('refuses every key it does not know, such as NetworkMode or a HostConfig', () => {
    for (const extra of [{ NetworkMode: 'host' }, { HostConfig: { NetworkMode: 'host' } }, { networkMode: 'host' }, { pid: 'host' }]) {
      expect(runSchema.safeParse({ image: 'portolan/busybox:test', ...extra }).success).toBe(false);
    }
  });
});

describe('networkCreateSchema', () => {
  it('takes an encrypted overlay with attachable, internal and a subnet', () => {
    expect(
      networkCreateSchema.parse({ name: 'secure', driver: 'overlay', encrypted: true, attachable: true, internal: true, subnet: '10.40.0.0/24' }),
    ).toEqual({ name: 'secure', driver: 'overlay', encrypted: true, attachable: true, internal: true, subnet: '10.40.0.0/24' });
  });

  it.each(['bridge', 'macvlan'])('refuses encryption on a %s network, saying only overlays are encrypted', (driver) => {
    const parsed = networkCreateSchema.safeParse({ name: 'secure', driver, encrypted: true, parent: 'eth0' });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toMatch(/^encrypted: encryption is an overlay network's \(IPsec between swarm nodes\)/);
  });
});

describe('connectSchema', () => {
  it('refuses unknown keys such as an EndpointConfig', () => {
    expect(connectSchema.safeParse({ container: 'web', EndpointConfig: {} }).success).toBe(false);
  });
});

describe('imageTagSchema', () => {
  it('takes a source by tag or id and a target by Docker’s grammar', () => {
    expect(imageTagSchema.parse({ source: ' portolan/busybox:test ', target: '127.0.0.1:5000/lesson/busybox:1' })).toEqual({
      source: 'portolan/busybox:test',
      target: '127.0.0.1:5000/lesson/busybox:1',
    });
    expect(imageTagSchema.safeParse({ source: '78acb51df4d7', target: 'mine' }).success).toBe(true);
  });

  it.each([
    [{ source: 'busybox', target: 'Mine:1' }, /^target: .*lowercase/],
    [{ source: 'busybox', target: `mine@sha256:${'ab'.repeat(32)}` }, /^target: a tag names no digest/],
    [{ source: '', target: 'mine:1' }, /^source: name an image/],
    [{ source: 'busybox', target: 'mine:1', force: true }, /unknown key "force"/],
    [{ source: 'busybox' }, /^target: /],
  ])('refuses %j, saying what to fix', (body, why) => {
    const parsed = imageTagSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toMatch(why);
  });
});
