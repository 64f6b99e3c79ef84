import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContainerAudit } from '../lib/audit';
import { PortolanApi, freePort } from '../scripts/testkit/api';
import { TestObjects, waitFor } from '../scripts/testkit/docker';
import { Feed } from '../scripts/testkit/feed';
import { startTestPortolan } from '../scripts/testkit/portolan';
import type { Portolan } from './index';

let portolan: Portolan;
let api: PortolanApi;
const objects = new TestObjects('audit');
const ports = { all: 0, loopback: 0, hardened: 0 };

/** Each container this file runs: its extra `docker run` flags and the findings the audit must report, no more, no fewer. */
const containers: Record<string, { flags: () => string[]; rules: string[]; score: number }> = {
  root: { flags: () => [], rules: ['4.1', '5.11', '5.13'], score: 82 },
  user: { flags: () => ['--user', '1009'], rules: ['5.11', '5.13'], score: 92 },
  'all-interfaces': { flags: () => ['-p', `0.0.0.0:${ports.all}:80`], rules: ['4.1', '5.11', '5.13', '5.14'], score: 72 },
  loopback: { flags: () => ['-p', `127.0.0.1:${ports.loopback}:80`], rules: ['4.1', '5.11', '5.13'], score: 82 },
  'publish-all': { flags: () => ['--expose', '80', '-P'], rules: ['4.1', '5.11', '5.13', '5.14'], score: 72 },
  'read-only': { flags: () => ['--read-only'], rules: ['4.1', '5.11'], score: 86 },
  memory: { flags: () => ['--memory', '64m'], rules: ['4.1', '5.13'], score: 86 },
  hardened: {
    flags: () => ['--user', '1009', '--read-only', '--memory', '64m', '-p', `127.0.0.1:${ports.hardened}:80`],
    rules: [],
    score: 100,
  },
};

async function audits(): Promise<ContainerAudit[]> {
  const { status, body } = await api.get<{ containers: ContainerAudit[] }>('/api/audit');
  expect(status).toBe(200);
  return body.containers;
}

const byContainer = (list: ContainerAudit[], suffix: string) => list.find((a) => a.name === objects.name(suffix));

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  await portolan.store.settled();
  ports.all = await freePort();
  ports.loopback = await freePort();
  ports.hardened = await freePort();
  await Promise.all(Object.entries(containers).map(([suffix, { flags }]) => objects.sleeper(suffix, flags())));
  await waitFor(
    'every test container in the audit',
    () => Object.keys(containers).every((suffix) => byContainer(portolan.store.audit(), suffix)),
    5000,
  );
  await portolan.store.settled();
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

describe('GET /api/audit', () => {
  it.each(Object.entries(containers))('reports exactly the expected findings and score for the %s container', async (suffix, { rules, score }) => {
    const audit = byContainer(await audits(), suffix);
    expect(audit?.findings.map((f) => f.rule).sort()).toEqual([...rules].sort());
    expect(audit?.score).toBe(score);
  });

  it('names the exposed port and how to bind it to loopback instead', async () => {
    const finding = byContainer(await audits(), 'all-interfaces')?.findings.find((f) => f.rule === '5.14');
    expect(finding).toMatchObject({ title: `Ports on all interfaces: 0.0.0.0:${ports.all}`, fix: `-p 127.0.0.1:${ports.all}:80` });
  });

  it('gives every finding a title, why and fix a person can act on', async () => {
    const findings = (await audits()).filter((a) => a.name.startsWith(objects.prefix)).flatMap((a) => a.findings);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.title && f.why && f.fix, f.rule).toBeTruthy();
  });

  it('is the store’s audit of every container in the picture, sorted by name', async () => {
    // Only this file's containers: other tests may change theirs meanwhile.
    const ours = (list: ContainerAudit[]) => list.filter((a) => a.name.startsWith(objects.prefix));
    const list = await audits();
    expect(ours(list)).toEqual(ours(portolan.store.audit()));
    expect(list.map((a) => a.name)).toEqual(list.map((a) => a.name).sort());
    await portolan.store.settled();
    const ids = portolan.store.snapshot().topology.containers.map((c) => c.id);
    expect(new Set(portolan.store.audit().map((a) => a.id))).toEqual(new Set(ids));
  });
});

describe('the audit stays live', () => {
  it('drops a container removed with docker rm -f', async () => {
    const id = await objects.sleeper('removed');
    await waitFor('the new container in the audit', () => portolan.store.audit().some((a) => a.id === id));
    expect(byContainer(await audits(), 'removed')?.findings.map((f) => f.rule)).toEqual(['4.1', '5.11', '5.13']);
    await objects.docker(['rm', '-f', id]);
    await waitFor('the removed container gone from the audit', () => !portolan.store.audit().some((a) => a.id === id));
    expect((await audits()).some((a) => a.id === id)).toBe(false);
  });

  it('an event that changes one container re-audits that container only', async () => {
    await portolan.store.settled();
    const before = new Map(portolan.store.audit().map((a) => [a.id, a]));
    const renamed = byContainer([...before.values()], 'root')!;
    const restarted = byContainer([...before.values()], 'user')!;
    const restartedStatus = portolan.store.snapshot().topology.containers.find((c) => c.id === restarted.id)?.status;

    await objects.docker(['rename', renamed.name, objects.name('renamed')]);
    // A restart re-inspects the container but changes nothing the audit reads.
    await objects.docker(['restart', '-t', '0', restarted.id]);
    await waitFor('the new name in the audit', () => byContainer(portolan.store.audit(), 'renamed'));
    await waitFor('the restarted container running again', () => {
      const c = portolan.store.snapshot().topology.containers.find((x) => x.id === restarted.id);
      return c?.state === 'running' && c.status !== restartedStatus;
    });
    await portolan.store.settled();

    const after = portolan.store.audit();
    const renamedAfter = after.find((a) => a.id === renamed.id);
    expect(renamedAfter).not.toBe(renamed);
    expect(renamedAfter).toEqual({ ...renamed, name: objects.name('renamed') });
    for (const audit of after) {
      if (audit.id !== renamed.id && before.has(audit.id)) expect(audit, audit.name).toBe(before.get(audit.id));
    }
    expect(after.find((a) => a.id === restarted.id)).toBe(restarted);
  });
});

describe('the audit pushed over socket.io', () => {
  it('reaches a viewer on connect, the store’s audit at the picture’s revision, without asking the Engine', async () => {
    // An Engine event from anyone else's work in the window is read, as it must be: such a window is measured again.
    for (let attempt = 1; ; attempt++) {
      await portolan.store.settled();
      let events = 0;
      const counted = () => void events++;
      portolan.store.on('event', counted);
      const spies = [vi.spyOn(portolan.engine, 'inspectContainer'), vi.spyOn(portolan.engine, 'networks'), vi.spyOn(portolan.engine, 'info')];
      const feed = new Feed(portolan.url);
      try {
        await feed.ready();
        await waitFor('the audit on connect', () => feed.audits.length > 0);
        if (events > 0 && attempt < 5) continue;
        const [first] = feed.audits;
        expect(first?.engine).toBe(portolan.sites[0]?.name);
        expect(first?.revision).toBe(feed.snapshot?.revision);
        expect(first?.containers).toEqual(portolan.store.audit());
        expect(events).toBe(0);
        expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
        return;
      } finally {
        portolan.store.off('event', counted);
        feed.close();
        spies.forEach((s) => s.mockRestore());
      }
    }
  });

  it('pushes a CLI docker run of a root container to every viewer as one audit per change, computed once', async () => {
    const viewers = Array.from({ length: 3 }, () => new Feed(portolan.url));
    const announced: ContainerAudit[][] = [];
    const listen = ({ containers }: { containers: ContainerAudit[] }) => void announced.push(containers);
    portolan.store.on('audit', listen);
    const gets = vi.spyOn(portolan.store, 'audit');
    try {
      await Promise.all(viewers.map((v) => v.ready()));
      await waitFor('the audit on connect', () => viewers.every((v) => v.audits.length > 0));
      const before = viewers.map((v) => v.audits.length);
      gets.mockClear();
      announced.length = 0;

      const id = await objects.sleeper('pushed');
      const pushed = (v: Feed) => v.audits.slice(before[viewers.indexOf(v)]).find((a) => a.containers.some((c) => c.id === id));
      await waitFor('the new root container in a pushed audit at every viewer', () => viewers.every(pushed), 5000);

      const mine = pushed(viewers[0]!)!.containers.find((c) => c.id === id);
      expect(mine?.findings.map((f) => f.rule)).toEqual(['4.1', '5.11', '5.13']);
      expect(mine?.score).toBe(82);
      // Each viewer was sent what the store announced, in the same order, and the store read its audit once per announcement, not once per viewer.
      await portolan.store.settled();
      for (const [i, v] of viewers.entries()) expect(v.audits.slice(before[i]).map((a) => a.containers)).toEqual(announced);
      expect(gets.mock.calls.length).toBe(announced.length);
      const revisions = viewers[0]!.audits.slice(before[0]).map((a) => a.revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    } finally {
      portolan.store.off('audit', listen);
      gets.mockRestore();
      viewers.forEach((v) => v.close());
    }
  });
});
