import { describe, expect, it } from 'vitest';
import { clockOf, describeEvent, engineLine, HealthCheckExecs, healthCheckCommand, type DockerEvent } from './activity';
import { emptyEngine, type Container, type Topology } from './topology';

const WEB1_ID = '4f2a1c0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1';
const DEMO_ID = '9d1c3b5a7e9f1a3c5e7d9b1f3a5c7e9d1b3f5a7c9e1d3b5f7a9c1e3d5b7f9a1c';
const BACKEND_ID = '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a';

const web1: Container = {
  id: WEB1_ID,
  name: 'web1',
  image: 'nginx:1.27-alpine',
  state: 'running',
  status: 'Up since 2024-06-11T08:31:03Z',
  user: '',
  networkMode: 'bridge',
  endpoints: [
    {
      networkId: BACKEND_ID,
      networkName: 'backend-net',
      ipv4: '172.19.0.4',
      ipv6: '',
      mac: '02:42:ac:13:00:04',
      aliases: [],
    },
    {
      networkId: DEMO_ID,
      networkName: 'demo-net',
      ipv4: '172.18.0.2',
      ipv6: '',
      mac: '02:42:ac:12:00:02',
      aliases: ['web1'],
    },
  ],
  ports: [],
  labels: {},
  createdAt: '2024-06-11T08:31:02Z',
};

const topo: Topology = {
  engine: emptyEngine('unix:///var/run/docker.sock'),
  networks: [],
  containers: [web1],
  nodes: [],
  services: [],
  tasks: [],
};
const empty: Topology = {
  engine: emptyEngine('unix:///var/run/docker.sock'),
  networks: [],
  containers: [],
  nodes: [],
  services: [],
  tasks: [],
};

// 2024-06-11T08:31:03.120Z
const TIME = 1718094663;
const TIME_NANO = 1718094663120934022;

function networkEvent(action: string, attributes: Record<string, string>): DockerEvent {
  return {
    Type: 'network',
    Action: action,
    Actor: { ID: DEMO_ID, Attributes: attributes },
    time: TIME,
    timeNano: TIME_NANO,
  };
}

function containerEvent(action: string, attributes: Record<string, string>): DockerEvent {
  return {
    Type: 'container',
    Action: action,
    Actor: { ID: WEB1_ID, Attributes: attributes },
    time: TIME,
    timeNano: TIME_NANO,
  };
}

const text = (event: DockerEvent, t: Topology = topo): string => describeEvent(event, t, 'a1').text;

describe('describeEvent', () => {
  it('builds the whole activity record from a network connect event', () => {
    const event = networkEvent('connect', {
      container: WEB1_ID,
      name: 'demo-net',
      type: 'bridge',
    });
    expect(describeEvent(event, topo, 'evt-17')).toEqual({
      id: 'evt-17',
      time: '2024-06-11T08:31:03.120Z',
      type: 'network',
      action: 'connect',
      actorId: DEMO_ID,
      actorName: 'demo-net',
      text: 'web1 joined demo-net as 172.18.0.2',
      said: `network connect ${DEMO_ID} (container=${WEB1_ID}, name=demo-net, type=bridge)`,
    });
  });

  it('says which container joined a network, by name, with its IP on that network', () => {
    expect(
      text(
        networkEvent('connect', {
          container: WEB1_ID,
          name: 'backend-net',
          type: 'bridge',
        }),
      ),
    ).toBe('web1 joined backend-net as 172.19.0.4');
  });

  it('leaves out the IP on connect when the container has none on that network', () => {
    expect(
      text(
        networkEvent('connect', {
          container: WEB1_ID,
          name: 'host',
          type: 'host',
        }),
      ),
    ).toBe('web1 joined host');
  });

  it('names an unknown container by its short id on connect', () => {
    expect(
      text(
        networkEvent('connect', {
          container: WEB1_ID,
          name: 'demo-net',
          type: 'bridge',
        }),
        empty,
      ),
    ).toBe('4f2a1c0b9e8d joined demo-net');
  });

  it('says which container left a network', () => {
    expect(
      text(
        networkEvent('disconnect', {
          container: WEB1_ID,
          name: 'demo-net',
          type: 'bridge',
        }),
      ),
    ).toBe('web1 left demo-net');
  });

  it('describes a created network with its driver', () => {
    expect(text(networkEvent('create', { name: 'demo-net', type: 'bridge' }))).toBe('network demo-net created (bridge driver)');
    expect(text(networkEvent('create', { name: 'demo-net' }))).toBe('network demo-net created (unknown driver)');
  });

  it('describes a removed network', () => {
    expect(text(networkEvent('destroy', { name: 'demo-net', type: 'bridge' }))).toBe('network demo-net removed');
  });

  it('names a network by its short id when the event carries no name', () => {
    const event: DockerEvent = {
      Type: 'network',
      Action: 'destroy',
      Actor: { ID: DEMO_ID },
      time: TIME,
    };
    expect(describeEvent(event, topo, 'a1')).toMatchObject({
      actorName: '9d1c3b5a7e9f',
      text: 'network 9d1c3b5a7e9f removed',
    });
  });

  it('describes a started container', () => {
    expect(text(containerEvent('start', { name: 'web1', image: 'nginx:1.27-alpine' }))).toBe('web1 started');
  });

  it('says a container that exited with code 0 exited normally', () => {
    expect(text(containerEvent('die', { name: 'web1', exitCode: '0' }))).toBe('web1 exited normally');
  });

  it('says a container that died with 137 was killed and with 143 was terminated', () => {
    expect(text(containerEvent('die', { name: 'web1', image: 'nginx:1.27-alpine', exitCode: '137' }))).toBe('web1 stopped (killed)');
    expect(text(containerEvent('die', { name: 'web1', exitCode: '143' }))).toBe('web1 stopped (terminated)');
  });

  it('says a container that died with another code exited with an error, and gives the code', () => {
    expect(text(containerEvent('die', { name: 'web1', exitCode: '1' }))).toBe('web1 exited with an error (code 1)');
    expect(text(containerEvent('die', { name: 'web1', exitCode: '127' }))).toBe('web1 exited with an error (code 127)');
  });

  it('says a container exited when the event carries no exit code', () => {
    expect(text(containerEvent('die', { name: 'web1' }))).toBe('web1 exited');
  });

  it('says a container sent SIGKILL was stopped (killed), by number or by name', () => {
    expect(text(containerEvent('kill', { name: 'web1', signal: '9' }))).toBe('web1 was stopped (killed)');
    expect(text(containerEvent('kill', { name: 'web1', signal: 'SIGKILL' }))).toBe('web1 was stopped (killed)');
    expect(text(containerEvent('kill', { name: 'web1', signal: 'KILL' }))).toBe('web1 was stopped (killed)');
  });

  it('says a container sent SIGTERM was asked to stop', () => {
    expect(text(containerEvent('kill', { name: 'web1', signal: '15' }))).toBe('web1 was asked to stop');
    expect(text(containerEvent('kill', { name: 'web1', signal: 'SIGTERM' }))).toBe('web1 was asked to stop');
  });

  it('names other signals as the Engine does', () => {
    expect(text(containerEvent('kill', { name: 'web1', signal: '1' }))).toBe('web1 was sent signal 1');
    expect(text(containerEvent('kill', { name: 'web1' }))).toBe('web1 was sent a signal');
  });

  it('describes a rename from the old name without its leading "/" to the new name', () => {
    expect(text(containerEvent('rename', { name: 'web-renamed', oldName: '/old' }))).toBe('old renamed to web-renamed');
  });

  it('describes a removed container', () => {
    expect(text(containerEvent('destroy', { name: 'web1', image: 'nginx:1.27-alpine' }))).toBe('container web1 removed');
  });

  it('describes a health status change with the new status, keeping action "health_status"', () => {
    const activity = describeEvent(containerEvent('health_status: healthy', { name: 'web1' }), topo, 'a1');
    expect(activity.action).toBe('health_status');
    expect(activity.text).toBe('web1 is healthy');
    expect(text(containerEvent('health_status: unhealthy', { name: 'web1' }))).toBe('web1 is unhealthy');
  });

  it('describes a created container with its image', () => {
    expect(text(containerEvent('create', { name: 'web1', image: 'nginx:1.27-alpine' }))).toBe('container web1 created from nginx:1.27-alpine');
  });

  it('uses the seconds field for the time when the event has no timeNano', () => {
    const event: DockerEvent = {
      Type: 'container',
      Action: 'start',
      Actor: { ID: WEB1_ID, Attributes: { name: 'web1' } },
      time: TIME,
    };
    expect(describeEvent(event, topo, 'a1').time).toBe('2024-06-11T08:31:03.000Z');
  });

  it('falls back to "<name>: <action>" for actions it has no words for', () => {
    expect(text(containerEvent('update', { name: 'web1' }))).toBe('web1: update');
    expect(text(networkEvent('prune', { name: 'demo-net' }))).toBe('network demo-net: prune');
  });
});

describe('engineLine', () => {
  it('keeps the Engine words as docker events prints them: type, full action, id and sorted attributes', () => {
    const event = containerEvent('die', { name: 'web1', image: 'nginx:1.27-alpine', exitCode: '137' });
    expect(engineLine(event)).toBe(`container die ${WEB1_ID} (exitCode=137, image=nginx:1.27-alpine, name=web1)`);
    expect(describeEvent(event, topo, 'a1').said).toBe(engineLine(event));
  });

  it('keeps the status of a health event and leaves out empty attributes', () => {
    const event: DockerEvent = { Type: 'container', Action: 'health_status: healthy', Actor: { ID: WEB1_ID }, time: TIME };
    expect(engineLine(event)).toBe(`container health_status: healthy ${WEB1_ID}`);
  });
});

describe('clockOf', () => {
  it('shows the time of day with its zone', () => {
    expect(clockOf('Europe/Paris', 'en-GB')('2024-01-15T14:42:07.500Z')).toBe('15:42:07 CET');
    expect(clockOf('Europe/Paris', 'en-GB')('2024-06-11T08:31:03.120Z')).toBe('10:31:03 CEST');
    expect(clockOf('UTC', 'en-GB')('2024-06-11T08:31:03.120Z')).toBe('08:31:03 UTC');
  });

  it('writes midnight as 00, not 24', () => {
    expect(clockOf('UTC', 'en-US')('2024-06-11T00:05:00.000Z')).toBe('00:05:00 UTC');
  });
});

describe('image events', () => {
  const image = (Action: string, name: string): DockerEvent => ({
    Type: 'image',
    Action,
    Actor: { ID: 'sha256:78acb51df4d7cf62f64f', Attributes: { name } },
    time: 1,
  });
  const text = (e: DockerEvent) =>
    describeEvent(e, { engine: emptyEngine('x'), networks: [], containers: [], nodes: [], services: [], tasks: [] }, '1').text;
  it('say what happened to which image, in words', () => {
    expect(text(image('tag', '127.0.0.1:5000/lesson/busybox:1'))).toBe('image 127.0.0.1:5000/lesson/busybox:1 tagged');
    expect(text(image('pull', 'busybox:latest'))).toBe('image busybox:latest pulled');
    expect(text(image('delete', 'sha256:78acb51df4d7cf62f64f'))).toBe('image 78acb51df4d7 removed');
  });
});

// Attributes as a Docker 20.10 manager sends them (captured from scripts/swarm.sh's swarm).
describe('swarm events', () => {
  const SERVICE_ID = 'j9ygwmbot0rhlnwqrxe5n9mnn';
  const NETWORK_ID = 'j9ckmuvq3uqnlvlx44v5ttq97';
  const swarm = (Type: string, Action: string, ID: string, Attributes: Record<string, string>, scope = 'swarm'): DockerEvent => ({
    Type,
    Action,
    Actor: { ID, Attributes },
    scope,
    time: 1796009420,
    timeNano: 1796009420353851385,
  });
  const picture: Topology = {
    ...empty,
    networks: [
      {
        id: NETWORK_ID,
        name: 'ptl-sw-net',
        driver: 'overlay',
        scope: 'swarm',
        internal: false,
        attachable: true,
        ingress: false,
        ipv6: false,
        predefined: false,
        subnets: [{ subnet: '10.237.10.0/24', gateway: '10.237.10.1' }],
        labels: {},
        options: {},
        createdAt: '2026-11-30T03:29:31Z',
      },
    ],
    services: [
      {
        id: SERVICE_ID,
        name: 'ptl-sw-web',
        image: 'portolan/busybox:test',
        mode: 'replicated',
        replicas: 3,
        running: 0,
        ports: [],
        networks: [NETWORK_ID],
        labels: {},
      },
      {
        id: 'wakc1lyq7fnr9lp8xzqom5xtq',
        name: 'ptl-sw-agent',
        image: 'portolan/busybox:test',
        mode: 'global',
        running: 0,
        ports: [],
        networks: [],
        labels: {},
      },
    ],
  };
  const say = (e: DockerEvent, t: Topology = picture) => describeEvent(e, t, '1').text;

  it('tell a service created, scaled, moved to a new image, updated and removed', () => {
    expect(say(swarm('service', 'create', SERVICE_ID, { name: 'ptl-sw-web' }))).toBe(
      'service ptl-sw-web created: 3 replicas of portolan/busybox:test',
    );
    expect(say(swarm('service', 'create', 'wakc1lyq7fnr9lp8xzqom5xtq', { name: 'ptl-sw-agent' }))).toBe(
      'service ptl-sw-agent created: portolan/busybox:test on every node',
    );
    expect(say(swarm('service', 'update', SERVICE_ID, { name: 'ptl-sw-web', 'replicas.new': '5', 'replicas.old': '3' }))).toBe(
      'service ptl-sw-web scaled to 5',
    );
    expect(
      say(swarm('service', 'update', SERVICE_ID, { name: 'ptl-sw-web', 'image.new': 'nginx:1.27@sha256:5f0574409b3a', 'image.old': 'nginx:1.26' })),
    ).toBe('service ptl-sw-web now runs nginx:1.27');
    expect(say(swarm('service', 'update', SERVICE_ID, { name: 'ptl-sw-web', 'updatestate.new': 'updating' }))).toBe(
      'service ptl-sw-web is updating its tasks',
    );
    expect(say(swarm('service', 'update', SERVICE_ID, { name: 'ptl-sw-web', 'updatestate.new': 'completed', 'updatestate.old': 'updating' }))).toBe(
      'service ptl-sw-web finished updating',
    );
    expect(say(swarm('service', 'update', SERVICE_ID, { name: 'ptl-sw-web' }))).toBe('service ptl-sw-web updated');
    expect(say(swarm('service', 'remove', SERVICE_ID, { name: 'ptl-sw-web' }), empty)).toBe('service ptl-sw-web removed');
  });

  it('tell a node going down, coming back, drained, promoted and joining', () => {
    const node = (attrs: Record<string, string>, action = 'update') =>
      say(swarm('node', action, 'wnb0w88ye35t77bsju8lyi3gg', { name: 'ptl-swarm-3', ...attrs }));
    expect(node({ 'state.new': 'down', 'state.old': 'ready' })).toBe('node ptl-swarm-3 is down');
    expect(node({ 'state.new': 'ready', 'state.old': 'down' })).toBe('node ptl-swarm-3 is ready');
    expect(node({ 'availability.new': 'drain', 'availability.old': 'active' })).toBe('node ptl-swarm-3 is drained: its tasks move to other nodes');
    expect(node({ 'role.new': 'manager', 'role.old': 'worker' })).toBe('node ptl-swarm-3 was promoted to manager');
    expect(node({ 'leader.new': 'true', 'leader.old': 'false' })).toBe('node ptl-swarm-3 is now the leader');
    expect(node({})).toBe('node ptl-swarm-3 updated');
    expect(node({}, 'create')).toBe('node ptl-swarm-3 joined the swarm');
    expect(node({}, 'remove')).toBe('node ptl-swarm-3 left the swarm');
  });

  it('tell an overlay created for the swarm, spanning this node, and removed', () => {
    expect(say(swarm('network', 'create', NETWORK_ID, { name: 'ptl-sw-net' }))).toBe('network ptl-sw-net created (overlay driver)');
    // Docker 26.1 answers an inspect made at once with no driver yet: the swarm has not allocated the network.
    expect(say(swarm('network', 'create', 'q1w2e3r4t5y6u7i8o9p0a1s2d', { name: 'ptl-sw-net26' }))).toBe('network ptl-sw-net26 created for the swarm');
    expect(say(swarm('network', 'create', NETWORK_ID, { name: 'ptl-sw-net', type: 'overlay' }, 'local'))).toBe(
      'network ptl-sw-net now spans this node',
    );
    expect(say(swarm('network', 'destroy', NETWORK_ID, { name: 'ptl-sw-net', type: 'overlay' }, 'local'))).toBe(
      'network ptl-sw-net no longer spans this node',
    );
    expect(say(swarm('network', 'remove', NETWORK_ID, { name: 'ptl-sw-net' }), empty)).toBe('network ptl-sw-net removed');
  });
});

describe('health checks and docker exec', () => {
  const exec = (action: string, execID: string, extra: Record<string, string> = {}): DockerEvent => ({
    Type: 'container',
    Action: action,
    Actor: { ID: WEB1_ID, Attributes: { name: 'web1', execID, ...extra } },
    time: 1,
  });

  it('names the command a docker exec runs, cut short when long', () => {
    expect(describeEvent(exec('exec_start: ping -c 1 db', 'e1'), topo, '1').text).toBe('web1 runs: ping -c 1 db');
    expect(describeEvent(exec(`exec_start: sh -c ${'x'.repeat(80)}`, 'e1'), topo, '1').text).toBe(`web1 runs: sh -c ${'x'.repeat(53)}…`);
    expect(describeEvent(exec('exec_die', 'e1', { exitCode: '1' }), topo, '1').text).toBe('a command inside web1 ended with code 1');
  });

  it("keeps a health check's execs quiet, and every exec_create, but not a docker exec's start and end", () => {
    const quiet = new HealthCheckExecs();
    quiet.check(WEB1_ID, '/bin/sh -c curl -f localhost');
    expect(quiet.isQuiet(exec('exec_create: /bin/sh -c curl -f localhost', 'h1'))).toBe(true);
    expect(quiet.isQuiet(exec('exec_start: /bin/sh -c curl -f localhost', 'h1'))).toBe(true);
    expect(quiet.isQuiet(exec('exec_die', 'h1', { exitCode: '0' }))).toBe(true);
    expect(quiet.isQuiet(exec('exec_create: ping db', 'u1'))).toBe(true);
    expect(quiet.isQuiet(exec('exec_start: ping db', 'u1'))).toBe(false);
    expect(quiet.isQuiet(exec('exec_die', 'u1', { exitCode: '0' }))).toBe(false);
    // The same command typed by hand into another container is news there.
    expect(quiet.isQuiet({ ...exec('exec_start: /bin/sh -c curl -f localhost', 'u2'), Actor: { ID: 'other', Attributes: { execID: 'u2' } } })).toBe(
      false,
    );
    expect(quiet.isQuiet({ Type: 'container', Action: 'health_status: unhealthy', Actor: { ID: WEB1_ID }, time: 1 })).toBe(false);
  });

  it('hears a command with a colon in it, and forgets a container that is gone', () => {
    const quiet = new HealthCheckExecs();
    quiet.check(WEB1_ID, 'wget -q http://127.0.0.1:80/');
    expect(quiet.isQuiet(exec('exec_start: wget -q http://127.0.0.1:80/', 'h1'))).toBe(true);
    quiet.forget(WEB1_ID);
    expect(quiet.isQuiet(exec('exec_start: wget -q http://127.0.0.1:80/', 'h2'))).toBe(false);
  });

  it('remembers at most 1000 checks that never ended (their exec_die lost with the stream)', () => {
    const quiet = new HealthCheckExecs();
    quiet.check(WEB1_ID, 'true');
    for (let i = 0; i <= 1000; i++) quiet.isQuiet(exec('exec_start: true', `h${i}`));
    expect(quiet.isQuiet(exec('exec_die', 'h0'))).toBe(false);
    expect(quiet.isQuiet(exec('exec_die', 'h1000'))).toBe(true);
  });

  it('reads the command line a HEALTHCHECK runs as exec_start names it', () => {
    expect(healthCheckCommand(['CMD-SHELL', 'curl -f localhost'], undefined)).toBe('/bin/sh -c curl -f localhost');
    expect(healthCheckCommand(['CMD-SHELL', 'true'], ['/bin/bash', '-o', 'pipefail', '-c'])).toBe('/bin/bash -o pipefail -c true');
    expect(healthCheckCommand(['CMD', 'node', '-e', 'x()'], undefined)).toBe('node -e x()');
    expect(healthCheckCommand(['NONE'], undefined)).toBeNull();
    expect(healthCheckCommand([], undefined)).toBeNull();
    expect(healthCheckCommand(undefined, undefined)).toBeNull();
  });
});
