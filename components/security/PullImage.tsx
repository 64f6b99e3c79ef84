'use client';

import { useState } from 'react';
import { imageReference } from '../../lib/schemas';
import { ActionErrorBox } from '../actions/Dialog';
import { TransferProgress } from '../actions/TransferProgress';
import type { useImageTransfer } from '../actions/useImageTransfer';

/** Pull an image by its reference, and follow that pull (or a push started from the list) to its end. */
export function PullImage({ transfer }: { transfer: ReturnType<typeof useImageTransfer> }) {
  const [reference, setReference] = useState('');
  const parsed = imageReference.safeParse(reference);
  const problem = reference.trim() && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const { started, progress, running } = transfer;
  return (
    <div className="space-y-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
      <form
        className="flex items-start gap-2"
        aria-label="Pull an image"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.success) void transfer.start('pull', parsed.data);
        }}
      >
        <label className="min-w-0 flex-1">
          <span className="sr-only">Image to pull</span>
          <input
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder="127.0.0.1:5000/team/app:1"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'pull-problem' : undefined}
            className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-amber-500 dark:border-slate-700 dark:bg-slate-950"
          />
          {problem && (
            <span id="pull-problem" className="mt-1 block text-xs text-red-700 dark:text-red-300">
              {problem}
            </span>
          )}
        </label>
        <button
          type="submit"
          disabled={!parsed.success || running}
          className="rounded-md bg-slate-900 px-3 py-1 text-sm font-medium text-white shadow-sm hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-amber-500 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-amber-500 dark:text-slate-950 dark:hover:bg-amber-400"
        >
          Pull
        </button>
      </form>
      {transfer.refused && <ActionErrorBox error={transfer.refused} />}
      {started && (
        <TransferProgress
          kind={started.kind}
          image={started.image}
          command={started.command}
          progress={progress}
          onCancel={() => void transfer.cancel()}
          cancelling={running && progress?.done === true}
        />
      )}
    </div>
  );
}
