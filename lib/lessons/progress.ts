/**
 * Where a room is in a lesson. The current step ticks itself off when its
 * condition holds in the live picture; then the next one is current, and may
 * tick at once when the picture already shows it. A teacher can go back,
 * skip and reset. Pure: the server holds one Progress per lesson and feeds it
 * every revision.
 */
import { evaluate, type World } from './conditions';
import type { Lesson } from './lesson';

export interface StepProgress {
  done: boolean;
  /** ISO time the step ticked, or was skipped. */
  doneAt?: string;
  /** Passed over by the teacher rather than done. */
  skipped?: boolean;
}

export interface Progress {
  /** Index of the current step; `steps.length` when the lesson is finished. */
  current: number;
  steps: StepProgress[];
}

export function startProgress(lesson: Lesson): Progress {
  return { current: 0, steps: lesson.steps.map(() => ({ done: false })) };
}

/** Ticks the current step, and the ones after it, for as long as their conditions hold. Unchanged: the same object. */
export function advance(lesson: Lesson, progress: Progress, world: World, now: string): Progress {
  let next = progress;
  while (next.current < lesson.steps.length && evaluate(lesson.steps[next.current]!.done, world).met) {
    const steps = next.steps.slice();
    steps[next.current] = { done: true, doneAt: now };
    next = { current: next.current + 1, steps };
  }
  return next;
}

/** The teacher moves on without the step being done. */
export function skip(lesson: Lesson, progress: Progress, now: string): Progress {
  if (progress.current >= lesson.steps.length) return progress;
  const steps = progress.steps.slice();
  steps[progress.current] = { done: false, skipped: true, doneAt: now };
  return { current: progress.current + 1, steps };
}

/** One step back: it is current again and no longer done, so it ticks when its condition holds. */
export function back(progress: Progress): Progress {
  if (progress.current === 0) return progress;
  const steps = progress.steps.slice();
  steps[progress.current - 1] = { done: false };
  return { current: progress.current - 1, steps };
}

/** What the map picks out for the current step. */
export function focusOf(lesson: Lesson, progress: Progress, world: World): string[] {
  const step = lesson.steps[progress.current];
  return step ? evaluate(step.done, world).about : [];
}
