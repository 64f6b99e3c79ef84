import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlapping } from '../../lib/cidr';
import { PortolanApi, testSubnet, type ErrorAnswer } from '../../scripts/testkit/api';
import { TestObjects, docker, dockerJson } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';

// Every outcome is read back from the Engine with the docker CLI, never from Portolan's picture.

let portolan: Portolan;
let api: PortolanApi;
const objects = new TestObjects('netact');
/** A host interface of the test's own for macvlan and ipvlan to sit on. */
const parent = `ptl-dummy${randomBytes(2).toString('hex')}`;

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  await portolan.store.settled();
  try {
    execFileSync('ip', ['link', 'add', parent, 'type', 'dummy'], { stdio: 'pipe' });
  } catch {
    // Kernels without the dummy module: one end of a veth pair is an interface just as good.
    execFileSync('ip', ['link', 'add', parent, 'type', 'veth', 'peer', 'name', `${parent}p`]);
  }
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
  execFileSync('ip', ['link', 'del', parent], { stdio: 'ignore' });
});

const inspectNetwork = async (ref: string) => (await dockerJson<Dockerode.NetworkInspectInfo[]>(['network', 'inspect', ref]))[0]!;
const inspectContainer = async (ref: string) => (await dockerJson<Dockerode.ContainerInspectInfo[]>(['inspect', ref]))[0]!;
/** Names of the Engine's networks whose name is exactly `name`. */
const networksNamed = async (name: string) =>
  (await docker(['network', 'ls', '--format', '{{.Name}}', '--filter', `name=^${name}$`])).split('\n').filter(Boolean);

describe('POST /api/networks', () => {
  it('creates a bridge with subnet, gateway, IP range, labels and driver options, and answers 201 with the docker line', async () => {
    const name = objects.name('full');
    const { subnet, prefix } = testSubnet();
    const bridgeName = `ptl${randomBytes(4).toString('hex')}`;
    const { status, body } = await api.post('/api/networks', {
      name,
      subnet,
      gateway: `${prefix}.254`,
      ipRange: `${prefix}.128/25`,
      labels: { course: 'networking', 'lesson.day': '2' },
      options: {
        'com.docker.network.bridge.name': bridgeName,
        'com.docker.network.driver.mtu': '1400',
        'com.docker.network.bridge.enable_icc': 'false',
      },
    });

    expect(status).toBe(201);
    expect(body.command).toBe(
      `docker network create --driver bridge --subnet ${subnet} --gateway ${prefix}.254 --ip-range ${prefix}.128/25 ` +
        `--label course=networking --label lesson.day=2 --opt com.docker.network.bridge.name=${bridgeName} ` +
        `--opt com.docker.network.driver.mtu=1400 --opt com.docker.network.bridge.enable_icc=false ${name}`,
    );
    const network = await inspectNetwork(name);
    expect(body.id).toBe(network.Id);
    expect(network.Driver).toBe('bridge');
    expect(network.IPAM?.Config).toEqual([{ Subnet: subnet, Gateway: `${prefix}.254`, IPRange: `${prefix}.128/25` }]);
    expect(network.Labels).toEqual({ course: 'networking', 'lesson.day': '2' });
    expect(network.Options).toEqual({
      'com.docker.network.bridge.name': bridgeName,
      'com.docker.network.driver.mtu': '1400',
      'com.docker.network.bridge.enable_icc': 'false',
    });
    expect(network.Internal).toBe(false);
    expect(network.EnableIPv6).toBe(false);
  });

  it('creates an internal, attachable network', async () => {
    const name = objects.name('internal');
    const { status, body } = await api.post('/api/networks', { name, internal: true, attachable: true });

    expect(status).toBe(201);
    expect(body.command).toBe(`docker network create --driver bridge --internal --attachable ${name}`);
    const network = await inspectNetwork(name);
    expect(network.Internal).toBe(true);
    expect(network.Attachable).toBe(true);
  });

  it('creates a dual-stack network from ipv6 and an IPv6 subnet', async () => {
    const name = objects.name('v6');
    const { subnet } = testSubnet();
    const subnetV6 = `fd00:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::/64`;
    const { status, body } = await api.post('/api/networks', { name, subnet, ipv6: true, subnetV6 });

    expect(status).toBe(201);
    expect(body.command).toBe(`docker network create --driver bridge --subnet ${subnet} --ipv6 --subnet ${subnetV6} ${name}`);
    const network = await inspectNetwork(name);
    expect(network.EnableIPv6).toBe(true);
    expect(network.IPAM?.Config?.map((c) => c.Subnet)).toEqual([subnet, subnetV6]);
  });

  it.each(['macvlan', 'ipvlan'])('creates a %s network on the parent interface it names', async (driver) => {
    const name = objects.name(driver);
    const { subnet } = testSubnet();
    const { status, body } = await api.post('/api/networks', { name, driver, subnet, parent });

    expect(status).toBe(201);
    expect(body.command).toBe(`docker network create --driver ${driver} --subnet ${subnet} --opt parent=${parent} ${name}`);
    const network = await inspectNetwork(name);
    expect(network.Driver).toBe(driver);
    expect(network.Options).toMatchObject({ parent });
    expect(network.IPAM?.Config?.map((c) => c.Subnet)).toEqual([subnet]);
  });

  it('refuses a name already taken with 409, the Engine’s words and a hint, and creates no second network', async () => {
    const name = objects.name('taken');
    await docker(['network', 'create', name]);
    const { status, body } = (await api.post('/api/networks', { name })) as ErrorAnswer;

    expect(status).toBe(409);
    expect(body.error.code).toBe('conflict');
    expect(body.error.engine).toEqual({ status: 409, message: `network with name ${name} already exists` });
    expect(body.error.hint).toContain(`remove the existing network "${name}"`);
    expect(await networksNamed(name)).toEqual([name]);
  });

  it('refuses an overlapping subnet with 403 and a hint naming the network it overlaps and a free subnet, creating nothing', async () => {
    const holder = objects.name('pool-holder');
    const { subnet, prefix } = testSubnet();
    await docker(['network', 'create', '--subnet', subnet, holder]);
    const name = objects.name('pool-clash');
    const { status, body } = (await api.post('/api/networks', { name, subnet: `${prefix}.0/25` })) as ErrorAnswer;

    expect(status).toBe(403);
    expect(body.error.engine).toEqual({ status: 403, message: 'Pool overlaps with other one on this address space' });
    expect(body.error.hint).toContain(`${prefix}.0/25 overlaps ${holder} (${subnet})`);
    const free = /(\S+\/\d+) is free/.exec(body.error.hint ?? '')?.[1];
    expect(free, body.error.hint).toBeDefined();
    const existing = (
      await dockerJson<Dockerode.NetworkInspectInfo[]>(['network', 'inspect', ...(await docker(['network', 'ls', '-q'])).split('\n')])
    )
      .flatMap((n) => (n.IPAM?.Config ?? []).map((c) => ({ name: n.Name, subnet: c.Subnet! })))
      .filter((s) => s.subnet);
    expect(overlapping(free!, existing)).toEqual([]);
    expect(await networksNamed(name)).toEqual([]);
  });

  it('refuses an encrypted overlay on an engine that is no swarm manager with the Engine’s words and what to do, creating nothing', async () => {
    const name = objects.name('overlay');
    const { status, body } = (await api.post('/api/networks', { name, driver: 'overlay', encrypted: true, attachable: true })) as ErrorAnswer;

    // 20.10 says it with 500, later engines with 503: the answer keeps the Engine's status and words.
    expect(status).toBe(body.error.engine?.status);
    expect(body.error.engine?.message).toMatch(/^This node is not a swarm manager\./);
    expect(body.error.hint).toBe(
      'Overlay networks are made on a swarm manager: run `docker swarm init` on this engine, or point Portolan at a manager (DOCKER_HOST).',
    );
    expect(await networksNamed(name)).toEqual([]);
  });

  it.each([
    ['an invalid CIDR', { subnet: '10.300.0.0/24' }, 'subnet: "10.300.0.0/24" is not a valid CIDR'],
    ['a subnet with host bits set', { subnet: '10.210.0.5/24' }, 'subnet: 10.210.0.5/24 has host bits set: the network address is 10.210.0.0/24'],
    ['a gateway outside its subnet', { subnet: '10.210.1.0/24', gateway: '10.210.2.1' }, 'gateway: 10.210.2.1 is not inside 10.210.1.0/24'],
    ['a macvlan network without a parent interface', { driver: 'macvlan' }, 'parent: a macvlan network sits on a host interface'],
    ['an unknown key', { scope: 'swarm' }, 'unknown key "scope"'],
    ['encryption on a bridge', { encrypted: true }, "encrypted: encryption is an overlay network's"],
  ])('refuses %s with 400 invalid_body naming the field, creating nothing', async (_what, fields, words) => {
    const name = objects.name('invalid');
    const { status, body } = (await api.post('/api/networks', { name, ...fields })) as ErrorAnswer;

    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.message).toContain(words);
    expect(await networksNamed(name)).toEqual([]);
  });
});

describe('DELETE /api/networks/:ref', () => {
  it('removes a network and answers with docker network rm', async () => {
    const name = objects.name('doomed');
    await docker(['network', 'create', name]);
    const { status, body } = await api.delete(`/api/networks/${name}`);

    expect(status).toBe(200);
    expect(body.command).toBe(`docker network rm ${name}`);
    expect(await networksNamed(name)).toEqual([]);
  });

  it('refuses to remove the pre-defined bridge network with 403 predefined_network', async () => {
    const before = await inspectNetwork('bridge');
    const { status, body } = (await api.delete('/api/networks/bridge')) as ErrorAnswer;

    expect(status).toBe(403);
    expect(body.error.code).toBe('predefined_network');
    expect((await inspectNetwork('bridge')).Id).toBe(before.Id);
  });

  it('refuses to remove a network with containers, naming them in the hint, and keeps it', async () => {
    const name = objects.name('busy');
    const id = await docker(['network', 'create', name]);
    await Promise.all([objects.sleeper('busy-a', ['--network', name]), objects.sleeper('busy-b', ['--network', name])]);
    const { status, body } = (await api.delete(`/api/networks/${name}`)) as ErrorAnswer;

    expect(status).toBe(403);
    expect(body.error.engine?.message).toMatch(/has active endpoints/);
    expect(body.error.hint).toMatch(/^Disconnect .* first \(or remove them\)\.$/);
    expect(body.error.hint).toContain(objects.name('busy-a'));
    expect(body.error.hint).toContain(objects.name('busy-b'));
    expect((await inspectNetwork(name)).Id).toBe(id);
  });

  it('answers 404 with the Engine’s words for a network that does not exist', async () => {
    const name = objects.name('never');
    const { status, body } = (await api.delete(`/api/networks/${name}`)) as ErrorAnswer;

    expect(status).toBe(404);
    expect(body.error.engine).toEqual({ status: 404, message: `network ${name} not found` });
    expect(body.error.hint).toBeDefined();
  });
});

describe('POST /api/networks/:ref/connect and disconnect', () => {
  const net = objects.name('lan');
  const { subnet, prefix } = testSubnet();
  const a = objects.name('lan-a');
  const b = objects.name('lan-b');
  const c = objects.name('lan-c');
  /** Never attached to the network: every refused connect is tried with it. */
  const d = objects.name('lan-d');

  beforeAll(async () => {
    const home = objects.name('home');
    await Promise.all([docker(['network', 'create', '--subnet', subnet, net]), docker(['network', 'create', home])]);
    await Promise.all(['lan-a', 'lan-b', 'lan-c', 'lan-d'].map((s) => objects.sleeper(s, ['--network', home])));
  });

  const endpointOn = async (container: string) => (await inspectContainer(container)).NetworkSettings.Networks[net];

  it('connects a container with a static IPv4 address and aliases', async () => {
    const { status, body } = await api.post(`/api/networks/${net}/connect`, { container: a, ipv4: `${prefix}.10`, aliases: ['db', 'primary'] });

    expect(status).toBe(200);
    expect(body.command).toBe(`docker network connect --ip ${prefix}.10 --alias db --alias primary ${net} ${a}`);
    const endpoint = await endpointOn(a);
    expect(endpoint?.IPAMConfig).toMatchObject({ IPv4Address: `${prefix}.10` });
    expect(endpoint?.IPAddress).toBe(`${prefix}.10`);
    expect(endpoint?.Aliases).toEqual(expect.arrayContaining(['db', 'primary']));
  });

  it('disconnects a container', async () => {
    await docker(['network', 'connect', net, b]);
    const { status, body } = await api.post(`/api/networks/${net}/disconnect`, { container: b });

    expect(status).toBe(200);
    expect(body.command).toBe(`docker network disconnect ${net} ${b}`);
    expect(await endpointOn(b)).toBeUndefined();
  });

  it('refuses a static IP outside the network’s subnet with 400 before asking the Engine, leaving the container unattached and able to restart', async () => {
    const { status, body } = (await api.post(`/api/networks/${net}/connect`, { container: d, ipv4: '10.199.0.10' })) as ErrorAnswer;

    expect(status).toBe(400);
    expect(body.error).toEqual({
      code: 'address_outside_subnet',
      message: `10.199.0.10 is outside ${net}'s subnet ${subnet}.`,
      hint: `Choose an address inside ${subnet}, or leave it empty.`,
    });
    expect(await endpointOn(d)).toBeUndefined();
    // Docker 20.10 kept the refused settings, and the container then failed to restart with "Invalid address".
    await docker(['restart', '-t', '0', d]);
    expect((await inspectContainer(d)).State.Running).toBe(true);
  });

  it('refuses a static IP another container holds with the Engine’s words, leaving the container unattached', async () => {
    await docker(['network', 'connect', '--ip', `${prefix}.30`, net, c]);
    const { status, body } = (await api.post(`/api/networks/${net}/connect`, { container: d, ipv4: `${prefix}.30` })) as ErrorAnswer;

    expect(status).toBe(403);
    expect(body.error.engine?.message).toBe('Address already in use');
    expect(body.error.hint).toBe(`${prefix}.30 is taken: choose another, or leave it empty.`);
    expect(await endpointOn(d)).toBeUndefined();
    expect((await endpointOn(c))?.IPAddress).toBe(`${prefix}.30`);
  });

  it('refuses to disconnect a container that is not attached, with the Engine’s words', async () => {
    const { status, body } = (await api.post(`/api/networks/${net}/disconnect`, { container: d })) as ErrorAnswer;

    expect(status).toBeGreaterThanOrEqual(400);
    expect(body.error.engine?.message).toMatch(/^container [0-9a-f]{64} is not connected to network /);
    expect(body.error.hint).toBe('It is not attached to that network.');
  });
});
