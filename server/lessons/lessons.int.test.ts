import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LessonListing, LessonView } from '../../lib/lessons/view';
import { PortolanApi } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, waitFor } from '../../scripts/testkit/docker';
import { Feed } from '../../scripts/testkit/feed';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { Portolan } from '../index';

// The shorter built-in lesson done with the docker CLI alone, on objects of this test's own: each step must
// tick by itself, for the API and for a viewer of the live feed.

const objects = new TestObjects('lesson');
const names = {
  front: objects.name('front'),
  back: objects.name('back'),
  db: objects.name('db'),
  web: objects.name('web'),
  api: objects.name('api'),
};
const LESSON = 'frontend-backend-isolation';
let portolan: Portolan;
let api: PortolanApi;
let feed: Feed;

beforeAll(async () => {
  const vars = Object.entries({ image: TEST_IMAGE, ...names })
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  portolan = await startTestPortolan(process.env, { PORTOLAN_LESSON_VARS: vars });
  api = new PortolanApi(portolan.url);
  await portolan.store.settled();
  feed = new Feed(portolan.url);
  await feed.ready();
});

afterAll(async () => {
  feed?.close();
  await portolan?.close();
  await objects.cleanup();
});

const current = async () => (await api.get<LessonView>(`/api/lessons/${LESSON}`)).body.current;
/** Runs a step's commands as a learner would type them, then waits for the step to tick, in the API and in the feed. */
async function doStep(index: number, expectFail = false): Promise<void> {
  const { body } = await api.get<LessonView>(`/api/lessons/${LESSON}`);
  expect(body.current).toBe(index);
  for (const command of body.steps[index]!.commands) {
    const args = command.split(/\s+/).slice(1);
    if (expectFail) await expect(objects.docker(args)).rejects.toThrow();
    else await objects.docker(args);
  }
  await waitFor(`step ${index + 1} to tick`, async () => (await current()) > index, 2000);
  await waitFor(`the feed to show step ${index + 1} done`, () => feed.lessons.get(LESSON)?.steps[index]?.done, 2000);
}

it('lists the built-in lessons with their length, and none failed to load', async () => {
  const { status, body } = await api.get<LessonListing>('/api/lessons');
  expect(status).toBe(200);
  expect(body.errors).toEqual([]);
  expect(body.lessons.map((l) => l.id)).toEqual(['day47-networking-security', LESSON]);
  expect(body.lessons[1]).toMatchObject({ title: 'Keep the database off the front line', steps: 6 });
});

it('runs the lesson with the names it was given', async () => {
  const { body } = await api.get<LessonView>(`/api/lessons/${LESSON}`);
  expect(body.steps[1]!.commands).toEqual([`docker run -d --name ${names.db} --network ${names.back} ${TEST_IMAGE} sleep 3600`]);
  expect(body.current).toBe(0);
});

it('ticks every step of the lesson done in a terminal, each within 2 s of its command', async () => {
  await doStep(0);
  await doStep(1);
  await doStep(2);
  await doStep(3);
  expect(feed.lessons.get(LESSON)!.focus.length).toBeGreaterThan(0);
  await doStep(4, true); // web cannot resolve db: the ping fails, as the step wants
  await doStep(5);
  const { body } = await api.get<LessonView>(`/api/lessons/${LESSON}`);
  expect(body.current).toBe(6);
  expect(body.steps.every((s) => s.done && s.doneAt)).toBe(true);
});

it('reset starts the room again: what the picture still shows ticks at once, the pings must be done again', async () => {
  const { status, body } = await api.post<LessonView>(`/api/lessons/${LESSON}/reset`, {});
  expect(status).toBe(200);
  expect(body.current).toBe(4);
  expect(body.steps.slice(4).every((s) => !s.done)).toBe(true);
  await waitFor('the feed to show the reset', () => feed.lessons.get(LESSON)?.current === 4);
});

it('reads the local images (at start, then after image events only): the Day 47 image steps tick from them', async () => {
  const day47 = 'day47-networking-security';
  const view = async () => (await api.get<LessonView>(`/api/lessons/${day47}`)).body;
  const lean = (await view()).steps.findIndex((st) => st.id === 'lean-images');
  // Skip up to it; reaching it, it ticks at once: the test image is a few megabytes, known from the images read at start.
  while ((await view()).current < lean) expect((await api.post(`/api/lessons/${day47}/skip`, {})).status).toBe(200);
  const after = await view();
  expect(after.steps[lean]).toMatchObject({ done: true });
  expect(after.steps[lean]!.skipped).toBeUndefined();

  // A tag is an image event: it is told in the activity, and the images are read again.
  const tag = `127.0.0.1:5000/${objects.name('img')}:1`;
  await objects.docker(['tag', TEST_IMAGE, tag]);
  try {
    await waitFor('the tag in the activity', () => feed.activity.find((a) => a.type === 'image' && a.text === `image ${tag} tagged`), 3000);
  } finally {
    await objects.docker(['rmi', tag]);
  }
  expect((await api.post(`/api/lessons/${day47}/reset`, {})).status).toBe(200);
});

it('answers 404 for a lesson it does not have, and refuses a body on reset', async () => {
  expect((await api.get(`/api/lessons/no-such-lesson`)).status).toBe(404);
  expect((await api.post(`/api/lessons/no-such-lesson/skip`, {})).status).toBe(404);
  expect((await api.post(`/api/lessons/${LESSON}/reset`, { step: 2 })).status).toBe(400);
});
