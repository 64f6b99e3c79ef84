import { describe, expect, it } from 'vitest';
import { container as aContainer, endpoint, network as aNetwork } from '../testing/topology';
import { emptyEngine, type Container, type Network, type Topology } from '../topology';
import { evaluate, runsAsRoot, type Condition, type World } from './conditions';
import { LessonError, parseLesson } from './lesson';
import { advance, back, focusOf, skip, startProgress } from './progress';
import { controlFor, imageCommandOf, probeOf } from './view';

/** bridge, host and none are Docker's own here, as on an engine. */
const network = (name: string, over: Partial<Network> = {}): Network =>
  aNetwork(name, { predefined: ['bridge', 'host', 'none'].includes(name), ...over });

/** A container on these networks, run on the first, with the address 10.0.<i>.2 on the i-th. */
const container = (name: string, nets: Network[], over: Partial<Container> = {}): Container =>
  aContainer(name, {
    image: 'portolan/busybox:test',
    networkMode: nets[0]?.name ?? 'none',
    endpoints: nets.map((n, i) => endpoint(n, `10.0.${i}.2`)),
    ...over,
  });

const bridge = network('bridge', { subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }] });
const app = network('app-net', { subnets: [{ subnet: '10.20.0.0/24', gateway: '10.20.0.1' }] });
const back_ = network('back', { internal: true });

function world(containers: Container[], extra: Partial<World> = {}): World {
  const topology: Topology = {
    engine: emptyEngine('unix:///var/run/docker.sock'),
    networks: [app, back_, bridge, network('host'), network('none')],
    containers,
    nodes: [],
    services: [],
    tasks: [],
  };
  return { topology, ...extra };
}

const met = (c: Condition, w: World) => evaluate(c, w).met;

describe('conditions', () => {
  it('network: by name, driver, user-defined, internal, subnet, gateway and container count', () => {
    const w = world([container('a', [app]), container('b', [app]), container('c', [bridge]), container('d', [bridge], { state: 'exited' })]);
    expect(met({ network: { name: 'bridge' } }, w)).toBe(true);
    expect(met({ network: { name: 'bridge', containers: 2 } }, w)).toBe(false);
    expect(met({ network: { name: 'nope' } }, w)).toBe(false);
    expect(met({ network: { driver: 'bridge', userDefined: true, subnet: true, containers: 2 } }, w)).toBe(true);
    expect(met({ network: { userDefined: true, containers: 3 } }, w)).toBe(false);
    expect(met({ network: { name: 'bridge', userDefined: true } }, w)).toBe(false);
    expect(met({ network: { internal: true } }, w)).toBe(true);
    expect(met({ network: { subnet: '10.20.0.0/24' } }, w)).toBe(true);
    expect(met({ network: { subnet: '10.21.0.0/24' } }, w)).toBe(false);
    expect(met({ network: { name: 'back', gateway: true } }, w)).toBe(false);
    expect(met({ network: { name: 'bridge', gateway: true } }, w)).toBe(true);
    expect(evaluate({ network: { userDefined: true, containers: 2 } }, w).about).toEqual(['net:n-app-net']);
  });

  it('container: on a network, state, image, root or not, publishing a port', () => {
    const w = world([
      container('web', [bridge], { ports: [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }] }),
      container('safe', [app], { user: '1000:1000', image: 'registry.local:5000/team/api:2' }),
      container('old', [bridge], { state: 'exited' }),
    ]);
    expect(met({ container: { network: 'bridge', state: 'running' } }, w)).toBe(true);
    expect(met({ container: { network: 'app-net', state: 'exited' } }, w)).toBe(false);
    expect(met({ container: { publishes: { host: 8080, container: 80 } } }, w)).toBe(true);
    expect(met({ container: { publishes: { host: 8081 } } }, w)).toBe(false);
    expect(evaluate({ container: { publishes: { host: 8080 } } }, w).about).toEqual(['ctr:c-web', 'port:0.0.0.0:8080/tcp']);
    expect(met({ container: { root: false } }, w)).toBe(true);
    expect(met({ container: { root: false, network: 'bridge' } }, w)).toBe(false);
    expect(met({ container: { userNetwork: true } }, w)).toBe(true);
    expect(met({ container: { image: 'registry.local:5000/' } }, w)).toBe(true);
    expect(met({ container: { image: 'portolan/busybox' } }, w)).toBe(true);
    expect(met({ container: { image: 'busybox' } }, w)).toBe(false);
    expect(met({ container: { name: 'old', state: 'exited' } }, w)).toBe(true);
  });

  it('root is an empty user, root, 0 or 0 with a group', () => {
    expect(['', 'root', '0', '0:0', 'root:staff'].map(runsAsRoot)).toEqual([true, true, true, true, true]);
    expect(['1000', 'nobody', '1000:0', 'app'].map(runsAsRoot)).toEqual([false, false, false, false]);
  });

  it('image: present or gone, by name or by registry prefix', () => {
    const w = world([], {
      images: [
        { name: 'portolan/busybox:test', size: 2_100_000 },
        { name: '127.0.0.1:5000/lesson/busybox:1', size: 2_100_000 },
        { name: 'ubuntu:24.04', size: 78_000_000 },
      ],
    });
    expect(met({ image: { name: '127.0.0.1:5000/', present: true } }, w)).toBe(true);
    expect(met({ image: { name: '127.0.0.1:5000/lesson/busybox:1', present: false } }, w)).toBe(false);
    expect(met({ image: { name: 'nginx', present: false } }, w)).toBe(true);
    // A repository without a tag means any of its tags.
    expect(met({ image: { name: 'portolan/busybox', present: true } }, w)).toBe(true);
    expect(met({ image: { name: 'busybox', present: true } }, w)).toBe(false);
    expect(met({ image: { maxMB: 5, present: true } }, w)).toBe(true);
    expect(met({ image: { name: 'ubuntu', maxMB: 5, present: true } }, w)).toBe(false);
  });

  it('image: from a registry, once pushed there or pulled from it (its digest there is known)', () => {
    const tagged = world([], { images: [{ name: '127.0.0.1:5000/lesson/busybox:1', size: 2_100_000, registries: [] }] });
    const pushed = world([], { images: [{ name: '127.0.0.1:5000/lesson/busybox:1', size: 2_100_000, registries: ['127.0.0.1:5000'] }] });
    const condition = { image: { name: '127.0.0.1:5000/lesson/busybox:1', registry: '127.0.0.1:5000', present: true } };
    expect(met(condition, tagged)).toBe(false);
    expect(met(condition, pushed)).toBe(true);
    expect(met({ image: { name: '127.0.0.1:5000/', registry: '127.0.0.1:5001', present: true } }, pushed)).toBe(false);
  });

  it('exec: ping by address or by name, its outcome, and the network the pinging container is on', () => {
    const a = container('a', [bridge]);
    const b = container('b', [app]);
    const w = world([a, b], {
      execs: [
        { containerId: a.id, command: 'ping -c 1 172.17.0.3', exitCode: 0, time: 't1' },
        { containerId: a.id, command: 'ping -c 1 -W 2 web', exitCode: 1, time: 't2' },
        { containerId: b.id, command: '/bin/ping -c1 db', exitCode: 0, time: 't3' },
        { containerId: b.id, command: 'wget -qO- http://api:8080/', time: 't4' },
      ],
    });
    expect(met({ exec: { command: 'ping', by: 'ip', succeeded: true, network: 'bridge' } }, w)).toBe(true);
    expect(met({ exec: { command: 'ping', by: 'name', succeeded: false, network: 'bridge' } }, w)).toBe(true);
    expect(met({ exec: { command: 'ping', by: 'name', succeeded: true, network: 'bridge' } }, w)).toBe(false);
    expect(met({ exec: { command: 'ping', by: 'name', succeeded: true, network: 'user-defined' } }, w)).toBe(true);
    expect(evaluate({ exec: { command: 'ping', network: 'user-defined' } }, w).about).toEqual(['ctr:c-b']);
    // Not done yet: the network where it should happen is what to look at.
    expect(evaluate({ exec: { command: 'nc', network: 'user-defined' } }, w)).toEqual({ met: false, about: ['net:n-app-net', 'net:n-back'] });
    expect(evaluate({ container: { name: 'new', network: 'bridge' } }, w)).toEqual({ met: false, about: ['net:n-bridge'] });
    // Not ended yet: neither succeeded nor failed.
    expect(met({ exec: { command: 'wget', by: 'name', succeeded: true } }, w)).toBe(false);
    expect(met({ exec: { command: 'wget', by: 'name' } }, w)).toBe(true);
  });

  it('all, any and not', () => {
    const w = world([container('a', [app])]);
    const yes: Condition = { network: { name: 'app-net' } };
    const no: Condition = { network: { name: 'nope' } };
    expect(met({ all: [yes, yes] }, w)).toBe(true);
    expect(met({ all: [yes, no] }, w)).toBe(false);
    expect(met({ any: [no, yes] }, w)).toBe(true);
    expect(met({ any: [no, no] }, w)).toBe(false);
    expect(met({ not: no }, w)).toBe(true);
    expect(met({ not: { container: { name: 'a' } } }, w)).toBe(false);
  });
});

const LESSON = `---
title: Two networks
level: beginner
duration: 10 min
needs:
  - a Docker Engine
---

Intro words.

## Make a network

Networks you make get Docker's DNS.

\`\`\`sh
docker network create \\
  --subnet 10.30.0.0/24 front
\`\`\`

\`\`\`done
network: { name: front, subnet: 10.30.0.0/24 }
\`\`\`

## Run a container on it

\`\`\`bash
$ docker run -d --name web --network front busybox sleep 1000
\`\`\`

\`\`\`done
container: { name: web, network: front, state: running }
\`\`\`
`;

describe('lesson files', () => {
  it('reads the front matter, the steps, their commands and conditions', () => {
    const lesson = parseLesson('lessons/two-nets.md', LESSON);
    expect(lesson).toMatchObject({ id: 'two-nets', title: 'Two networks', level: 'beginner', duration: '10 min', needs: ['a Docker Engine'] });
    expect(lesson.intro).toBe('Intro words.');
    expect(lesson.steps.map((s) => s.id)).toEqual(['make-a-network', 'run-a-container-on-it']);
    expect(lesson.steps[0]!.commands).toEqual(['docker network create --subnet 10.30.0.0/24 front']);
    expect(lesson.steps[0]!.text).toBe("Networks you make get Docker's DNS.");
    expect(lesson.steps[1]!.commands).toEqual(['docker run -d --name web --network front busybox sleep 1000']);
    expect(lesson.steps[1]!.done).toEqual({ container: { name: 'web', network: 'front', state: 'running' } });
  });

  it.each([
    ['no front matter', '## A step\n', /begin with a front matter/],
    ['bad YAML in the front matter', '---\ntitle: [unclosed\n---\n## A\n', /front matter: not valid YAML/],
    ['a missing field', '---\ntitle: T\nlevel: beginner\n---\n## A\n```done\nnetwork: {}\n```\n', /front matter: duration: /],
    ['an unknown level', '---\ntitle: T\nlevel: guru\nduration: 5 min\n---\n', /front matter: level: /],
    ['no steps', '---\ntitle: T\nlevel: beginner\nduration: 5 min\n---\nonly words\n', /no steps/],
    ['a step without done', '---\ntitle: T\nlevel: beginner\nduration: 5 min\n---\n## First\nwords\n', /step 1 "First": needs exactly one ```done/],
    [
      'an unknown condition',
      '---\ntitle: T\nlevel: beginner\nduration: 5 min\n---\n## First\n```done\nvolume: { name: x }\n```\n',
      /step 1 "First": done: /,
    ],
    [
      'an unknown field in a condition',
      '---\ntitle: T\nlevel: beginner\nduration: 5 min\n---\n## First\n```done\nnetwork: { nme: x }\n```\n',
      /step 1 "First": done: /,
    ],
    [
      'bad YAML in a condition',
      '---\ntitle: T\nlevel: beginner\nduration: 5 min\n---\n## First\n```done\nnetwork: { name: x\n```\n',
      /step 1 "First": done: not valid YAML/,
    ],
  ])('names the file, the step and the field: %s', (_, text, message) => {
    expect(() => parseLesson('lessons/broken.md', text)).toThrow(LessonError);
    expect(() => parseLesson('lessons/broken.md', text)).toThrow(/^lessons\/broken\.md: /);
    expect(() => parseLesson('lessons/broken.md', text)).toThrow(message);
  });

  it('fills {{vars}} from the front matter, overridden by the caller, and names an unknown one', () => {
    const text =
      '---\ntitle: T\nlevel: beginner\nduration: 5 min\nvars: { image: busybox }\n---\n## Run\n```sh\ndocker run {{image}}\n```\n```done\ncontainer: { image: "{{ image }}" }\n```\n';
    expect(parseLesson('lessons/v.md', text).steps[0]).toMatchObject({ commands: ['docker run busybox'], done: { container: { image: 'busybox' } } });
    const local = parseLesson('lessons/v.md', text, { image: 'portolan/busybox:test' }).steps[0]!;
    expect(local).toMatchObject({ commands: ['docker run portolan/busybox:test'], done: { container: { image: 'portolan/busybox:test' } } });
    expect(() => parseLesson('lessons/v.md', text.replace('{{image}}', '{{imgae}}'))).toThrow(
      /step 1 "Run": \{\{imgae\}\} is not among the front matter's vars/,
    );
  });

  it('refuses a file name that is not a lesson id', () => {
    expect(() => parseLesson('lessons/My Lesson.md', LESSON)).toThrow(/file name must be a lesson id/);
  });
});

describe('progress', () => {
  const lesson = parseLesson('lessons/two-nets.md', LESSON);
  const front = network('front', { id: 'n-front', subnets: [{ subnet: '10.30.0.0/24' }] });
  const empty = world([]);
  const withFront: World = { topology: { ...empty.topology, networks: [...empty.topology.networks, front] } };
  const withWeb: World = { topology: { ...withFront.topology, containers: [container('web', [front])] } };

  it('ticks the current step when the picture shows it, and the next at once when it already holds', () => {
    const p0 = startProgress(lesson);
    expect(advance(lesson, p0, empty, 't0')).toBe(p0);
    const p1 = advance(lesson, p0, withFront, 't1');
    expect(p1).toEqual({ current: 1, steps: [{ done: true, doneAt: 't1' }, { done: false }] });
    expect(focusOf(lesson, p1, withWeb)).toEqual(['ctr:c-web']);
    const p2 = advance(lesson, p0, withWeb, 't2');
    expect(p2).toEqual({
      current: 2,
      steps: [
        { done: true, doneAt: 't2' },
        { done: true, doneAt: 't2' },
      ],
    });
    expect(focusOf(lesson, p2, withWeb)).toEqual([]);
  });

  it('a later step does not tick before the current one', () => {
    const onlyWeb: World = { topology: { ...empty.topology, containers: [container('web', [network('front')])] } };
    expect(advance(lesson, startProgress(lesson), onlyWeb, 't').current).toBe(0);
  });

  it('skip passes a step over, back makes it current and undone again', () => {
    const skipped = skip(lesson, startProgress(lesson), 't1');
    expect(skipped).toEqual({ current: 1, steps: [{ done: false, skipped: true, doneAt: 't1' }, { done: false }] });
    expect(back(skipped)).toEqual(startProgress(lesson));
    expect(back(startProgress(lesson))).toEqual(startProgress(lesson));
    const finished = advance(lesson, startProgress(lesson), withWeb, 't');
    expect(skip(lesson, finished, 't')).toBe(finished);
  });
});

describe('controls', () => {
  it('names the Portolan control that does what a command does', () => {
    expect(controlFor('docker network create --subnet 10.47.0.0/24 my-net')).toBe('create-network');
    expect(controlFor('docker network connect my-net c1')).toBe('connect');
    expect(controlFor('docker run -d --name c1 busybox sleep 3600')).toBe('run-container');
    expect(controlFor('docker exec c1 ping -c 1 c2')).toBe('probe');
    expect(controlFor('docker network ls')).toBeNull();
    expect(controlFor('curl -s http://127.0.0.1:8080/')).toBeNull();
    expect(controlFor('docker tag busybox 127.0.0.1:5000/lesson/busybox:1')).toBe('tag-image');
    expect(controlFor('docker image tag busybox 127.0.0.1:5000/lesson/busybox:1')).toBe('tag-image');
    expect(controlFor('docker push 127.0.0.1:5000/lesson/busybox:1')).toBe('push-image');
    expect(controlFor('docker pull 127.0.0.1:5000/lesson/busybox:1')).toBe('pull-image');
    expect(controlFor('docker rmi 127.0.0.1:5000/lesson/busybox:1')).toBe('remove-image');
    expect(controlFor('docker image rm 127.0.0.1:5000/lesson/busybox:1')).toBe('remove-image');
    expect(controlFor('docker images')).toBeNull();
    expect(controlFor('docker image ls')).toBeNull();
  });

  it('reads the images of a tag, push, pull or rmi: source and new name, or the one image', () => {
    expect(imageCommandOf('docker tag busybox 127.0.0.1:5000/lesson/busybox:1')).toEqual({
      control: 'tag-image',
      source: 'busybox',
      image: '127.0.0.1:5000/lesson/busybox:1',
    });
    expect(imageCommandOf('docker image push 127.0.0.1:5000/lesson/busybox:1')).toEqual({
      control: 'push-image',
      image: '127.0.0.1:5000/lesson/busybox:1',
    });
    expect(imageCommandOf('docker pull --quiet 127.0.0.1:5000/lesson/busybox:1')).toEqual({
      control: 'pull-image',
      image: '127.0.0.1:5000/lesson/busybox:1',
    });
    expect(imageCommandOf('docker rmi 127.0.0.1:5000/lesson/busybox:1')).toEqual({
      control: 'remove-image',
      image: '127.0.0.1:5000/lesson/busybox:1',
    });
    // Several images at once, or a tag without its new name: no one control does that.
    expect(imageCommandOf('docker rmi a:1 b:1')).toBeNull();
    expect(imageCommandOf('docker tag busybox')).toBeNull();
    expect(imageCommandOf('docker run -d busybox')).toBeNull();
  });

  it('reads a ping command: the container, and the target by name, by address, or by the address docker inspect gives', () => {
    expect(probeOf('docker exec c1 ping -c 1 c2')).toEqual({ container: 'c1', target: 'c2', by: 'name' });
    expect(probeOf('docker exec c1 ping -c 1 172.17.0.3')).toEqual({ container: 'c1', target: '172.17.0.3', by: 'ip' });
    expect(probeOf("docker exec c1 ping -c 1 $(docker inspect -f '{{.NetworkSettings.IPAddress}}' c2)")).toEqual({
      container: 'c1',
      target: 'c2',
      by: 'ip',
    });
    expect(probeOf('docker network ls')).toBeNull();
  });
});
