import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PortolanApi, freePort, testSubnet, type ErrorAnswer } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker, dockerJson, waitFor } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';

// PUT /api/containers/:ref/ports recreates the container; the Engine, read with
// the docker CLI, must show the same container afterwards with only its ports changed.

let portolan: Portolan;
let api: PortolanApi;
const objects = new TestObjects('remap');
// Named so that the network the container was run on sorts after the one it joined later.
const runOn = objects.name('zeta');
const joined = objects.name('alpha');
const { subnet, prefix } = testSubnet();

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  await Promise.all([portolan.store.settled(), docker(['network', 'create', runOn]), docker(['network', 'create', '--subnet', subnet, joined])]);
});

/** A named volume that binds the host's /etc, as `docker volume create -o type=none -o o=bind -o device=/etc` makes one. */
const etcVolume = objects.name('etc');

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
  await docker(['volume', 'rm', etcVolume]).catch(() => undefined);
});

const inspect = async (ref: string) => (await dockerJson<Dockerode.ContainerInspectInfo[]>(['inspect', ref]))[0]!;
/** Names of every container, running or not, whose name starts with `name`. */
const containersStartingWith = async (name: string) =>
  (await docker(['ps', '-a', '--format', '{{.Names}}', '--filter', `name=^/${name}`])).split('\n').filter(Boolean).sort();

async function page(port: number): Promise<string> {
  try {
    return await (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })).text();
  } catch (err) {
    return `no answer: ${(err as Error).message}`;
  }
}
const served = (port: number) => waitFor(`a page on ${port}`, async () => (await page(port)).includes('Portolan test web'), 5000);

/** A web server on two networks: run on one, joined to the other with a static IP and an alias. */
async function webOnTwoNetworks(suffix: string, port: number, ip: string, extra: string[] = []): Promise<string> {
  const name = objects.name(suffix);
  await docker([
    'run',
    '-d',
    '--init',
    '--name',
    name,
    '--network',
    runOn,
    '-p',
    `127.0.0.1:${port}:80`,
    ...extra,
    TEST_IMAGE,
    'httpd',
    '-f',
    '-p',
    '80',
    '-h',
    '/var/www',
  ]);
  await docker(['network', 'connect', '--ip', ip, '--alias', `${suffix}-api`, joined, name]);
  await served(port);
  return name;
}

const networksOf = (info: Dockerode.ContainerInspectInfo) => Object.keys(info.NetworkSettings.Networks).sort();

it('recreates the container with the new binding, keeping its name, networks, static IP and alias', async () => {
  const [x, y] = [await freePort(), await freePort()];
  const name = await webOnTwoNetworks('web', x, `${prefix}.20`);
  const before = await inspect(name);

  const { status, body } = await api.put(`/api/containers/${name}/ports`, { ports: [{ hostPort: y, containerPort: 80 }] });

  expect(status).toBe(200);
  const after = await inspect(name);
  expect(body).toMatchObject({
    id: after.Id,
    before: [{ hostIp: '127.0.0.1', hostPort: x, containerPort: 80, protocol: 'tcp' }],
    after: [{ hostIp: '127.0.0.1', hostPort: y, containerPort: 80, protocol: 'tcp' }],
  });
  expect(body.command).toBe(
    [
      `docker stop ${name}`,
      `docker rename ${name} ${name}-old`,
      `docker run --detach --name ${name} --network ${joined} --publish 127.0.0.1:${y}:80 ${TEST_IMAGE} httpd -f -p 80 -h /var/www   # same image, command, user, env and networks`,
      `docker rm ${name}-old`,
    ].join('\n'),
  );
  expect(after.Id).not.toBe(before.Id);
  expect(after.State.Running).toBe(true);
  expect(after.Config.Cmd).toEqual(before.Config.Cmd);
  expect(networksOf(after)).toEqual([joined, runOn].sort());
  expect(after.NetworkSettings.Networks[joined]?.IPAMConfig).toMatchObject({ IPv4Address: `${prefix}.20` });
  expect(after.NetworkSettings.Networks[joined]?.IPAddress).toBe(`${prefix}.20`);
  expect(after.NetworkSettings.Networks[joined]?.Aliases).toContain('web-api');
  expect(after.NetworkSettings.Networks[runOn]?.IPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(after.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(y) }] });
  expect(await containersStartingWith(name)).toEqual([name]);
  await served(y);
  expect(await page(x)).toMatch(/^no answer/);
});

it('puts the original back as it was when the new host port is taken', async () => {
  const [x, taken] = [await freePort(), await freePort()];
  const holder = objects.name('holder');
  await docker(['run', '-d', '--init', '--name', holder, '--network', runOn, '-p', `127.0.0.1:${taken}:80`, TEST_IMAGE, 'sleep', '1000000']);
  const name = await webOnTwoNetworks('kept', x, `${prefix}.30`);
  const before = await inspect(name);

  const { status, body } = (await api.put(`/api/containers/${name}/ports`, { ports: [{ hostPort: taken, containerPort: 80 }] })) as ErrorAnswer;

  expect(status).toBeGreaterThanOrEqual(400);
  expect(body.error.engine?.message).toMatch(/port is already allocated/);
  expect(body.error.hint).toMatch(/^Choose another host port\./);
  const after = await inspect(name);
  expect(after.Id).toBe(before.Id);
  expect(after.State.Running).toBe(true);
  expect(after.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(x) }] });
  expect(networksOf(after)).toEqual(networksOf(before));
  expect(after.NetworkSettings.Networks[joined]?.IPAddress).toBe(`${prefix}.30`);
  expect(after.NetworkSettings.Networks[joined]?.Aliases).toContain('kept-api');
  expect(await containersStartingWith(name)).toEqual([name]);
  await served(x);
});

it('refuses to recreate a privileged container with 403 privileged_container, leaving it untouched', async () => {
  const x = await freePort();
  const name = objects.name('privileged');
  // Created, not started: this engine's sandbox may not grant a privileged container the capabilities to run.
  await docker(['create', '--privileged', '--name', name, '--network', runOn, '-p', `127.0.0.1:${x}:80`, TEST_IMAGE, 'sleep', '1000000']);
  const before = await inspect(name);

  const { status, body } = (await api.put(`/api/containers/${name}/ports`, {
    ports: [{ hostPort: await freePort(), containerPort: 80 }],
  })) as ErrorAnswer;

  expect(status).toBe(403);
  expect(body.error.code).toBe('privileged_container');
  expect(body.error.message).toContain('privileged');
  const after = await inspect(name);
  expect(after.Id).toBe(before.Id);
  expect(after.State.Status).toBe('created');
  expect(after.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(x) }] });
  expect(await containersStartingWith(name)).toEqual([name]);
});

let refusedCount = 0;
it.each([
  [['--uts', 'host'], 'the host UTS namespace'],
  [['--security-opt', 'seccomp=unconfined'], 'no seccomp profile'],
  [['--security-opt', 'apparmor=unconfined'], 'no AppArmor profile'],
  [['--security-opt', 'systempaths=unconfined'], 'unmasked /proc and /sys paths'],
  [['--ipc', 'host'], 'the host IPC namespace'],
  [['--userns', 'host'], 'the host user namespace'],
  [['--device-cgroup-rule', 'c *:* rwm'], 'devices'],
  [['--mount', 'type=volume,dst=/x,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc'], 'host mounts'],
  [['--mount', `type=volume,src=${etcVolume},dst=/x`], 'host mounts'],
  [['--network', 'HOST_NETWORK_ID'], 'the host network'],
])('refuses to recreate a container run with %j, saying why, leaving it untouched', async (flags, named) => {
  const x = await freePort();
  const name = objects.name(`refused-${(refusedCount += 1)}`);
  if (flags.join(' ').includes(etcVolume))
    await docker(['volume', 'create', '--opt', 'type=none', '--opt', 'o=bind', '--opt', 'device=/etc', etcVolume]);
  // The host network by its id: the Engine takes it for a user network, and the container gets the host's stack all the same.
  const hostId = flags.includes('HOST_NETWORK_ID') ? await docker(['network', 'inspect', '-f', '{{.Id}}', 'host']) : null;
  const network = hostId ? ['--network', hostId.slice(0, 12)] : [...flags, '--network', runOn];
  await docker(['create', ...network, '--name', name, '-p', `127.0.0.1:${x}:80`, TEST_IMAGE, 'sleep', '1000000']);
  const before = await inspect(name);

  const { status, body } = (await api.put(`/api/containers/${name}/ports`, {
    ports: [{ hostPort: await freePort(), containerPort: 80 }],
  })) as ErrorAnswer;

  expect(status).toBe(403);
  expect(body.error.code).toBe('privileged_container');
  expect(body.error.message).toContain(named);
  expect(body.error.message).toMatch(/reach into the host/);
  const after = await inspect(name);
  expect(after.Id).toBe(before.Id);
  expect(after.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(x) }] });
  expect(await containersStartingWith(name)).toEqual([name]);
});
