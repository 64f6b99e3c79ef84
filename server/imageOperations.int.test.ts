import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageProgress } from '../lib/imageProgress';
import type { ImageSummary } from '../lib/images';
import { PortolanApi, freePort, type Answer, type ErrorAnswer } from '../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker } from '../scripts/testkit/docker';
import { Feed } from '../scripts/testkit/feed';
import { startTestPortolan } from '../scripts/testkit/portolan';
import { imageOfOurOwn, startRegistry } from '../scripts/testkit/registry';
import type { Portolan } from './index';

// Pulls and pushes only ever go to the registry this file runs on loopback; every outcome is read back with the docker CLI.

let portolan: Portolan;
let api: PortolanApi;
let feed: Feed;
let registry: string;
const objects = new TestObjects('registry');

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  feed = new Feed(portolan.url);
  [registry] = await Promise.all([startRegistry(objects), feed.ready()]);
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await objects.cleanup();
});

type Started = Answer<{ operation: string; command: string }>;

const present = (ref: string) =>
  docker(['image', 'inspect', '-f', '{{.Id}}', ref]).then(
    () => true,
    () => false,
  );

/** Starts a pull or push through the API and waits for its last event. */
async function transfer(kind: 'pull' | 'push', image: string): Promise<{ started: Started; events: ImageProgress[]; last: ImageProgress }> {
  const started = (await api.post(`/api/images/${kind}`, { image })) as Started;
  expect(started.status).toBe(202);
  const events = await feed.imageOperation(started.body.operation);
  return { started, events, last: events.at(-1)! };
}

describe('push and pull through the loopback registry', () => {
  it('pushes a tagged local image with progress to done, removes it, pulls it back, and the images view names the registry', async () => {
    const image = `${registry}/${objects.prefix}/busybox:1`;
    const id = await imageOfOurOwn(objects, image);

    const push = await transfer('push', image);
    expect(push.started.body.command).toBe(`docker push ${image}`);
    expect(push.last).toMatchObject({ image, kind: 'push', done: true, percent: 100, command: `docker push ${image}` });
    expect(push.last.error).toBeUndefined();
    expect(push.events.every((e) => e.image === image && e.kind === 'push')).toBe(true);
    expect(push.last.layers.total).toBeGreaterThan(0);
    expect(push.last.layers.done).toBe(push.last.layers.total);
    // Only the last event says done; the ones before it are progress.
    expect(push.events.filter((e) => e.done)).toHaveLength(1);
    const repoDigest = await docker(['image', 'inspect', '-f', '{{join .RepoDigests ","}}', image]);
    expect(repoDigest).toContain(`${registry}/${objects.prefix}/busybox@sha256:`);

    await docker(['rmi', image]);
    expect(await present(image)).toBe(false);

    const pull = await transfer('pull', image);
    expect(pull.started.body.command).toBe(`docker pull ${image}`);
    expect(pull.last).toMatchObject({ image, kind: 'pull', done: true, percent: 100 });
    expect(pull.last.error).toBeUndefined();
    expect(pull.last.status).toMatch(/Downloaded newer image|Image is up to date/);
    expect(await docker(['image', 'inspect', '-f', '{{.Id}}', image])).toBe(id);

    const { body } = await api.get<{ images: ImageSummary[] }>('/api/images');
    expect(body.images.find((i) => i.tags.includes(image))?.registry).toBe(registry);
  });

  it('reports the bytes and layers of a larger pull as it goes, and ends at 100%', async () => {
    const image = `${registry}/${objects.prefix}/bulk:1`;
    await imageOfOurOwn(objects, image, 24);
    await docker(['push', image]);
    await docker(['rmi', image]);

    const { events, last } = await transfer('pull', image);
    expect(last).toMatchObject({ done: true, percent: 100 });
    expect(last.total).toBeGreaterThan(24_000_000 * 0.9);
    // Before the end, viewers were told the layers to fetch (24 MB of random data takes longer than one 100 ms tick).
    expect(events.some((e) => !e.done && e.layers.total > 0)).toBe(true);
    const percents = events.flatMap((e) => (e.percent === undefined ? [] : [e.percent]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(await present(image)).toBe(true);
  });
});

describe('failures keep the Engine’s words', () => {
  it('a tag the registry does not have: not found, with the Engine’s words and what to check', async () => {
    const image = `${registry}/${objects.prefix}/busybox:absent`;
    const { last } = await transfer('pull', image);

    expect(last.done).toBe(true);
    expect(last.error?.engine?.message).toMatch(/not found|manifest unknown/);
    expect(last.error?.message).toBe(last.error?.engine?.message);
    expect(last.error?.hint).toBe(`${registry} has no ${image}: check the name and tag, or push it there first.`);
    expect(await present(image)).toBe(false);
  });

  it('a registry that is not running: connection refused, with the command that starts one', async () => {
    const port = await freePort();
    const image = `127.0.0.1:${port}/${objects.prefix}/busybox:1`;
    const { last } = await transfer('pull', image);

    expect(last.error?.engine?.message).toContain(`127.0.0.1:${port}`);
    expect(last.error?.engine?.message).toMatch(/connection refused/);
    expect(last.error?.hint).toContain(`docker run -d -p 127.0.0.1:${port}:5000 --name registry registry:2`);
  });

  it('a push of a tag that is not here: the Engine’s words and the docker tag to run first', async () => {
    const image = `${registry}/${objects.prefix}/never-tagged:1`;
    const { last } = await transfer('push', image);

    expect(last.error?.engine?.message).toMatch(/does not exist locally|No such image/i);
    expect(last.error?.hint).toContain(`docker tag SOURCE ${image}`);
  });
});

describe('cancel', () => {
  it('cancels a pull under way: the last event says cancelled and the image is not here', async () => {
    const image = `${registry}/${objects.prefix}/bulk-cancel:1`;
    await imageOfOurOwn(objects, image, 40);
    await docker(['push', image]);
    await docker(['rmi', image]);

    const started = (await api.post('/api/images/pull', { image })) as Started;
    expect(started.status).toBe(202);
    const cancel = await api.post(`/api/images/operations/${started.body.operation}/cancel`, {});
    expect(cancel).toMatchObject({ status: 200, body: { operation: started.body.operation, cancelled: true } });
    const last = (await feed.imageOperation(started.body.operation)).at(-1)!;

    expect(last).toMatchObject({ done: true, cancelled: true });
    expect(last.error).toBeUndefined();
    expect(await present(image)).toBe(false);
    // Once ended, there is nothing left to cancel.
    const again = (await api.post(`/api/images/operations/${started.body.operation}/cancel`, {})) as ErrorAnswer;
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_done');
  });

  it('answers 404 for an operation that never was', async () => {
    const { status, body } = (await api.post('/api/images/operations/no-such-operation/cancel', {})) as ErrorAnswer;
    expect(status).toBe(404);
    expect(body.error.hint).toContain('POST /api/images/pull');
  });
});

describe('refusals', () => {
  it.each([
    ['an uppercase name', 'Busybox:1', 'lowercase'],
    ['an empty tag', 'busybox:', 'not a tag'],
    ['a shell line', 'busybox; rm -rf /', 'not a'],
    ['a bad digest', 'busybox@sha256:xyz', 'not a digest'],
  ])('refuses %s with 400 saying what to fix, and starts nothing', async (_what, image, why) => {
    const before = feed.imageProgress.length;
    const { status, body } = (await api.post('/api/images/pull', { image })) as ErrorAnswer;

    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.message).toContain(`image: `);
    expect(body.error.message).toContain(why);
    expect(feed.imageProgress.length).toBe(before);
  });

  it('refuses unknown keys, as every body', async () => {
    const { status, body } = (await api.post('/api/images/pull', { image: 'busybox', auth: 'x' })) as ErrorAnswer;
    expect(status).toBe(400);
    expect(body.error.message).toContain('unknown key "auth"');
  });

  it('refuses to push a bare name, which would go to Docker Hub, and says to tag it for a registry first', async () => {
    const before = feed.imageProgress.length;
    const { status, body } = (await api.post('/api/images/push', { image: TEST_IMAGE })) as ErrorAnswer;

    expect(status).toBe(400);
    expect(body.error.code).toBe('needs_registry');
    expect(body.error.message).toContain('Docker Hub');
    expect(body.error.hint).toContain(`docker tag ${TEST_IMAGE} 127.0.0.1:5000/portolan/busybox:test`);
    expect(feed.imageProgress.length).toBe(before);
  });

  it('refuses a pull without the page’s Origin, as every change', async () => {
    const { status } = await api.send('POST', '/api/images/pull', { image: `${registry}/x:1` }, { Origin: 'http://evil.example' });
    expect(status).toBe(403);
  });
});
