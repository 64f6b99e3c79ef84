import { describe, expect, it } from 'vitest';
import { emptyEngine, type Container, type Network, type Topology } from '../../lib/topology';
import { loadLessons } from './library';
import { Lessons, type LessonView } from './service';

const net = (name: string, over: Partial<Network> = {}): Network => ({
  ...{ id: `n-${name}`, name, driver: name === 'none' ? 'null' : name === 'host' ? 'host' : 'bridge', scope: 'local', internal: false },
  ...{ attachable: false, ingress: false, ipv6: false, predefined: ['bridge', 'host', 'none'].includes(name), subnets: [], labels: {} },
  ...{ options: {}, createdAt: '2026-01-01T00:00:00Z' },
  ...over,
});
const bridge = net('bridge', { subnets: [{ subnet: '172.17.0.0/16' }] });
const ctr = (name: string, nets: Network[]): Container => ({
  ...{ id: `c-${name}`, name, image: 'busybox', state: 'running', status: 'Up', user: '', networkMode: nets[0]!.name },
  endpoints: nets.map((n) => ({ networkId: n.id, networkName: n.name, ipv4: '172.17.0.2', ipv6: '', mac: '', aliases: [] })),
  ...{ ports: [], labels: {}, createdAt: '2026-01-01T00:00:00Z' },
});

function room() {
  let topology: Topology = {
    engine: emptyEngine('unix:///x'),
    networks: [bridge, net('host'), net('none')],
    containers: [],
    nodes: [],
    services: [],
    tasks: [],
  };
  let clock = 0;
  const lessons = new Lessons(
    loadLessons(),
    () => topology,
    () => new Date(Date.UTC(2026, 10, 29, 12, 0, clock++)).toISOString(),
  );
  const seen: LessonView[] = [];
  lessons.on('progress', (v) => seen.push(v));
  return { lessons, seen, set: (t: Partial<Topology>) => void ((topology = { ...topology, ...t }), lessons.update()) };
}

const exec = (id: string, container: string, action: string, attrs: Record<string, string> = {}) => ({
  Type: 'container',
  Action: action,
  Actor: { ID: container, Attributes: { execID: id, ...attrs } },
});

describe('lessons for the room', () => {
  it('ticks what the picture already shows, and the next step once the picture shows it', () => {
    const { lessons, seen, set } = room();
    const day47 = lessons.view('day47-networking-security')!;
    expect(day47.current).toBe(2); // the predefined networks and the bridge's subnet are there from the start
    expect(day47.steps.slice(0, 2).every((s) => s.done && s.doneAt)).toBe(true);
    expect(day47.focus).toEqual(['net:n-bridge']); // where c1 and c2 are to land
    set({ containers: [ctr('c1', [bridge])] });
    expect(lessons.view('day47-networking-security')!.current).toBe(2);
    set({ containers: [ctr('c1', [bridge]), ctr('c2', [bridge])] });
    const after = lessons.view('day47-networking-security')!;
    expect(after.current).toBe(3);
    expect(seen.at(-1)).toEqual(after);
    expect(lessons.list().lessons.find((l) => l.id === 'day47-networking-security')).toMatchObject({ steps: 15, done: 3 });
  });

  it('a ping seen in exec events ticks its step when it has ended the way the step asks', () => {
    const { lessons, set } = room();
    set({ containers: [ctr('c1', [bridge]), ctr('c2', [bridge])] });
    lessons.engineEvent(exec('e1', 'c-c1', 'exec_start: ping -c 1 172.17.0.3'));
    expect(lessons.view('day47-networking-security')!.current).toBe(3); // not ended yet
    lessons.engineEvent(exec('e1', 'c-c1', 'exec_die', { exitCode: '0' }));
    expect(lessons.view('day47-networking-security')!.current).toBe(4);
    lessons.engineEvent(exec('e2', 'c-c1', 'exec_start: ping -c 1 c2'));
    lessons.engineEvent(exec('e2', 'c-c1', 'exec_die', { exitCode: '1' }));
    expect(lessons.view('day47-networking-security')!.current).toBe(5);
  });

  it('reset starts again and forgets earlier pings; skip and back are the teacher’s', () => {
    const { lessons, set } = room();
    set({ containers: [ctr('c1', [bridge]), ctr('c2', [bridge])] });
    lessons.engineEvent(exec('e1', 'c-c1', 'exec_start: ping -c 1 172.17.0.3'));
    lessons.engineEvent(exec('e1', 'c-c1', 'exec_die', { exitCode: '0' }));
    expect(lessons.view('day47-networking-security')!.current).toBe(4);
    const reset = lessons.reset('day47-networking-security')!;
    expect(reset.current).toBe(3); // the containers are still there; the ping happened before the reset
    const skipped = lessons.skip('day47-networking-security')!;
    expect(skipped.current).toBe(4);
    expect(skipped.steps[3]).toMatchObject({ done: false, skipped: true });
    expect(lessons.back('day47-networking-security')!.current).toBe(3);
    expect(lessons.reset('no-such-lesson')).toBeUndefined();
  });

  it('the image list handed in ticks the image step once a lean image is there', () => {
    const { lessons } = room();
    const id = 'day47-networking-security';
    while (lessons.view(id)!.steps[lessons.view(id)!.current]!.id !== 'lean-images') lessons.skip(id);
    const lean = lessons.view(id)!.current;
    lessons.setImages([{ tags: ['ubuntu:24.04'], size: 78_000_000 }]);
    expect(lessons.view(id)!.current).toBe(lean);
    lessons.setImages([
      { tags: ['ubuntu:24.04'], size: 78_000_000 },
      { tags: ['busybox:latest', 'busybox:1.36'], size: 4_300_000 },
    ]);
    expect(lessons.view(id)!.current).toBe(lean + 1);
  });
});
