import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, type World } from '../../lib/lessons/conditions';
import { controlFor, imageCommandOf, probeOf } from '../../lib/lessons/view';
import { emptyEngine, type Container, type Network } from '../../lib/topology';
import { loadLessons } from './library';

describe('the lesson library', () => {
  it('loads every built-in lesson without an error', () => {
    const { lessons, errors } = loadLessons();
    expect(errors).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual(['day47-networking-security', 'frontend-backend-isolation']);
    const day47 = lessons[0]!;
    expect(day47.steps.length).toBe(15);
    expect(day47.steps.every((s) => s.commands.length > 0)).toBe(true);
    expect(day47.steps[2]!.commands).toEqual(['docker run -d --name c1 busybox sleep 3600', 'docker run -d --name c2 busybox sleep 3600']);
  });

  it('runs the lessons with the test host image in place of busybox', () => {
    const { lessons } = loadLessons(undefined, { image: 'portolan/busybox:test' });
    expect(lessons[0]!.steps[2]!.commands[0]).toBe('docker run -d --name c1 portolan/busybox:test sleep 3600');
  });

  it('runs the private registry on the port the vars give, then pushes, removes and pulls back from it', () => {
    const { lessons } = loadLessons(undefined, { registry_port: '15000', registry_image: 'portolan/registry:test' });
    const [run, push, remove, pull] = lessons[0]!.steps.slice(-4);
    expect(run!.commands).toEqual(['docker run -d -p 127.0.0.1:15000:5000 --name registry portolan/registry:test']);
    expect(run!.done).toMatchObject({ container: { name: 'registry', publishes: { host: 15000, container: 5000 } } });
    expect(push!.commands).toEqual(['docker tag busybox 127.0.0.1:15000/lesson/busybox:1', 'docker push 127.0.0.1:15000/lesson/busybox:1']);
    const fromRegistry = { image: { name: '127.0.0.1:15000/lesson/busybox:1', registry: '127.0.0.1:15000', present: true } };
    expect(push!.done).toEqual(fromRegistry);
    expect(remove!.done).toEqual({ image: { name: '127.0.0.1:15000/lesson/busybox:1', present: false } });
    expect(pull!.commands).toEqual(['docker pull 127.0.0.1:15000/lesson/busybox:1']);
    expect(pull!.done).toEqual(fromRegistry);
  });

  it('publishes on the host port it is given, 8080 unless told otherwise', () => {
    const step = (lessons: ReturnType<typeof loadLessons>['lessons'], id: string) => lessons[0]!.steps.find((s) => s.id === id)!;
    expect(step(loadLessons().lessons, 'publish-a-port-and-fetch-it-from-the-host').commands[0]).toBe(
      'docker run -d --name web -p 127.0.0.1:8080:80 busybox httpd -f -p 80',
    );
    expect(loadLessons().lessons[0]!.steps.slice(-4)[0]!.commands[0]).toBe('docker run -d -p 127.0.0.1:5000:5000 --name registry registry:2');
    const publish = step(loadLessons(undefined, { web_port: '18080' }).lessons, 'publish-a-port-and-fetch-it-from-the-host');
    expect(publish.commands).toEqual(['docker run -d --name web -p 127.0.0.1:18080:80 busybox httpd -f -p 80', 'curl -s http://127.0.0.1:18080/']);
    expect(publish.text).toContain('`-p 127.0.0.1:18080:80` keeps it');
    expect(publish.done).toEqual({ container: { state: 'running', publishes: { host: 18080, container: 80 } } });
  });

  it('lists a broken file with what to fix and loads the others', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-lessons-'));
    try {
      fs.copyFileSync(fileURLToPath(new URL('../../lessons/frontend-backend-isolation.md', import.meta.url)), path.join(dir, 'good.md'));
      fs.writeFileSync(path.join(dir, 'bad.md'), '---\ntitle: Bad\nlevel: beginner\nduration: 1 min\n---\n## Only step\n```done\nvolume: {}\n```\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a lesson');
      const { lessons, errors } = loadLessons(dir);
      expect(lessons.map((l) => l.id)).toEqual(['good']);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.file).toBe(path.join(path.basename(dir), 'bad.md'));
      expect(errors[0]!.message).toMatch(/^step 1 "Only step": done: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the folder cannot be read', () => {
    const { lessons, errors } = loadLessons('/nonexistent/portolan-lessons');
    expect(lessons).toEqual([]);
    expect(errors[0]!.message).toMatch(/cannot read the lessons folder/);
  });
});

describe('Day 47', () => {
  const day47 = loadLessons().lessons.find((l) => l.id === 'day47-networking-security')!;
  const step = (title: string) => day47.steps.find((s) => s.title.startsWith(title))!;

  it('pings c2 by the address docker inspect answers, not one written into the lesson', () => {
    const ping = step('Ping one from the other');
    expect(ping.commands).toEqual(["docker exec c1 ping -c 1 $(docker inspect -f '{{.NetworkSettings.IPAddress}}' c2)"]);
    expect(probeOf(ping.commands[0]!)).toEqual({ container: 'c1', target: 'c2', by: 'ip' });
  });

  it('offers a Portolan control for every command of the registry steps: run, tag and push, remove, pull', () => {
    const [run, push, remove, pull] = day47.steps.slice(-4);
    expect(run!.commands.map(controlFor)).toEqual(['run-container']);
    expect(push!.commands.map(imageCommandOf)).toEqual([
      { control: 'tag-image', source: 'busybox', image: '127.0.0.1:5000/lesson/busybox:1' },
      { control: 'push-image', image: '127.0.0.1:5000/lesson/busybox:1' },
    ]);
    expect(remove!.commands.map(imageCommandOf)).toEqual([{ control: 'remove-image', image: '127.0.0.1:5000/lesson/busybox:1' }]);
    expect(pull!.commands.map(imageCommandOf)).toEqual([{ control: 'pull-image', image: '127.0.0.1:5000/lesson/busybox:1' }]);
  });

  it('ticks for the lesson’s own containers and network, not for whatever else the engine runs', () => {
    const net = (name: string, subnet?: string): Network => ({
      ...{ id: `n-${name}`, name, driver: 'bridge', scope: 'local', internal: false, attachable: false, ingress: false, ipv6: false },
      ...{ predefined: name === 'bridge', subnets: subnet ? [{ subnet }] : [], labels: {}, options: {}, createdAt: '2026-01-01T00:00:00Z' },
    });
    const ctr = (name: string, nets: Network[], user = ''): Container => ({
      ...{ id: `c-${name}`, name, image: 'busybox', state: 'running', status: 'Up', user, networkMode: nets[0]!.name },
      endpoints: nets.map((n, i) => ({ networkId: n.id, networkName: n.name, ipv4: `10.0.${i}.2`, ipv6: '', mac: '', aliases: [] })),
      ...{ ports: [], labels: {}, createdAt: '2026-01-01T00:00:00Z' },
    });
    const [bridge, other, myNet] = [net('bridge', '172.17.0.0/16'), net('other', '10.20.0.0/24'), net('my-net', '10.47.0.0/24')];
    const world = (networks: Network[], containers: Container[]): World => ({
      topology: { engine: emptyEngine('unix:///x'), networks: [bridge, ...networks], containers, nodes: [], services: [], tasks: [] },
    });
    const met = (title: string, w: World) => evaluate(step(title).done, w).met;
    const titles = ['Run two containers', 'Create a network of your own', 'Connect both containers', 'Run as a user other than root'];
    // Someone else's containers and network: two on the bridge, a user network with a subnet, one not root.
    const others = world([other], [ctr('x', [bridge]), ctr('y', [bridge, other]), ctr('z', [other], '1000')]);
    for (const title of titles) expect(met(title, others), title).toBe(false);
    const ours = world([myNet], [ctr('c1', [bridge, myNet]), ctr('c2', [bridge, myNet]), ctr('app', [bridge], '1000:1000')]);
    for (const title of titles) expect(met(title, ours), title).toBe(true);
  });
});
