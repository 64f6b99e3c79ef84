import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortolanApi, type ErrorAnswer } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker, waitFor } from '../../scripts/testkit/docker';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { imageOfOurOwn } from '../../scripts/testkit/registry';
import type { Portolan } from '../index';
import type { ImageSummary } from '../../lib/images';

// Every outcome is read back with the docker CLI. Images the tests make are named portolan/<prefix>-…, which
// TestObjects removes afterwards; the shared test image only ever gains and loses names of ours.

let portolan: Portolan;
let api: PortolanApi;
let feed: Feed;
const objects = new TestObjects('images');

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  feed = new Feed(portolan.url);
  await feed.ready();
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await objects.cleanup();
});

const ours = (what: string) => `portolan/${objects.prefix}-${what}`;
const idOf = (ref: string) =>
  docker(['image', 'inspect', '-f', '{{.Id}}', ref]).then(
    (id) => id,
    () => null,
  );
const images = async () => (await api.get<{ images: ImageSummary[] }>('/api/images')).body.images;
/** Every viewer hears of it: the images view and the lessons read the images again on an image event. */
const told = (text: string) => waitFor(`activity "${text}"`, () => feed.activity.some((a) => a.type === 'image' && a.text === text));
const removal = (image: string) => `/api/images/${encodeURIComponent(image)}`;

it('lists the test image with the size the Engine reports and no registry, as it was built here', async () => {
  const { status, body } = await api.get<{ images: ImageSummary[] }>('/api/images');

  expect(status).toBe(200);
  const image = body.images.find((i) => i.tags.includes(TEST_IMAGE));
  expect(image).toMatchObject({
    id: await docker(['image', 'inspect', '-f', '{{.Id}}', TEST_IMAGE]),
    size: Number(await docker(['image', 'inspect', '-f', '{{.Size}}', TEST_IMAGE])),
    registry: 'local only',
    createdAt: new Date(await docker(['image', 'inspect', '-f', '{{.Created}}', TEST_IMAGE])).toISOString().replace(/\.\d+Z$/, '.000Z'),
  });
});

describe('POST /api/images/tag', () => {
  it('gives the image a new name, answers docker tag, and the images view and the activity feed show it', async () => {
    const target = `127.0.0.1:5000/${objects.prefix}/busybox:1`;
    const { status, body } = await api.post('/api/images/tag', { source: TEST_IMAGE, target });

    expect(status).toBe(201);
    expect(body).toMatchObject({ command: `docker tag ${TEST_IMAGE} ${target}`, target, id: await idOf(TEST_IMAGE) });
    expect(body.unchanged).toBeUndefined();
    expect(await idOf(target)).toBe(await idOf(TEST_IMAGE));
    expect((await images()).find((i) => i.tags.includes(target))?.tags).toContain(TEST_IMAGE);
    await told(`image ${target} tagged`);

    // The same again changes nothing, and says so.
    const again = await api.post('/api/images/tag', { source: TEST_IMAGE, target });
    expect(again).toMatchObject({ status: 201, body: { unchanged: true, message: `${target} already names this image` } });
  });

  it('moves a name that was another image’s, as docker tag does, and says which image it named before', async () => {
    const target = ours('moving:1');
    const before = await imageOfOurOwn(objects, target);
    const { status, body } = await api.post('/api/images/tag', { source: TEST_IMAGE, target });

    expect(status).toBe(201);
    expect(body.moved).toBe(before);
    expect(body.message).toBe(`${target} named the image ${before.slice(7, 19)} before`);
    expect(await idOf(target)).toBe(await idOf(TEST_IMAGE));
  });

  it('a source the engine does not have: 404 with the Engine’s words, what to do, and nothing tagged', async () => {
    const source = ours('absent:1');
    const target = ours('never:1');
    const { status, body } = (await api.post('/api/images/tag', { source, target })) as ErrorAnswer;

    expect(status).toBe(404);
    expect(body.error.message).toBe(`${target} was not tagged: the Engine refused.`);
    expect(body.error.engine?.message).toMatch(new RegExp(`no such image.*${source}`, 'i'));
    expect(body.error.hint).toBe(`There is no local image ${source}: pull it first, or tag one of the images the images view lists.`);
    expect(await idOf(target)).toBeNull();
  });

  it.each([
    ['an uppercase target', { source: TEST_IMAGE, target: 'Portolan/x:1' }, 'target: ', 'lowercase'],
    ['a digest as the target', { source: TEST_IMAGE, target: `portolan/x@sha256:${'ab'.repeat(32)}` }, 'target: ', 'a tag names no digest'],
    ['a shell line', { source: 'busybox; rm -rf /', target: 'portolan/x:1' }, 'source: ', 'not a'],
    ['no target', { source: TEST_IMAGE }, 'target: ', ''],
    ['an unknown key', { source: TEST_IMAGE, target: ours('x:1'), force: true }, 'unknown key "force"', ''],
  ])('refuses %s with 400 saying what to fix, and tags nothing', async (_what, body, where, why) => {
    const before = (await images()).flatMap((i) => i.tags).sort();
    const answer = (await api.post('/api/images/tag', body)) as ErrorAnswer;

    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_body');
    expect(answer.body.error.message).toContain(where);
    expect(answer.body.error.message).toContain(why);
    expect((await images()).flatMap((i) => i.tags).sort()).toEqual(before);
  });

  it('refuses a tag without the page’s Origin, as every change', async () => {
    const target = ours('cross-site:1');
    const { status } = await api.send('POST', '/api/images/tag', { source: TEST_IMAGE, target }, { Origin: 'http://evil.example' });
    expect(status).toBe(403);
    expect(await idOf(target)).toBeNull();
  });
});

describe('DELETE /api/images/:ref', () => {
  it('removes one tag of an image that has others: the image stays, the answer says untagged and docker rmi', async () => {
    const tag = `127.0.0.1:5000/${objects.prefix}/second:1`;
    await docker(['tag', TEST_IMAGE, tag]);
    const { status, body } = await api.delete(removal(tag));

    expect(status).toBe(200);
    expect(body).toEqual({ command: `docker rmi ${tag}`, untagged: [tag], deleted: [] });
    expect(await idOf(tag)).toBeNull();
    expect(await idOf(TEST_IMAGE)).not.toBeNull();
    // The Engine's untag event names the image by its id, not the name it lost.
    await told(`image ${(await idOf(TEST_IMAGE))!.slice(7, 19)} untagged`);
  });

  it('takes the reference as it is written, slashes and all', async () => {
    const tag = `127.0.0.1:5000/${objects.prefix}/raw:1`;
    await docker(['tag', TEST_IMAGE, tag]);
    const { status, body } = await api.delete(`/api/images/${tag}`);

    expect(status).toBe(200);
    expect(body.untagged).toEqual([tag]);
    expect(await idOf(tag)).toBeNull();
  });

  it('removes the image with its last tag: untagged and deleted, gone from the images view', async () => {
    const tag = ours('last:1');
    const id = await imageOfOurOwn(objects, tag);
    const { status, body } = await api.delete(removal(tag));

    expect(status).toBe(200);
    expect(body.untagged).toEqual([tag]);
    expect(body.deleted).toContain(id);
    expect(await idOf(id)).toBeNull();
    expect((await images()).some((i) => i.id === id)).toBe(false);
  });

  it('keeps an image a container uses: 409 with the Engine’s words, the container named in the hint, nothing removed', async () => {
    const tag = ours('in-use:1');
    await imageOfOurOwn(objects, tag);
    const user = objects.name('user');
    await objects.docker(['create', '--name', user, '--pull', 'never', tag, 'true']);
    const { status, body } = (await api.delete(removal(tag))) as ErrorAnswer;

    expect(status).toBe(409);
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toBe(`${tag} was not removed: the Engine refused.`);
    // Both engines say it so: conflict: unable to remove repository reference "…" (must force) - container … is using its referenced image …
    expect(body.error.engine?.message).toMatch(
      new RegExp(`unable to remove repository reference "${tag}".*container [0-9a-f]{12} is using its referenced image`),
    );
    expect(body.error.hint).toBe(
      `The container ${user} uses it: remove that container first (docker rm --force ${user}), then the image. Portolan never forces an image out from under a container.`,
    );
    expect(await idOf(tag)).not.toBeNull();
  });

  it('an image that is not here: 404 with the Engine’s words and where to look', async () => {
    const tag = ours('nowhere:1');
    const { status, body } = (await api.delete(removal(tag))) as ErrorAnswer;

    expect(status).toBe(404);
    expect(body.error.engine?.message).toMatch(new RegExp(`no such image.*${tag}`, 'i'));
    expect(body.error.hint).toContain('the images view lists what is here');
  });

  it('an id several tags share: 409, the Engine’s words, and to remove the tags one by one', async () => {
    const tag = ours('twice:1');
    const id = (await imageOfOurOwn(objects, tag)).slice(7, 19);
    await docker(['tag', tag, ours('twice:2')]);
    const { status, body } = (await api.delete(removal(id))) as ErrorAnswer;

    expect(status).toBe(409);
    expect(body.error.engine?.message).toContain('image is referenced in multiple repositories');
    expect(body.error.hint).toContain('remove them one by one (docker rmi TAG)');
    expect(await idOf(tag)).not.toBeNull();
  });

  it.each([
    ['force in the body', { force: true }, ''],
    ['force in the query', undefined, '?force=1'],
  ])('refuses %s: 400, nothing removed, and why Portolan does not force', async (_what, body, query) => {
    const tag = ours('forced:1');
    await docker(['tag', TEST_IMAGE, tag]);
    const answer = (await api.send('DELETE', `${removal(tag)}${query}`, body)) as ErrorAnswer;

    expect(answer.status).toBe(400);
    expect(answer.body.error.hint).toContain('without --force');
    expect(await idOf(tag)).not.toBeNull();
  });

  it.each([
    ['an uppercase name', 'Busybox:1', 'lowercase'],
    ['a path that climbs', '..%2F..%2Fcontainers%2Fx', 'is not an image'],
  ])('refuses %s in the path with 400 saying what to fix', async (_what, ref, why) => {
    const { status, body } = (await api.delete(`/api/images/${ref}`)) as ErrorAnswer;
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_ref');
    expect(body.error.message).toContain(why);
  });

  it('refuses a removal without the page’s Origin, as every change', async () => {
    const tag = ours('cross-site-rm:1');
    await docker(['tag', TEST_IMAGE, tag]);
    const { status } = await api.send('DELETE', removal(tag), undefined, { Origin: 'http://evil.example' });
    expect(status).toBe(403);
    expect(await idOf(tag)).not.toBeNull();
  });
});
