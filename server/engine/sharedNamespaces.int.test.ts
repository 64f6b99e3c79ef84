import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortolanApi, type ErrorAnswer } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker, dockerJson } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';

// A container on the host network (CIS 5.10) or in another container's
// namespace is what the audit flags and remap refuses: run and connect must
// not make one, however the body spells it. Outcomes are read from the Engine.

let portolan: Portolan;
let api: PortolanApi;
const objects = new TestObjects('netns');
let hostId: string;
let sleeper: string;

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  [hostId, sleeper] = await Promise.all([
    docker(['network', 'inspect', '-f', '{{.Id}}', 'host']),
    objects.sleeper('sleeper'),
    portolan.store.settled(),
  ]);
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

const containersNamed = async (name: string) =>
  (await docker(['ps', '-aq', '--no-trunc', '--filter', `name=^/${name}$`])).split('\n').filter(Boolean);
const inspect = async (ref: string) => (await dockerJson<Dockerode.ContainerInspectInfo[]>(['inspect', ref]))[0]!;

describe('POST /api/containers', () => {
  const hostSpellings = () => ['host', 'HOST', 'Host', ' host ', 'host\t', hostId, hostId.slice(0, 12)];

  it.each([0, 1, 2, 3, 4, 5, 6])('refuses the host network spelled as spelling #%i with 400, creating nothing', async (i) => {
    const network = hostSpellings()[i]!;
    const name = objects.name(`host-${i}`);
    const { status, body } = (await api.post('/api/containers', { image: TEST_IMAGE, name, network, command: ['sleep', '1000'] })) as ErrorAnswer;

    expect(status).toBe(400);
    expect(body.error.message).toMatch(/host network.*CIS 5\.10/);
    expect(await containersNamed(name)).toEqual([]);
  });

  it.each(['container:SLEEPER', 'CONTAINER:SLEEPER', ' container:SLEEPER', 'container:x', 'ns:/proc/1/ns/net', 'bridge:host'])(
    'refuses the network mode %s with 400 saying it would share a namespace, creating nothing',
    async (mode) => {
      const name = objects.name('shared');
      const network = mode.replace('SLEEPER', sleeper);
      const { status, body } = (await api.post('/api/containers', { image: TEST_IMAGE, name, network, command: ['sleep', '1000'] })) as ErrorAnswer;

      expect(status).toBe(400);
      expect(body.error.message).toMatch(/namespace/);
      expect(await containersNamed(name)).toEqual([]);
    },
  );

  it('still runs a container on the none network, with a network namespace of its own', async () => {
    const name = objects.name('none');
    const { status } = await api.post('/api/containers', { image: TEST_IMAGE, name, network: 'none', command: ['sleep', '1000'] });

    expect(status).toBe(201);
    expect((await inspect(name)).HostConfig.NetworkMode).toBe('none');
  });
});

describe('POST /api/networks/:ref/connect', () => {
  it.each(['host', 'HOST', 'ID', 'SHORT'])(
    'refuses to connect a container to the host network named %s with 400, leaving it as it was',
    async (ref) => {
      const network = ref === 'ID' ? hostId : ref === 'SHORT' ? hostId.slice(0, 12) : ref;
      const before = Object.keys((await inspect(sleeper)).NetworkSettings.Networks);
      const { status, body } = (await api.post(`/api/networks/${network}/connect`, { container: sleeper })) as ErrorAnswer;

      expect(status).toBe(400);
      expect(body.error.message).toMatch(/host network.*CIS 5\.10/);
      expect(Object.keys((await inspect(sleeper)).NetworkSettings.Networks)).toEqual(before);
    },
  );
});
