import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortolanApi } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';
import type { ProbeResult } from './probe';

// "Can A reach B?" runs ping or nc inside A, on networks this test created.

let portolan: Portolan;
let api: PortolanApi;
const objects = new TestObjects('probe');
const shared = objects.name('shared');
const apart = objects.name('apart');
const internal = objects.name('internal');
const web = objects.name('web');
const client = objects.name('client');
const loner = objects.name('loner');
const [inside1, inside2] = [objects.name('inside-1'), objects.name('inside-2')];

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  await Promise.all([
    portolan.store.settled(),
    docker(['network', 'create', shared]),
    docker(['network', 'create', apart]),
    docker(['network', 'create', '--internal', internal]),
  ]);
  await Promise.all([
    docker(['run', '-d', '--name', web, '--network', shared, TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/var/www']),
    objects.sleeper('client', ['--network', shared]),
    objects.sleeper('loner', ['--network', apart]),
    objects.sleeper('inside-1', ['--network', internal]),
    objects.sleeper('inside-2', ['--network', internal]),
  ]);
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

const ipOn = (container: string, network: string) =>
  docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container]);
const probe = (from: string, body: { target: string; port?: number }) => api.post<ProbeResult>(`/api/containers/${from}/probe`, body);

it('reaches a container on a shared network with ping', async () => {
  const ip = await ipOn(web, shared);
  const { status, body } = await probe(client, { target: web });

  expect(status).toBe(200);
  expect(body).toMatchObject({ reachable: true, via: { network: shared, ip }, command: `docker exec ${client} ping -c 1 -W 2 ${ip}` });
  expect(body.explanation).toContain(`over ${shared}`);
});

it('reaches port 80 of a web server on a shared network', async () => {
  const ip = await ipOn(web, shared);
  const { status, body } = await probe(client, { target: web, port: 80 });

  expect(status).toBe(200);
  expect(body).toMatchObject({ reachable: true, via: { network: shared, ip }, command: `docker exec ${client} nc -w 2 ${ip} 80` });
  expect(body.explanation).toContain(`reaches port 80 on ${web}`);
});

it('does not reach a container on another network, and says they share none', async () => {
  const { status, body } = await probe(client, { target: loner });

  expect(status).toBe(200);
  expect(body.reachable).toBe(false);
  expect(body.via).toBeNull();
  expect(body.explanation).toContain(`${client} and ${loner} share no network`);
});

it('reaches a fellow member of an internal network', async () => {
  const ip = await ipOn(inside2, internal);
  const { status, body } = await probe(inside1, { target: inside2 });

  expect(status).toBe(200);
  expect(body).toMatchObject({ reachable: true, via: { network: internal, ip } });
  expect(body.explanation).toContain('an internal network still lets its own members talk');
});

it('does not reach a port nothing listens on, and says so', async () => {
  const ip = await ipOn(web, shared);
  const { status, body } = await probe(client, { target: web, port: 81 });

  expect(status).toBe(200);
  expect(body.reachable).toBe(false);
  expect(body.explanation).toBe(`They share ${shared}, but nothing accepts connections on port 81 at ${ip}: is the service listening there?`);
});
