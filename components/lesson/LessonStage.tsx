'use client';

import type { LessonView } from '../../lib/lessons/view';

/** Presenter mode: the current step, large enough for the back of the room. */
export function LessonStage({ lesson }: { lesson: LessonView }) {
  const step = lesson.steps[lesson.current];
  const done = lesson.steps.filter((s) => s.done).length;
  return (
    <section
      aria-label="Current lesson step"
      data-testid="lesson-stage"
      className="absolute top-16 left-4 z-10 w-[min(36rem,45%)] rounded-2xl border border-slate-700 bg-slate-900/95 p-6 text-slate-50 shadow-2xl"
    >
      <p className="text-lg font-semibold tracking-wide text-amber-300 uppercase">
        {lesson.title} · step {Math.min(lesson.current + 1, lesson.steps.length)} of {lesson.steps.length}
      </p>
      {step ? (
        <>
          <h2 className="mt-2 text-4xl leading-tight font-bold">{step.title}</h2>
          {step.commands.slice(0, 2).map((command) => (
            <pre
              key={command}
              className="mt-4 overflow-x-auto rounded-lg bg-black/60 px-4 py-3 font-mono text-2xl whitespace-pre-wrap text-emerald-300"
            >
              {command}
            </pre>
          ))}
        </>
      ) : (
        <h2 className="mt-2 text-4xl font-bold">Lesson complete · {done} steps done</h2>
      )}
    </section>
  );
}
