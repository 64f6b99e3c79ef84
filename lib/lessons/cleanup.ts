/**
 * What "Clean up this lesson" removes: the containers and networks labelled
 * `io.portolan.lesson=<id>`, each with the `docker` line that removes it.
 * Containers go first, so their networks have no endpoints left when their turn comes.
 */
import { containerCommand, networkRemoveCommand } from '../dockerCommand';
import { LESSON_LABEL } from './label';

/** A container or network as an Engine list names it. */
export interface LabelledObject {
  id: string;
  name: string;
  labels: Readonly<Record<string, string>>;
}

export interface LessonObject {
  id: string;
  name: string;
  /** The `docker` line that removes it. */
  command: string;
}

/** `GET /api/lessons/:id/cleanup`: what `POST` would remove, and the commands it would run, in order. */
export interface LessonCleanup {
  lesson: string;
  containers: LessonObject[];
  networks: LessonObject[];
  commands: string[];
}

/**
 * The lesson's own objects among those given, in the order they are removed. The label is read again here
 * whoever listed them: nothing whose label is not exactly this lesson's is ever planned for removal.
 */
export function cleanupPlan(lesson: string, containers: readonly LabelledObject[], networks: readonly LabelledObject[]): LessonCleanup {
  const ours = (items: readonly LabelledObject[], command: (name: string) => string): LessonObject[] =>
    items
      .filter((o) => o.labels[LESSON_LABEL] === lesson)
      .map((o) => ({ id: o.id, name: o.name, command: command(o.name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const planned = {
    containers: ours(containers, (name) => containerCommand('rm', name)),
    networks: ours(networks, networkRemoveCommand),
  };
  return { lesson, ...planned, commands: [...planned.containers, ...planned.networks].map((o) => o.command) };
}
