import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortolanApi, freePort, type ErrorAnswer } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker, dockerJson, waitFor } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';

// Every outcome is read back from the Engine with the docker CLI, never from Portolan's picture.

let portolan: Portolan;
let api: PortolanApi;
const objects = new TestObjects('ctract');
const net = objects.name('net');
const HTTPD = ['httpd', '-f', '-p', '80', '-h', '/var/www'];

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  await Promise.all([portolan.store.settled(), docker(['network', 'create', net])]);
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

const inspect = async (ref: string) => (await dockerJson<Dockerode.ContainerInspectInfo[]>(['inspect', ref]))[0]!;
/** Ids of every container, running or not, whose name is exactly `name`. */
const containersNamed = async (name: string) =>
  (await docker(['ps', '-aq', '--no-trunc', '--filter', `name=^/${name}$`])).split('\n').filter(Boolean);

/** The page a published port serves, or the reason it serves none. */
async function page(port: number): Promise<string> {
  try {
    return await (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })).text();
  } catch (err) {
    return `no answer: ${(err as Error).message}`;
  }
}

describe('POST /api/containers', () => {
  it('runs a container on a network with its port published on 127.0.0.1 by default, and the page is served there', async () => {
    const name = objects.name('web');
    const port = await freePort();
    const { status, body } = await api.post('/api/containers', {
      image: TEST_IMAGE,
      name,
      network: net,
      ports: [{ hostPort: port, containerPort: 80 }],
      command: HTTPD,
    });

    expect(status).toBe(201);
    expect(body.command).toBe(`docker run --detach --name ${name} --network ${net} --publish 127.0.0.1:${port}:80 ${TEST_IMAGE} ${HTTPD.join(' ')}`);
    const info = await inspect(name);
    expect(body.id).toBe(info.Id);
    expect(info.State.Running).toBe(true);
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([net]);
    expect(info.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    expect(await docker(['port', name])).toBe(`80/tcp -> 127.0.0.1:${port}`);
    expect(await waitFor('the page', async () => ((await page(port)).includes('Portolan test web') ? 'served' : null), 5000)).toBe('served');
  });

  it('publishes on every interface when hostIp 0.0.0.0 is asked for', async () => {
    const name = objects.name('everywhere');
    const port = await freePort();
    const { status, body } = await api.post('/api/containers', {
      image: TEST_IMAGE,
      name,
      network: net,
      ports: [{ hostIp: '0.0.0.0', hostPort: port, containerPort: 80 }],
      command: 'sleep 1000000',
    });

    expect(status).toBe(201);
    expect(body.command).toBe(`docker run --detach --name ${name} --network ${net} --publish ${port}:80 ${TEST_IMAGE} sleep 1000000`);
    expect((await inspect(name)).HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: String(port) }] });
  });

  it('runs as the user given, with the environment given', async () => {
    const name = objects.name('user');
    const { status, body } = await api.post('/api/containers', {
      image: TEST_IMAGE,
      name,
      network: net,
      user: '1009',
      env: { GREETING: 'hello world', LEVEL: '2' },
      command: ['sleep', '1000000'],
    });

    expect(status).toBe(201);
    expect(body.command).toBe(
      `docker run --detach --name ${name} --network ${net} --user 1009 --env 'GREETING=hello world' --env LEVEL=2 ${TEST_IMAGE} sleep 1000000`,
    );
    const info = await inspect(name);
    expect(info.Config.User).toBe('1009');
    expect(info.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello world', 'LEVEL=2']));
    expect(await docker(['exec', name, 'id', '-u'])).toBe('1009');
  });

  it.each([
    ['Privileged', true],
    ['Binds', ['/:/host']],
    ['Mounts', [{ Type: 'bind', Source: '/', Target: '/host' }]],
    ['CapAdd', ['NET_ADMIN']],
    ['Devices', [{ PathOnHost: '/dev/mem', PathInContainer: '/dev/mem', CgroupPermissions: 'rwm' }]],
    ['PidMode', 'host'],
    ['IpcMode', 'host'],
    ['HostConfig', { Privileged: true }],
  ])('refuses a body asking for %s with 400 naming the key, and creates no container', async (key, value) => {
    const name = objects.name(`asks-${key.toLowerCase()}`);
    const { status, body } = (await api.post('/api/containers', { image: TEST_IMAGE, name, command: 'sleep 1000000', [key]: value })) as ErrorAnswer;

    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.message).toContain(`unknown key "${key}"`);
    expect(await containersNamed(name)).toEqual([]);
  });

  it('answers 404 no_such_image for an image the engine does not have, creating nothing', async () => {
    const name = objects.name('no-image');
    const image = `${objects.prefix}/absent:1`;
    const { status, body } = (await api.post('/api/containers', { image, name })) as ErrorAnswer;

    expect(status).toBe(404);
    expect(body.error.code).toBe('no_such_image');
    expect(body.error.hint).toBeDefined();
    expect(await containersNamed(name)).toEqual([]);
  });

  it('keeps the Engine’s words when a pull fails, creating nothing', async () => {
    const name = objects.name('no-pull');
    const image = '127.0.0.1:9/nothing:latest';
    const { status, body } = (await api.post('/api/containers', { image, name, pull: true })) as ErrorAnswer;

    expect(status).toBeGreaterThanOrEqual(400);
    expect(body.error.engine?.message).toContain('127.0.0.1:9');
    expect(body.error.message).toBe(body.error.engine?.message);
    expect(body.error.hint).toContain(`No registry answered for ${image}`);
    expect(await containersNamed(name)).toEqual([]);
    expect(await docker(['images', '-q', image])).toBe('');
  });

  it('refuses a name already taken with 409 and leaves the container that has it alone', async () => {
    const name = objects.name('taken');
    const id = await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '1000000']);
    const { status, body } = (await api.post('/api/containers', { image: TEST_IMAGE, name, command: 'sleep 1000000' })) as ErrorAnswer;

    expect(status).toBe(409);
    expect(body.error.engine?.message).toContain('is already in use by container');
    expect(body.error.hint).toContain(`remove the container called ${name} first`);
    expect(await containersNamed(name)).toEqual([id]);
    expect((await inspect(name)).State.Status).toBe('created');
  });

  it('refuses a host port already allocated with a hint to choose another, leaving no half-created container', async () => {
    const port = await freePort();
    const first = objects.name('port-first');
    const firstId = await docker(['run', '-d', '--name', first, '--network', net, '-p', `127.0.0.1:${port}:80`, TEST_IMAGE, 'sleep', '1000000']);
    // The hint names the holder from Portolan's picture: let the picture catch up first.
    await waitFor('Portolan to see the first container', () => portolan.store.snapshot().topology.containers.some((c) => c.name === first));
    const second = objects.name('port-second');
    const { status, body } = (await api.post('/api/containers', {
      image: TEST_IMAGE,
      name: second,
      network: net,
      ports: [{ hostPort: port, containerPort: 80 }],
      command: 'sleep 1000000',
    })) as ErrorAnswer;

    expect(status).toBeGreaterThanOrEqual(400);
    expect(body.error.engine?.message).toMatch(/port is already allocated|address already in use/);
    expect(body.error.hint).toBe(`Choose another host port. ${first} publishes ${port} already.`);
    expect(await docker(['ps', '-aq', '--no-trunc', '--filter', `name=^/${objects.prefix}-port-`])).toBe(firstId);
  });
});

describe('start, stop, restart and remove', () => {
  /** `--init` ends on SIGTERM at once; a bare `sleep` as pid 1 would wait out the stop timeout. */
  const sleeper = (suffix: string, verb: 'run' | 'create' = 'run') =>
    docker([verb, ...(verb === 'run' ? ['-d'] : []), '--init', '--name', objects.name(suffix), '--network', net, TEST_IMAGE, 'sleep', '1000000']);

  it('stops a running container', async () => {
    const name = objects.name('to-stop');
    await sleeper('to-stop');
    const { status, body } = await api.post(`/api/containers/${name}/stop`);

    expect(status).toBe(200);
    expect(body.command).toBe(`docker stop ${name}`);
    expect((await inspect(name)).State.Status).toBe('exited');
  });

  it('starts a created container', async () => {
    const name = objects.name('to-start');
    await sleeper('to-start', 'create');
    const { status, body } = await api.post(`/api/containers/${name}/start`);

    expect(status).toBe(200);
    expect(body.command).toBe(`docker start ${name}`);
    expect((await inspect(name)).State.Status).toBe('running');
  });

  it('restarts a running container', async () => {
    const name = objects.name('to-restart');
    await sleeper('to-restart');
    const before = await inspect(name);
    const { status, body } = await api.post(`/api/containers/${name}/restart`);

    expect(status).toBe(200);
    expect(body.command).toBe(`docker restart ${name}`);
    const after = await inspect(name);
    expect(after.State.Status).toBe('running');
    expect(after.State.Pid).not.toBe(before.State.Pid);
    expect(after.State.StartedAt > before.State.StartedAt).toBe(true);
  });

  it('removes a container, running or not', async () => {
    const name = objects.name('to-remove');
    await sleeper('to-remove');
    const { status, body } = await api.delete(`/api/containers/${name}`);

    expect(status).toBe(200);
    expect(body.command).toBe(`docker rm --force ${name}`);
    expect(await containersNamed(name)).toEqual([]);
  });

  it('answers 200 "already stopped" to a stop of a stopped container, and "already running" to a start of a running one', async () => {
    const name = objects.name('already');
    await sleeper('already', 'create');
    const stop = await api.post(`/api/containers/${name}/stop`);
    expect(stop).toEqual({ status: 200, body: { command: `docker stop ${name}`, unchanged: true, message: 'already stopped' } });

    await docker(['start', name]);
    const start = await api.post(`/api/containers/${name}/start`);
    expect(start).toEqual({ status: 200, body: { command: `docker start ${name}`, unchanged: true, message: 'already running' } });
    expect((await inspect(name)).State.Status).toBe('running');
  });

  it('answers 200 to every one of several stops of one container sent at once: whether it stopped it or found it stopped', async () => {
    const name = objects.name('racing');
    await sleeper('racing');
    const answers = await Promise.all(Array.from({ length: 4 }, () => api.post(`/api/containers/${name}/stop`)));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (const a of answers) expect([undefined, 'already stopped']).toContain(a.body.message);
    expect((await inspect(name)).State.Status).toBe('exited');
  });

  it('answers 404 with the Engine’s words for a container that does not exist', async () => {
    const name = objects.name('never');
    const { status, body } = (await api.post(`/api/containers/${name}/start`)) as ErrorAnswer;

    expect(status).toBe(404);
    expect(body.error.engine).toEqual({ status: 404, message: `No such container: ${name}` });
  });
});
