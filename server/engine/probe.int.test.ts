import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const [onBridge1, onBridge2] = [objects.name('bridge-1'), objects.name('bridge-2')];

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
    objects.sleeper('bridge-1', []),
    objects.sleeper('bridge-2', []),
  ]);
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

const ipOn = (container: string, network: string) =>
  docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container]);
const probe = (from: string, body: { target: string; port?: number; by?: 'ip' | 'name' }) =>
  api.post<ProbeResult>(`/api/containers/${from}/probe`, body);

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

/** Busybox with only `sh` and `sleep`: an image a probe cannot run in. Kept afterwards, like the main test image. */
const NO_PING_IMAGE = 'portolan/busybox-noping:test';

/** Builds NO_PING_IMAGE the way scripts/test-host.sh builds the main one, unless it is already there. */
async function ensureNoPingImage(): Promise<void> {
  const present = await docker(['image', 'inspect', NO_PING_IMAGE]).catch(() => null);
  if (present !== null) return;
  const rootfs = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-noping-'));
  try {
    fs.mkdirSync(path.join(rootfs, 'bin'));
    fs.mkdirSync(path.join(rootfs, 'tmp'));
    fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin', 'busybox'));
    fs.chmodSync(path.join(rootfs, 'bin', 'busybox'), 0o755);
    for (const applet of ['sh', 'sleep']) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
    const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const importer = spawn('docker', ['import', '-c', 'CMD ["/bin/sleep","1000000"]', '-c', 'ENV PATH=/bin', '-', NO_PING_IMAGE], {
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    tar.stdout.pipe(importer.stdin);
    const exited = (p: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => p.once('exit', resolve));
    const [tarred, imported] = await Promise.all([exited(tar), exited(importer)]);
    if (tarred !== 0 || imported !== 0) throw new Error(`building ${NO_PING_IMAGE} failed (tar ${tarred}, import ${imported})`);
  } finally {
    fs.rmSync(rootfs, { recursive: true, force: true });
  }
}

describe('from a container whose image has no ping or nc', () => {
  const bare = objects.name('bare');
  const noping = objects.name('noping');
  const target = objects.name('bare-web');
  /** What a probe must leave as it was: each container's start time, running state and address on `bare`. */
  const engineState = async () =>
    docker([
      'inspect',
      '-f',
      `{{.Name}} {{.State.Running}} {{.State.StartedAt}} {{.RestartCount}} {{(index .NetworkSettings.Networks "${bare}").IPAddress}}`,
      noping,
      target,
    ]);

  beforeAll(async () => {
    await Promise.all([ensureNoPingImage(), docker(['network', 'create', bare])]);
    await Promise.all([
      docker(['run', '-d', '--name', noping, '--network', bare, NO_PING_IMAGE]),
      docker(['run', '-d', '--name', target, '--network', bare, TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/var/www']),
    ]);
  });

  it('explains that the image has no ping or nc', async () => {
    const ip = await ipOn(target, bare);
    const before = await engineState();
    expect(before.split('\n').map((l) => l.split(' ')[1])).toEqual(['true', 'true']);

    const pinged = await probe(noping, { target });
    expect(pinged.status).toBe(200);
    expect(pinged.body).toMatchObject({ reachable: false, via: { network: bare, ip }, command: `docker exec ${noping} ping -c 1 -W 2 ${ip}` });
    expect(pinged.body.explanation).toBe(
      `${noping}'s image has no ping: the probe cannot run there. Try it from a container whose image has ping (busybox has both ping and nc).`,
    );

    const connected = await probe(noping, { target, port: 80 });
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({ reachable: false, via: { network: bare, ip }, command: `docker exec ${noping} nc -w 2 ${ip} 80` });
    expect(connected.body.explanation).toBe(
      `${noping}'s image has no nc: the probe cannot run there. Try it from a container whose image has nc (busybox has both ping and nc).`,
    );

    // Both still running, never restarted, still on the network at the same address.
    expect(await engineState()).toBe(before);
  });
});

describe('by name', () => {
  it("resolves on a network someone made: Docker's embedded DNS answers there", async () => {
    const { status, body } = await probe(client, { target: web, by: 'name' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ reachable: true, by: 'name', via: { network: shared }, command: `docker exec ${client} ping -c 1 -W 2 ${web}` });
    expect(body.explanation).toContain('embedded DNS');
  });

  it('fails on the default bridge, where the same ping by address works', async () => {
    const byIp = await probe(onBridge1, { target: onBridge2 });
    expect(byIp.body).toMatchObject({ reachable: true, by: 'ip', via: { network: 'bridge' } });
    const { status, body } = await probe(onBridge1, { target: onBridge2, by: 'name' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ reachable: false, by: 'name', command: `docker exec ${onBridge1} ping -c 1 -W 2 ${onBridge2}` });
    expect(body.explanation).toMatch(/only the default bridge, which has no embedded DNS/);
    expect(body.output).toMatch(/bad address/);
  });

  it('says no shared network you made when the name does not resolve elsewhere', async () => {
    const { body } = await probe(loner, { target: web, by: 'name' });
    expect(body).toMatchObject({ reachable: false, by: 'name' });
    expect(body.explanation).toMatch(/share no network you made/);
  });

  it('refuses a way of naming it does not know', async () => {
    const { status, body } = await api.post<{ error: { message: string } }>(`/api/containers/${client}/probe`, { target: web, by: 'dns' });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/by/);
  });
});
