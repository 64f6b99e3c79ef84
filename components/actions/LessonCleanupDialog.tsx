'use client';

import { useCallback, useEffect, useState } from 'react';
import type { LessonCleanup, LessonObject } from '../../lib/lessons/cleanup';
import { LESSON_LABEL } from '../../lib/lessons/label';
import { api, errorDetailOf } from '../api/client';
import { ActionErrorBox, Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { useAction, type ActionErrorDetail } from './useAction';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "Clean up this lesson": lists what carries the lesson's label and the commands that remove it, then removes exactly that. */
export function LessonCleanupDialog({ request, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'lesson-cleanup' }>>) {
  const [plan, setPlan] = useState<LessonCleanup | null>(null);
  const [listError, setListError] = useState<ActionErrorDetail | null>(null);
  const action = useAction();

  // Read afresh when the dialog opens, and again after a refusal: what is left is what the next try removes.
  const list = useCallback(
    () =>
      api.lessonCleanupPlan(request.lesson).then(
        (answer) => {
          setPlan(answer);
          setListError(null);
        },
        (err: unknown) => setListError(errorDetailOf(err)),
      ),
    [request.lesson],
  );
  useEffect(() => void list(), [list]);

  const total = plan ? plan.containers.length + plan.networks.length : 0;
  const submit = async () => {
    const done = await action.run(() => api.cleanUpLesson(request.lesson));
    if (done) onDone(done, `lesson cleaned up: ${count(total, 'object')} removed`);
    else void list();
  };

  return (
    <Dialog
      title="Clean up this lesson"
      intro={
        <>
          Removes what carries the label <code className="font-mono text-xs">{`${LESSON_LABEL}=${request.lesson}`}</code>: what this lesson’s controls
          made, and anything labelled so by hand. Nothing else is touched.
        </>
      }
      command={plan ? plan.commands.join('\n') || '# nothing to remove' : '…'}
      commandLabel="The commands it runs"
      error={action.error}
      submitLabel={plan && total ? `Remove ${count(total, 'object')}` : 'Remove'}
      canSubmit={total > 0}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {listError ? (
        <ActionErrorBox error={listError} />
      ) : !plan ? (
        <p className="text-slate-600 dark:text-slate-300">Asking the Engine what carries the lesson’s label…</p>
      ) : total === 0 ? (
        <p data-testid="cleanup-nothing" className="text-slate-600 dark:text-slate-300">
          Nothing carries the label: {request.title} has nothing to clean up.
        </p>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <ObjectList title="Containers" items={plan.containers} testId="cleanup-containers" />
          <ObjectList title="Networks" items={plan.networks} testId="cleanup-networks" />
        </div>
      )}
    </Dialog>
  );
}

function ObjectList({ title, items, testId }: { title: string; items: LessonObject[]; testId: string }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {title} ({items.length})
      </p>
      {items.length ? (
        <ul data-testid={testId} className="space-y-0.5 font-mono text-xs break-all">
          {items.map((o) => (
            <li key={o.id}>{o.name}</li>
          ))}
        </ul>
      ) : (
        <p data-testid={testId} className="text-slate-500 dark:text-slate-400">
          none
        </p>
      )}
    </div>
  );
}
