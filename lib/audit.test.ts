import { describe, expect, it } from 'vitest';
import { auditContainer, auditOf, floatingTag, scoreOf, selfHardeningGaps, type ContainerSecurity, type Finding, type Severity } from './audit';
import type { PortBinding } from './topology';

/** A container that passes every check: non-root, read-only, limited, loopback-only, pinned image. */
const hardened: ContainerSecurity = {
  id: 'c0ffee',
  name: 'web',
  image: 'nginx:1.27.0',
  user: '1009',
  privileged: false,
  capAdd: [],
  capDrop: [],
  noNewPrivileges: false,
  mounts: [{ type: 'volume', source: '/var/lib/docker/volumes/data/_data', destination: '/data', readOnly: false }],
  networkMode: 'default',
  memory: 64 * 1024 * 1024,
  readonlyRootfs: true,
  ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  pidMode: '',
  ipcMode: 'private',
};

const bind = (source: string, destination = '/host'): ContainerSecurity['mounts'][number] => ({ type: 'bind', source, destination, readOnly: true });
const port = (hostIp: string, hostPort = 8080, containerPort = 80, protocol = 'tcp'): PortBinding => ({ hostIp, hostPort, containerPort, protocol });
const rulesOf = (change: Partial<ContainerSecurity>): string[] => auditContainer({ ...hardened, ...change }).map((f) => f.rule);
const finding = (change: Partial<ContainerSecurity>, rule: string): Finding | undefined =>
  auditContainer({ ...hardened, ...change }).find((f) => f.rule === rule);

describe('auditContainer', () => {
  it('finds nothing in a fully hardened container', () => {
    expect(auditContainer(hardened)).toEqual([]);
    expect(auditOf(hardened)).toEqual({ id: 'c0ffee', name: 'web', score: 100, findings: [] });
  });

  describe('each rule fires on exactly its input', () => {
    const cases: [rule: string, change: Partial<ContainerSecurity>][] = [
      ['4.1', { user: '' }],
      ['4.1', { user: '0' }],
      ['4.1', { user: 'root' }],
      ['4.1', { user: '0:0' }],
      ['4.1', { user: 'root:1009' }],
      ['5.4', { capAdd: ['CAP_NET_ADMIN'] }],
      ['5.5', { privileged: true }],
      ['5.6', { mounts: [bind('/')] }],
      ['5.6', { mounts: [bind('/etc')] }],
      ['5.6', { mounts: [bind('/etc/ssl/certs')] }],
      ['5.6', { mounts: [bind('/proc')] }],
      ['5.6', { mounts: [bind('/sys/fs/cgroup')] }],
      ['5.6', { mounts: [bind('/usr/local/bin')] }],
      ['5.6', { mounts: [bind('/boot')] }],
      ['5.6', { mounts: [bind('/dev')] }],
      ['5.6', { mounts: [bind('/lib/modules')] }],
      ['5.10', { networkMode: 'host' }],
      ['5.11', { memory: 0 }],
      ['5.13', { readonlyRootfs: false }],
      ['5.14', { ports: [port('0.0.0.0')] }],
      ['5.14', { ports: [port('::')] }],
      ['5.14', { ports: [port('')] }],
      ['5.14', { ports: [port('127.0.0.1', 8443, 443), port('0.0.0.0')] }],
      ['5.16', { pidMode: 'host' }],
      ['5.17', { ipcMode: 'host' }],
      ['5.32', { mounts: [bind('/var/run/docker.sock', '/var/run/docker.sock')] }],
      ['5.32', { mounts: [bind('/run/docker.sock', '/var/run/docker.sock')] }],
      ['latest-tag', { image: 'nginx' }],
      ['latest-tag', { image: 'nginx:latest' }],
    ];
    it.each(cases)('%s for %o', (rule, change) => {
      expect(rulesOf(change)).toEqual([rule]);
    });
  });

  describe('no rule fires on the safe neighbour of its input', () => {
    const cases: [what: string, change: Partial<ContainerSecurity>][] = [
      ['a numeric non-root user', { user: '1009' }],
      ['a named non-root user', { user: 'nobody' }],
      ['a non-root user and group', { user: '1000:1000' }],
      ['a non-root user in group 0', { user: '1000:0' }],
      ['a user whose name starts with root', { user: 'rootless' }],
      ['no added capabilities', { capAdd: [] }],
      ['a bind of an ordinary host directory', { mounts: [bind('/home/ada/site'), bind('/srv/data')] }],
      ['a bind whose path only starts like a sensitive one', { mounts: [bind('/etcetera'), bind('/devices'), bind('/usr2')] }],
      [
        'a volume, whatever its path',
        { mounts: [{ type: 'volume', source: '/var/lib/docker/volumes/etc/_data', destination: '/etc', readOnly: false }] },
      ],
      ['a tmpfs', { mounts: [{ type: 'tmpfs', source: '', destination: '/tmp', readOnly: false }] }],
      ['the default bridge', { networkMode: 'default' }],
      ['a user network', { networkMode: 'demo-net' }],
      ['no network', { networkMode: 'none' }],
      ['another container’s network', { networkMode: 'container:db' }],
      ['a memory limit', { memory: 1 }],
      ['ports on IPv4 loopback', { ports: [port('127.0.0.1'), port('127.0.0.2', 8443, 443)] }],
      ['ports on IPv6 loopback', { ports: [port('::1')] }],
      ['a port on one other address', { ports: [port('192.168.1.5')] }],
      ['no ports', { ports: [] }],
      ['a private pid namespace', { pidMode: '' }],
      ['another container’s pid namespace', { pidMode: 'container:db' }],
      ['a private ipc namespace', { ipcMode: 'private' }],
      ['a shareable ipc namespace', { ipcMode: 'shareable' }],
      ['another container’s ipc namespace', { ipcMode: 'container:db' }],
      ['a pinned image', { image: 'registry.example:5000/app:1.2' }],
      ['an image by digest', { image: `nginx@sha256:${'a'.repeat(64)}` }],
    ];
    it.each(cases)('%s', (_what, change) => {
      expect(rulesOf(change)).toEqual([]);
    });
  });

  it('finds every rule at once in the worst container, each with a title, why and fix', () => {
    const worst: ContainerSecurity = {
      id: 'bad',
      name: 'bad',
      image: 'nginx',
      user: '',
      privileged: true,
      capAdd: ['CAP_SYS_ADMIN', 'CAP_NET_ADMIN'],
      capDrop: [],
      noNewPrivileges: false,
      mounts: [bind('/etc'), bind('/var/run/docker.sock', '/var/run/docker.sock')],
      networkMode: 'host',
      memory: 0,
      readonlyRootfs: false,
      ports: [port('0.0.0.0')],
      pidMode: 'host',
      ipcMode: 'host',
    };
    const findings = auditContainer(worst);
    expect(findings.map((f) => f.rule)).toEqual(['4.1', '5.4', '5.5', '5.6', '5.10', '5.11', '5.13', '5.14', '5.16', '5.17', '5.32', 'latest-tag']);
    for (const f of findings) {
      expect(f.title, f.rule).not.toBe('');
      expect(f.why.length, f.rule).toBeGreaterThan(20);
      expect(f.fix.length, f.rule).toBeGreaterThan(5);
      expect(['high', 'medium', 'low']).toContain(f.severity);
    }
    expect(auditOf(worst).score).toBe(0);
  });

  it('rates breaking out of isolation high and hygiene low', () => {
    const severity = (change: Partial<ContainerSecurity>, rule: string) => finding(change, rule)?.severity;
    expect(severity({ privileged: true }, '5.5')).toBe('high');
    expect(severity({ capAdd: ['CAP_SYS_ADMIN'] }, '5.4')).toBe('high');
    expect(severity({ mounts: [bind('/')] }, '5.6')).toBe('high');
    expect(severity({ pidMode: 'host' }, '5.16')).toBe('high');
    expect(severity({ ipcMode: 'host' }, '5.17')).toBe('high');
    expect(severity({ mounts: [bind('/var/run/docker.sock')] }, '5.32')).toBe('high');
    expect(severity({ user: '' }, '4.1')).toBe('medium');
    expect(severity({ networkMode: 'host' }, '5.10')).toBe('medium');
    expect(severity({ ports: [port('0.0.0.0')] }, '5.14')).toBe('medium');
    expect(severity({ memory: 0 }, '5.11')).toBe('low');
    expect(severity({ readonlyRootfs: false }, '5.13')).toBe('low');
    expect(severity({ image: 'nginx' }, 'latest-tag')).toBe('low');
  });

  it('names the added capabilities and how to drop them', () => {
    expect(finding({ capAdd: ['CAP_NET_ADMIN', 'CAP_SYS_TIME'] }, '5.4')).toMatchObject({
      title: 'Adds capabilities: CAP_NET_ADMIN, CAP_SYS_TIME',
      fix: 'docker run without --cap-add CAP_NET_ADMIN --cap-add CAP_SYS_TIME',
    });
  });

  it('names only the sensitive host directories among the binds', () => {
    expect(finding({ mounts: [bind('/srv/site'), bind('/etc'), bind('/proc/1')] }, '5.6')?.title).toBe('Mounts host directories: /etc, /proc/1');
  });

  it('lists only the exposed ports and fixes the first with a loopback binding', () => {
    const f = finding({ ports: [port('127.0.0.1', 9000, 9000), port('0.0.0.0', 8080, 80), port('::', 8443, 443)] }, '5.14');
    expect(f?.title).toBe('Ports on all interfaces: 0.0.0.0:8080, [::]:8443');
    expect(f?.fix).toBe('-p 127.0.0.1:8080:80');
  });

  it('keeps the protocol of a UDP port in the fix', () => {
    expect(finding({ ports: [port('0.0.0.0', 5353, 53, 'udp')] }, '5.14')?.fix).toBe('-p 127.0.0.1:5353:53/udp');
  });

  it('shows a port the Engine picks (-p 80, -P) as random, not as port 0', () => {
    const f = finding({ ports: [port('', 0, 80)] }, '5.14');
    expect(f?.title).toBe('Ports on all interfaces: 0.0.0.0:<random>');
    expect(f?.fix).toBe('-p 127.0.0.1::80   (instead of -p 80 or -P)');
  });

  it('suggests a version for a floating image, without its :latest', () => {
    expect(finding({ image: 'nginx:latest' }, 'latest-tag')).toMatchObject({
      title: 'Image without a fixed tag: nginx:latest',
      fix: 'docker run nginx:<version>',
    });
    expect(finding({ image: 'registry.example:5000/app' }, 'latest-tag')?.fix).toBe('docker run registry.example:5000/app:<version>');
  });
});

describe('floatingTag', () => {
  it.each([
    ['nginx', true],
    ['nginx:latest', true],
    ['library/nginx', true],
    ['registry.example:5000/app', true],
    ['registry.example:5000/app:latest', true],
    ['nginx:1.27', false],
    ['nginx:latest-alpine', false],
    ['registry.example:5000/app:1.2', false],
    [`app@sha256:${'0123456789abcdef'.repeat(4)}`, false],
    [`registry.example:5000/app:1.2@sha256:${'0123456789abcdef'.repeat(4)}`, false],
    ['sha256:abc', false],
    [`sha256:${'0123456789abcdef'.repeat(4)}`, false],
    // What the Engine records as Config.Image for `docker run <image id>`.
    ['0123456789abcdef'.repeat(4), false],
    ['14e967a72840', false],
  ])('%s floats: %s', (image, floats) => {
    expect(floatingTag(image)).toBe(floats);
  });
});

describe('scoreOf', () => {
  const of = (...severities: Severity[]): Finding[] => severities.map((severity) => ({ rule: 'x', severity, title: '', why: '', fix: '' }));

  it('is 100 for a clean container', () => {
    expect(scoreOf([])).toBe(100);
  });

  it('takes 25 for a high, 10 for a medium and 4 for a low finding', () => {
    expect(scoreOf(of('high'))).toBe(75);
    expect(scoreOf(of('medium'))).toBe(90);
    expect(scoreOf(of('low'))).toBe(96);
    expect(scoreOf(of('high', 'medium', 'low', 'low'))).toBe(57);
  });

  it('never goes below 0', () => {
    expect(scoreOf(of('high', 'high', 'high', 'high'))).toBe(0);
    expect(scoreOf(of('high', 'high', 'high', 'high', 'high', 'medium'))).toBe(0);
  });

  it('is what auditOf reports for the findings it lists', () => {
    const audit = auditOf({ ...hardened, user: '', memory: 0, readonlyRootfs: false });
    expect(audit.findings.map((f) => f.rule)).toEqual(['4.1', '5.11', '5.13']);
    expect(audit.score).toBe(82);
  });
});

describe("5.32 on Portolan's own container", () => {
  const socket = bind('/var/run/docker.sock', '/var/run/docker.sock');
  /** Portolan as compose.yaml runs it: user node, every capability dropped, no new privileges, read-only, 512m, loopback. */
  const portolan: ContainerSecurity = {
    ...hardened,
    name: 'portolan-portolan-1',
    image: 'portolan:0.1.0',
    user: 'node',
    capDrop: ['ALL'],
    noNewPrivileges: true,
    mounts: [socket],
    memory: 512 * 1024 * 1024,
    ports: [port('127.0.0.1', 3000, 3000)],
  };
  const socketFinding = (c: ContainerSecurity, self: boolean) => auditContainer(c, { self }).find((f) => f.rule === '5.32');

  it('is a low finding, still listed, when Portolan runs fenced in as compose.yaml runs it', () => {
    expect(auditContainer(portolan, { self: true })).toEqual([expect.objectContaining({ rule: '5.32', severity: 'low' })]);
    expect(socketFinding(portolan, true)?.title).toBe('Mounts the Docker socket: Portolan itself, fenced in');
    expect(auditOf(portolan, { self: true }).score).toBe(96);
  });

  it('stays high for the very same container when it is not Portolan: only Portolan itself is recognised, never by a name or label', () => {
    expect(socketFinding(portolan, false)).toMatchObject({ severity: 'high', title: 'Mounts the Docker socket' });
  });

  it.each<[gap: string, change: Partial<ContainerSecurity>]>([
    ['a non-root user', { user: '' }],
    ['a non-root user', { user: '0:0' }],
    ['--cap-drop ALL and nothing added', { capDrop: ['NET_RAW'] }],
    ['--cap-drop ALL and nothing added', { capAdd: ['CAP_SYS_ADMIN'] }],
    ['--cap-drop ALL and nothing added', { privileged: true }],
    ['--security-opt no-new-privileges', { noNewPrivileges: false }],
    ['--read-only', { readonlyRootfs: false }],
    ['--memory', { memory: 0 }],
    ['no host namespaces', { networkMode: 'host' }],
    ['no host namespaces', { pidMode: 'host' }],
    ['its port on 127.0.0.1 only', { ports: [port('0.0.0.0', 3000, 3000)] }],
  ])('stays high, naming what is missing, without %s', (gap, change) => {
    const c = { ...portolan, ...change };
    expect(selfHardeningGaps(c)).toEqual([gap]);
    const found = socketFinding(c, true);
    expect(found).toMatchObject({ severity: 'high', title: 'Mounts the Docker socket: Portolan itself, not fenced in' });
    expect(found?.why).toContain(`still needs ${gap} (compose.yaml has them all)`);
  });

  it('accepts --cap-drop all in any case, as the Engine does', () => {
    expect(selfHardeningGaps({ ...portolan, capDrop: ['all'] })).toEqual([]);
  });
});

describe('5.14 on engines that bind both stacks', () => {
  it('reports one `-p 8080:80`, bound on 0.0.0.0 and on :: by Docker 26 and later, once', () => {
    const findings = auditContainer({ ...hardened, ports: [port('0.0.0.0'), port('::')] }).filter((f) => f.rule === '5.14');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.title).toBe('Ports on all interfaces: 0.0.0.0:8080');
  });
});
