import { ApiError } from '../../lib/apiError';
import { cleanupPlan, type LessonCleanup, type LessonObject } from '../../lib/lessons/cleanup';
import { LESSON_LABEL } from '../../lib/lessons/label';
import type { Topology } from '../../lib/topology';
import { containerVerb } from './containerActions';
import type { Engine } from './engine';
import { engineError } from './errors';
import { removeNetwork } from './networkActions';

// A lesson's clean-up: the Engine lists what carries io.portolan.lesson=<id>, and exactly that is removed.

/** `POST /api/lessons/:id/cleanup`: what was removed, with the docker lines that do the same. */
export type LessonCleanupDone = LessonCleanup & { command: string; unchanged?: true; message?: string };

/** Asked of the Engine rather than read from the picture, so an object labelled in a terminal a moment ago counts. */
export async function lessonObjects(engine: Engine, lesson: string): Promise<LessonCleanup> {
  const filters = { label: [`${LESSON_LABEL}=${lesson}`] };
  try {
    const [containers, networks] = await Promise.all([engine.listContainers(filters), engine.listNetworks(filters)]);
    return cleanupPlan(
      lesson,
      containers.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), labels: c.Labels ?? {} })),
      networks.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} })),
    );
  } catch (err) {
    throw engineError(err, engine.endpoint);
  }
}

/**
 * Removes the lesson's containers, then its networks. One that is gone already is no failure (so a second
 * clean-up finds nothing to do); one the Engine refuses is left, the rest still go, and the answer is that
 * refusal in the Engine's words, saying what was removed before it.
 */
export async function cleanUpLesson(engine: Engine, topology: Topology, lesson: string): Promise<LessonCleanupDone> {
  const plan = await lessonObjects(engine, lesson);
  const removed: LessonCleanup = { lesson, containers: [], networks: [], commands: [] };
  const refused: { object: LessonObject; error: ApiError }[] = [];
  const remove = async (object: LessonObject, into: LessonObject[], action: () => Promise<unknown>) => {
    try {
      await action();
      into.push(object);
      removed.commands.push(object.command);
    } catch (err) {
      const error = engineError(err, engine.endpoint);
      if (error.engine?.status !== 404) refused.push({ object, error });
    }
  };
  for (const c of plan.containers) await remove(c, removed.containers, () => containerVerb(engine, c.id, 'remove', topology));
  for (const n of plan.networks) await remove(n, removed.networks, () => removeNetwork(engine, topology, n.id));

  const [first] = refused;
  if (first) {
    const done = removed.commands.length ? `It removed ${[...removed.containers, ...removed.networks].map((o) => o.name).join(', ')}; ` : '';
    throw new ApiError(
      first.error.status,
      first.error.code,
      `${done}${refused.map((r) => `${r.object.name} was not removed: ${r.error.message}`).join('; ')}.`,
      first.error.hint,
      first.error.engine,
    );
  }
  if (removed.commands.length === 0) return { ...removed, command: '', unchanged: true, message: `nothing is labelled ${LESSON_LABEL}=${lesson}` };
  return { ...removed, command: removed.commands.join('\n') };
}
