import { describe, expect, it } from 'vitest';
import { networkCreateCommand, runCommand } from '../dockerCommand';
import { describeIssues, networkCreateSchema, runSchema } from '../schemas';
import { cleanupPlan, type LabelledObject } from './cleanup';
import { LESSON_LABEL, withLessonLabel } from './label';

const LESSON = 'day47-networking-security';

describe('the lesson label', () => {
  it('is added to the person’s own labels only when the object comes from a lesson', () => {
    expect(withLessonLabel({ team: 'web' }, LESSON)).toEqual({ team: 'web', [LESSON_LABEL]: LESSON });
    expect(withLessonLabel(undefined, LESSON)).toEqual({ 'io.portolan.lesson': LESSON });
    expect(withLessonLabel({ team: 'web' }, undefined)).toEqual({ team: 'web' });
  });

  it('shows in the docker command of a run and a network create from a lesson, and not otherwise', () => {
    const run = runSchema.parse({ image: 'busybox', name: 'c1', command: 'sleep 3600', lesson: LESSON });
    expect(runCommand(run)).toBe(`docker run --detach --name c1 --label io.portolan.lesson=${LESSON} busybox sleep 3600`);
    expect(runCommand({ ...run, lesson: undefined })).toBe('docker run --detach --name c1 busybox sleep 3600');
    const net = networkCreateSchema.parse({ name: 'my-net', subnet: '10.47.0.0/24', labels: { team: 'web' }, lesson: LESSON });
    expect(networkCreateCommand(net)).toBe(
      `docker network create --driver bridge --subnet 10.47.0.0/24 --label team=web --label io.portolan.lesson=${LESSON} my-net`,
    );
  });

  it('cannot be set by the body: labels on a run, the lesson label among a network’s labels and an id that is no lesson id are refused', () => {
    const run = runSchema.safeParse({ image: 'busybox', labels: { [LESSON_LABEL]: LESSON, evil: '1' } });
    expect(run.success).toBe(false);
    expect(describeIssues(run.error!)).toBe('unknown key "labels"');
    const net = networkCreateSchema.safeParse({ name: 'n', labels: { [LESSON_LABEL]: LESSON } });
    expect(describeIssues(net.error!)).toBe(`labels: ${LESSON_LABEL} is set by Portolan for the lesson named in "lesson"`);
    for (const lesson of ['Day47', `${LESSON},evil=1`, `${LESSON}\nevil=1`, '', 'a'.repeat(65)]) {
      const parsed = runSchema.safeParse({ image: 'busybox', lesson });
      expect(parsed.success, JSON.stringify(lesson)).toBe(false);
      expect(describeIssues(parsed.error!)).toMatch(/^lesson: name a lesson by its id/);
    }
  });
});

describe('cleanupPlan', () => {
  const labelled = (name: string, lesson?: string): LabelledObject => ({
    id: `id-${name}`,
    name,
    labels: lesson ? { [LESSON_LABEL]: lesson, other: 'x' } : {},
  });

  it('takes exactly the objects labelled with this lesson, containers before networks, each with its docker command', () => {
    const plan = cleanupPlan(
      LESSON,
      [labelled('web', LESSON), labelled('c1', LESSON), labelled('mine'), labelled('theirs', 'frontend-backend-isolation')],
      [labelled('my-net', LESSON), labelled('bridge'), labelled('front', 'frontend-backend-isolation')],
    );
    expect(plan).toEqual({
      lesson: LESSON,
      containers: [
        { id: 'id-c1', name: 'c1', command: 'docker rm --force c1' },
        { id: 'id-web', name: 'web', command: 'docker rm --force web' },
      ],
      networks: [{ id: 'id-my-net', name: 'my-net', command: 'docker network rm my-net' }],
      commands: ['docker rm --force c1', 'docker rm --force web', 'docker network rm my-net'],
    });
  });

  it('plans nothing for a lesson whose label nothing carries, and does not match a prefix of the id', () => {
    const plan = cleanupPlan('day47', [labelled('web', LESSON)], [labelled('my-net', `${LESSON}-2`)]);
    expect(plan).toEqual({ lesson: 'day47', containers: [], networks: [], commands: [] });
  });
});
