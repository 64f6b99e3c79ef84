/**
 * What a learner creates from a lesson's controls carries this label, with the lesson's id as its value:
 * "Clean up this lesson" removes what carries it, and nothing else. Set by hand
 * (`docker run --label io.portolan.lesson=<id> …`) it makes a terminal's objects the lesson's too.
 */
export const LESSON_LABEL = 'io.portolan.lesson';

/** A lesson's id: its file's name without `.md`. */
export const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The labels an object is created with: the person's own, and the lesson's when it comes from a lesson's controls. */
export function withLessonLabel(labels: Readonly<Record<string, string>> | undefined, lesson: string | undefined): Record<string, string> {
  return { ...labels, ...(lesson ? { [LESSON_LABEL]: lesson } : {}) };
}
