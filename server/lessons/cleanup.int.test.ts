import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../lib/apiError';
import type { LessonCleanup } from '../../lib/lessons/cleanup';
import { LESSON_LABEL } from '../../lib/lessons/label';
import { PortolanApi, testSubnet } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import type { LessonCleanupDone } from '../engine/lessonCleanup';
import type { Portolan } from '../index';

// What a lesson's controls create carries the lesson's label, and its clean-up removes exactly that: checked
// with the docker CLI, beside a container made outside the lesson that must stay.

const LESSON = 'day47-networking-security';
const objects = new TestObjects('cleanup');
let portolan: Portolan;
let api: PortolanApi;

beforeAll(async () => {
  portolan = await startTestPortolan();
  api = new PortolanApi(portolan.url);
  await portolan.store.settled();
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

/** What the Engine says exists, by name: the CLI, not Portolan. */
const exists = async (name: string, kind: 'container' | 'network') =>
  objects.docker([kind === 'network' ? 'network' : 'container', 'inspect', '-f', '{{.Name}}', name]).then(
    () => true,
    () => false,
  );
const labelsOf = async (name: string, kind: 'container' | 'network') =>
  JSON.parse(
    await objects.docker(
      kind === 'network' ? ['network', 'inspect', '-f', '{{json .Labels}}', name] : ['inspect', '-f', '{{json .Config.Labels}}', name],
    ),
  ) as Record<string, string>;

describe('a lesson’s objects', () => {
  it('clean-up removes exactly what the lesson’s controls made, and leaves a container made outside the lesson', async () => {
    const net = objects.name('net');
    const c1 = objects.name('c1');
    const outsider = objects.name('outsider');

    const created = await api.post(`/api/networks`, { name: net, subnet: testSubnet().subnet, lesson: LESSON });
    expect(created.status).toBe(201);
    expect(created.body.command).toMatch(new RegExp(`^docker network create .*--label ${LESSON_LABEL}=${LESSON} ${net}$`));
    const ran = await api.post(`/api/containers`, { image: TEST_IMAGE, name: c1, command: 'sleep 1000000', network: net, lesson: LESSON });
    expect(ran.status).toBe(201);
    expect(ran.body.command).toBe(`docker run --detach --name ${c1} --network ${net} --label ${LESSON_LABEL}=${LESSON} ${TEST_IMAGE} sleep 1000000`);
    // Only the lesson's label: the body has no way to ask for another.
    expect(await labelsOf(c1, 'container')).toEqual({ [LESSON_LABEL]: LESSON });
    expect(await labelsOf(net, 'network')).toEqual({ [LESSON_LABEL]: LESSON });
    await objects.sleeper('outsider');

    const preview = await api.get<LessonCleanup>(`/api/lessons/${LESSON}/cleanup`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      lesson: LESSON,
      containers: [{ name: c1, command: `docker rm --force ${c1}` }],
      networks: [{ name: net, command: `docker network rm ${net}` }],
      commands: [`docker rm --force ${c1}`, `docker network rm ${net}`],
    });
    expect(await exists(c1, 'container')).toBe(true); // a preview removes nothing

    const cleaned = await api.post<LessonCleanupDone>(`/api/lessons/${LESSON}/cleanup`, {});
    expect(cleaned.status).toBe(200);
    expect(cleaned.body.containers.map((c) => c.name)).toEqual([c1]);
    expect(cleaned.body.networks.map((n) => n.name)).toEqual([net]);
    expect(cleaned.body.command).toBe(`docker rm --force ${c1}\ndocker network rm ${net}`);

    expect(await exists(c1, 'container')).toBe(false);
    expect(await exists(net, 'network')).toBe(false);
    expect(await exists(outsider, 'container')).toBe(true);
    // The picture follows: the answer came once it held the change.
    const { topology } = portolan.store.snapshot();
    expect(topology.containers.some((c) => c.name === c1)).toBe(false);
    expect(topology.networks.some((n) => n.name === net)).toBe(false);

    // Again: nothing left to do, and no failure.
    const again = await api.post<LessonCleanupDone>(`/api/lessons/${LESSON}/cleanup`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, containers: [], networks: [], commands: [] });
    expect(await exists(outsider, 'container')).toBe(true);
  });

  it('counts what a terminal labelled by hand as the lesson’s, and not what carries another lesson’s label', async () => {
    const byHand = objects.name('by-hand');
    const other = objects.name('other-lesson');
    await objects.sleeper('by-hand', ['--label', `${LESSON_LABEL}=${LESSON}`]);
    await objects.sleeper('other-lesson', ['--label', `${LESSON_LABEL}=frontend-backend-isolation`]);
    const cleaned = await api.post<LessonCleanupDone>(`/api/lessons/${LESSON}/cleanup`, {});
    expect(cleaned.status).toBe(200);
    expect(cleaned.body.containers.map((c) => c.name)).toEqual([byHand]);
    expect(await exists(byHand, 'container')).toBe(false);
    expect(await exists(other, 'container')).toBe(true);
  });

  it('a network the Engine will not remove is left with the Engine’s words, and the container outside the lesson stays on it', async () => {
    const net = objects.name('shared-net');
    const guest = objects.name('guest');
    expect((await api.post(`/api/networks`, { name: net, lesson: LESSON })).status).toBe(201);
    await objects.sleeper('guest', ['--network', net]);
    const refused = await api.post<ApiErrorBody>(`/api/lessons/${LESSON}/cleanup`, {});
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.body.error.message).toContain(`${net} was not removed`);
    expect(refused.body.error.engine?.message).toMatch(/active endpoints/);
    expect(refused.body.error.hint).toBe(`Disconnect ${guest} first (or remove it).`);
    expect(await exists(net, 'network')).toBe(true);
    expect(await exists(guest, 'container')).toBe(true);
    await objects.docker(['rm', '-f', guest]);
    expect((await api.post(`/api/lessons/${LESSON}/cleanup`, {})).status).toBe(200);
    expect(await exists(net, 'network')).toBe(false);
  });
});

describe('the lesson label cannot be forged', () => {
  it('refuses labels on a run, the lesson label among a network’s labels, and a lesson Portolan does not have; nothing is created', async () => {
    const name = objects.name('forged');
    const refusals = [
      ['/api/containers', { image: TEST_IMAGE, name, labels: { [LESSON_LABEL]: LESSON, evil: '1' } }, 'invalid_body', /unknown key "labels"/],
      ['/api/containers', { image: TEST_IMAGE, name, lesson: `${LESSON},evil=1` }, 'invalid_body', /lesson: name a lesson by its id/],
      ['/api/containers', { image: TEST_IMAGE, name, lesson: 'no-such-lesson' }, 'unknown_lesson', /there is no lesson "no-such-lesson"/],
      ['/api/networks', { name, labels: { [LESSON_LABEL]: LESSON } }, 'invalid_body', /labels: io\.portolan\.lesson is set by Portolan/],
      ['/api/networks', { name, lesson: 'no-such-lesson' }, 'unknown_lesson', /there is no lesson "no-such-lesson"/],
    ] as const;
    for (const [path, body, code, message] of refusals) {
      const answer = await api.post<ApiErrorBody>(path, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).toMatch(message);
    }
    expect(await exists(name, 'container')).toBe(false);
    expect(await exists(name, 'network')).toBe(false);
  });

  it('answers 404 for the clean-up of a lesson it does not have, and refuses a body', async () => {
    expect((await api.get(`/api/lessons/no-such-lesson/cleanup`)).status).toBe(404);
    expect((await api.post(`/api/lessons/no-such-lesson/cleanup`, {})).status).toBe(404);
    expect((await api.post(`/api/lessons/${LESSON}/cleanup`, { all: true })).status).toBe(400);
  });
});
