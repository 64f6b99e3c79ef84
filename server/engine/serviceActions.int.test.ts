import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortolanApi, type ErrorAnswer } from '../../scripts/testkit/api';
import { TEST_IMAGE, docker, dockerJson } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { SecondEngine } from '../../scripts/testkit/secondEngine';
import type { Portolan } from '../index';

/**
 * Service changes on a swarm manager: a one-node swarm on an engine of the test's own, in its own network
 * namespace, advertised on an address of a veth pair there (nothing else reaches it). Each change is
 * checked with `docker service inspect`, as a person would.
 */
const manager = new SecondEngine();
const ADDR = `10.239.${Number.parseInt(randomBytes(1).toString('hex'), 16)}.1`;
const SERVICE = `ptl-svc-${randomBytes(3).toString('hex')}`;
let portolan: Portolan;
let api: PortolanApi;
let notManager: Portolan;

type Spec = {
  Mode: { Replicated?: { Replicas: number } };
  EndpointSpec?: { Ports?: { TargetPort: number; PublishedPort: number; Protocol: string; PublishMode: string }[] };
};
const spec = async () => (await dockerJson<[{ Spec: Spec }]>(['service', 'inspect', SERVICE], manager.env))[0].Spec;

beforeAll(async () => {
  await manager.start();
  // This kernel has no dummy interfaces: a veth pair with both ends inside the namespace serves.
  execFileSync('ip', ['-n', manager.netns, 'link', 'add', 'ptl0', 'type', 'veth', 'peer', 'name', 'ptl1']);
  execFileSync('ip', ['-n', manager.netns, 'addr', 'add', `${ADDR}/24`, 'dev', 'ptl0']);
  for (const end of ['ptl0', 'ptl1']) execFileSync('ip', ['-n', manager.netns, 'link', 'set', end, 'up']);
  await docker(['swarm', 'init', '--advertise-addr', ADDR], manager.env);
  execFileSync('sh', ['-c', `docker save ${TEST_IMAGE} | docker -H unix://${manager.socket} load -q`]);
  await docker(['service', 'create', '--detach', '--name', SERVICE, '--replicas', '1', TEST_IMAGE, 'sleep', '1000000'], manager.env);
  portolan = await startTestPortolan(manager.env);
  api = new PortolanApi(portolan.url);
  notManager = await startTestPortolan();
}, 120_000);

afterAll(async () => {
  await portolan?.close();
  await notManager?.close();
  await manager.destroy();
});

describe('services on a swarm manager', () => {
  it('scales a replicated service in place and answers the docker service scale line', async () => {
    const { status, body } = await api.post<{ command: string }>(`/api/services/${SERVICE}/scale`, { replicas: 3 });
    expect(status).toBe(200);
    expect(body.command).toBe(`docker service scale ${SERVICE}=3`);
    expect((await spec()).Mode.Replicated?.Replicas).toBe(3);
    const again = await api.post<{ unchanged?: boolean }>(`/api/services/${SERVICE}/scale`, { replicas: 3 });
    expect(again.body.unchanged).toBe(true);
  });

  it('publishes a port in ingress or host mode, and unpublishes it by its target port, without recreating the service', async () => {
    const before = await dockerJson<[{ ID: string; CreatedAt: string }]>(['service', 'inspect', SERVICE], manager.env);
    const add = await api.post<{ command: string }>(`/api/services/${SERVICE}/publish`, { publishedPort: 18080, targetPort: 80 });
    expect(add.status).toBe(200);
    expect(add.body.command).toBe(`docker service update --publish-add published=18080,target=80,protocol=tcp,mode=ingress ${SERVICE}`);
    expect((await spec()).EndpointSpec?.Ports).toEqual([
      expect.objectContaining({ TargetPort: 80, PublishedPort: 18080, Protocol: 'tcp', PublishMode: 'ingress' }),
    ]);

    const host = await api.post<{ command: string }>(`/api/services/${SERVICE}/publish`, {
      publishedPort: 15353,
      targetPort: 53,
      protocol: 'udp',
      publishMode: 'host',
    });
    expect(host.body.command).toBe(`docker service update --publish-add published=15353,target=53,protocol=udp,mode=host ${SERVICE}`);
    expect((await spec()).EndpointSpec?.Ports).toContainEqual(
      expect.objectContaining({ TargetPort: 53, PublishedPort: 15353, Protocol: 'udp', PublishMode: 'host' }),
    );

    const rm = await api.post<{ command: string }>(`/api/services/${SERVICE}/unpublish`, { targetPort: 80 });
    expect(rm.body.command).toBe(`docker service update --publish-rm 80 ${SERVICE}`);
    expect((await spec()).EndpointSpec?.Ports?.map((p) => p.TargetPort)).toEqual([53]);
    const after = await dockerJson<[{ ID: string; CreatedAt: string }]>(['service', 'inspect', SERVICE], manager.env);
    expect([after[0].ID, after[0].CreatedAt]).toEqual([before[0].ID, before[0].CreatedAt]);
    const none = await api.post<{ unchanged?: boolean }>(`/api/services/${SERVICE}/unpublish`, { targetPort: 80 });
    expect(none.body.unchanged).toBe(true);
  });

  it('refuses a port the swarm already gives another service, in the Engine’s words, and changes nothing', async () => {
    const other = `${SERVICE}-b`;
    await docker(['service', 'create', '--detach', '--name', other, '--publish', '18081:80', TEST_IMAGE, 'sleep', '1000000'], manager.env);
    const before = await spec();
    const refused = (await api.post(`/api/services/${SERVICE}/publish`, { publishedPort: 18081, targetPort: 80 })) as unknown as ErrorAnswer;
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.body.error.engine?.message).toMatch(/18081/);
    expect(refused.body.error.hint).toContain('choose another published port');
    expect(await spec()).toEqual(before);
  });

  it('refuses bad input with what to fix, and an unknown service with how to list them', async () => {
    const bad = (await api.post(`/api/services/${SERVICE}/scale`, { replicas: -1 })) as unknown as ErrorAnswer;
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('replicas');
    const extra = (await api.post(`/api/services/${SERVICE}/publish`, { targetPort: 80, hostIp: '0.0.0.0' })) as unknown as ErrorAnswer;
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('hostIp');
    const missing = (await api.post('/api/services/ptl-no-such-service/scale', { replicas: 1 })) as unknown as ErrorAnswer;
    expect(missing.status).toBe(404);
    expect(missing.body.error.hint).toContain('docker service ls');
  });
});

it('on an engine that is no swarm manager, a service change keeps the Engine’s words and says what to do', async () => {
  const refused = (await new PortolanApi(notManager.url).post('/api/services/web/scale', { replicas: 2 })) as unknown as ErrorAnswer;
  expect(refused.status).toBe(503);
  expect(refused.body.error.engine?.message).toMatch(/not a swarm manager/);
  expect(refused.body.error.hint).toContain('docker swarm init');
});
