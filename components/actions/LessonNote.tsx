import { LESSON_LABEL } from '../../lib/lessons/label';

/** In a dialog opened from a lesson's step: what it creates is the lesson's, and its clean-up will remove it. */
export function LessonNote({ lesson }: { lesson: string }) {
  return (
    <p data-testid="lesson-note" className="rounded-md bg-teal-50 px-3 py-2 text-teal-950 dark:bg-teal-950/60 dark:text-teal-100">
      For the lesson: it is labelled <code className="font-mono text-xs">{`${LESSON_LABEL}=${lesson}`}</code>, so “Clean up this lesson” removes it.
    </p>
  );
}

/**
 * In an image dialog opened from a lesson: a label is written into an image when it is built, and a tag only names
 * it, so nothing marks the image as the lesson's and its clean-up leaves images alone.
 */
export function LessonImageNote({ image }: { image: string }) {
  return (
    <p data-testid="lesson-note" className="rounded-md bg-teal-50 px-3 py-2 text-teal-950 dark:bg-teal-950/60 dark:text-teal-100">
      For the lesson: an image carries no <code className="font-mono text-xs">{LESSON_LABEL}</code> label (labels are set when an image is built; a
      tag only names it), so “Clean up this lesson” leaves images alone. <code className="font-mono text-xs">docker rmi {image || 'IMAGE'}</code>{' '}
      removes this one.
    </p>
  );
}
