import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestObjects, docker, waitFor } from '../scripts/testkit/docker';
import { Feed } from '../scripts/testkit/feed';
import { startTestPortolan } from '../scripts/testkit/portolan';
import type { Portolan } from './index';

let portolan: Portolan;
const feeds: Feed[] = [];
const objects = new TestObjects('realtime');

beforeAll(async () => {
  portolan = await startTestPortolan();
  await portolan.store.settled();
});

afterAll(async () => {
  for (const feed of feeds) feed.close();
  await portolan?.close();
  await objects.cleanup();
});

/**
 * The lines a viewer was sent live up to and including `id`, newest first: on a busy engine later events may arrive
 * meanwhile, and `id` itself may still be on its way to this viewer.
 */
async function liveUpTo(feed: Feed, id: string | undefined): Promise<string[]> {
  await waitFor(`line ${id} at the first viewer`, () => feed.activity.some((a) => a.id === id));
  const ids = feed.activity.map((a) => a.id);
  return ids.slice(0, ids.indexOf(id ?? '') + 1).reverse();
}

async function viewer(): Promise<Feed> {
  const feed = new Feed(portolan.url);
  feeds.push(feed);
  await feed.ready();
  return feed;
}

it('tells a viewer who connects after a quiet spell what happened before it came, newest first, as the first viewer saw it live', async () => {
  const first = await viewer();
  const net = objects.name('net');
  await docker(['network', 'create', net]);
  const name = objects.name('web');
  await objects.sleeper('web', ['--network', net]);
  await waitFor('the start in words', () => first.activity.some((a) => a.text === `${name} started`), 5000);

  // Nothing happens now; a new page opens (or the first reloads).
  const late = await viewer();
  await waitFor('the recent activity', () => late.recentActivity);
  const recent = late.recentActivity!;
  const texts = recent.map((a) => a.text);
  expect(texts).toContain(`network ${net} created (bridge driver)`);
  expect(texts).toContain(`${name} started`);
  expect(texts.indexOf(`${name} started`)).toBeLessThan(texts.indexOf(`network ${net} created (bridge driver)`));
  // The same lines, by id, that the first viewer was sent live (the engine is shared: others' events may be among them,
  // and lines from before the first viewer came, which it was never sent live, may follow them).
  const live = await liveUpTo(first, recent[0]?.id);
  expect(live.length).toBeGreaterThanOrEqual(2);
  expect(recent.map((a) => a.id).slice(0, live.length)).toEqual(live.slice(0, recent.length));
});

it('keeps at most 50 lines for a late viewer, the newest ones', async () => {
  const first = await viewer();
  // Each container is three events (create, connect, start) and its removal three more: 15 containers make 90.
  const names = Array.from({ length: 15 }, (_, i) => objects.name(`burst${i}`));
  await Promise.all(names.map((_, i) => objects.sleeper(`burst${i}`)));
  await docker(['rm', '-f', ...names]);
  const last = `container ${names.at(-1)} removed`;
  await waitFor('the last removal in words', () => first.activity.some((a) => a.text === last), 10_000);

  const late = await viewer();
  const recent = await waitFor('the recent activity', () => late.recentActivity);
  expect(recent).toHaveLength(50);
  expect(recent.map((a) => a.id)).toEqual((await liveUpTo(first, recent[0]?.id)).slice(0, 50));
  expect(recent.some((a) => a.text === last)).toBe(true);
});

it("tells nothing of a container's health checks but a change of its health, and each docker exec once, with its command", async () => {
  const feed = await viewer();
  const name = objects.name('checked');
  // A check every 250 ms for as long as the test runs: twelve execs in 3 s, each three Engine events.
  await objects.sleeper('checked', ['--health-cmd', 'test -e /tmp/ready', '--health-interval', '250ms', '--health-retries', '1']);
  await waitFor('the first failed check', () => feed.activity.some((a) => a.text === `${name} is unhealthy`), 5000);
  await docker(['exec', name, 'touch', '/tmp/ready']);
  await waitFor('the health change', () => feed.activity.some((a) => a.text === `${name} is healthy`), 5000);
  const events = new Set<string>();
  const onEvent = (e: { Action: string; Actor: { Attributes?: Record<string, string> } }) => {
    if (e.Actor.Attributes?.name === name && e.Action.startsWith('exec_start: /bin/sh -c test -e /tmp/ready'))
      events.add(e.Actor.Attributes.execID ?? '');
  };
  portolan.store.on('event', onEvent);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  portolan.store.off('event', onEvent);
  // The checks ran meanwhile (the Engine said so), and not one of them became a line.
  expect(events.size).toBeGreaterThanOrEqual(3);
  const lines = feed.activity.filter((a) => a.actorName === name).map((a) => a.text);
  expect(lines.filter((t) => t.includes('test -e /tmp/ready'))).toEqual([]);
  expect(lines).toEqual(
    expect.arrayContaining([
      `${name} is unhealthy`,
      `${name} runs: touch /tmp/ready`,
      `a command inside ${name} ended with code 0`,
      `${name} is healthy`,
    ]),
  );
  // docker exec is exec_create, exec_start and exec_die: two lines, the start naming the command.
  expect(lines.filter((t) => t.startsWith(`${name} runs:`) || t.startsWith('a command'))).toHaveLength(2);
  expect(lines.filter((t) => t.includes('ended with code'))).toHaveLength(1);
});
