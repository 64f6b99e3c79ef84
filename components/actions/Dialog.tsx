'use client';

import { type KeyboardEvent as ReactKeyboardEvent, type ReactNode, useContext, useEffect, useId, useRef, useState } from 'react';
import { onEngine } from '../../lib/dockerCommand';
import { EngineAimContext } from '../live/engineParam';
import { Button } from '../ui/Button';
import type { ActionErrorDetail } from './useAction';
import { useRevealed } from './useRevealed';

interface DialogShellProps {
  title: string;
  /** One sentence under the title: what this action does in Docker's terms. */
  intro?: ReactNode;
  children: ReactNode;
  /** The `docker …` line the form equals right now. */
  command: string;
  /** The heading over the command: "Equivalent command" unless told. */
  commandLabel?: string;
  error: ActionErrorDetail | null;
  /** Said before a refusal's words: what did not happen ("Could not remove network web"). */
  failedLabel?: string;
  submitLabel: string;
  /** False while the form is invalid; the submit button says so by being disabled. */
  canSubmit: boolean;
  pending: boolean;
  onSubmit: () => void;
  onClose: () => void;
  cancelLabel?: string;
  /** Below the command: a result that keeps the dialog open (the probe's answer). */
  result?: ReactNode;
}

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** The modal every action shares: form, live docker command, the Engine's refusal in words. */
export function Dialog(props: DialogShellProps) {
  const { onClose } = props;
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Whoever opened the dialog gets focus back when it closes, so a keyboard user continues where they were.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The first field; a dialog with none (a confirmation) starts on Cancel, so Enter alone removes nothing.
    const first =
      panel.current?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ??
      panel.current?.querySelector<HTMLElement>('[data-dialog-cancel]');
    first?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  // Tab stays inside the dialog while it is open.
  const trapTab = (e: ReactKeyboardEvent) => {
    if (e.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    // At most the window's height: the form scrolls between a fixed title and fixed buttons, so Run is never below the fold.
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-950/50 p-4 sm:py-8">
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={trapTab}
        className="flex max-h-full w-full max-w-xl flex-col rounded-lg border border-slate-200 bg-white text-sm text-slate-800 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <form
          className="flex min-h-0 flex-1 flex-col"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (props.canSubmit && !props.pending) props.onSubmit();
          }}
        >
          {/* Plain divs: a <header> or <footer> here would be a second banner and contentinfo landmark on the page. */}
          <div className="shrink-0 border-b border-slate-200 px-5 py-3 dark:border-slate-800">
            <h2 id={titleId} className="text-base font-semibold">
              {props.title}
            </h2>
            {props.intro && <p className="mt-0.5 text-slate-600 dark:text-slate-300">{props.intro}</p>}
          </div>

          <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4">
            {props.children}
            <CommandPreview command={props.command} {...(props.commandLabel ? { label: props.commandLabel } : {})} />
            {props.error && <ActionErrorBox error={props.error} failed={props.failedLabel} />}
            {props.result}
          </div>

          <div className="flex shrink-0 justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
            <Button onClick={onClose} data-dialog-cancel>
              {props.cancelLabel ?? 'Cancel'}
            </Button>
            {/* A transparent border: as tall as Cancel beside it. */}
            <Button
              type="submit"
              variant="primary"
              disabled={!props.canSubmit || props.pending}
              aria-busy={props.pending || undefined}
              className="inline-flex items-center gap-2 border border-transparent"
            >
              {props.pending && <span className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
              {props.submitLabel}
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** The docker line, live as the user types, with a Copy button for the terminal. */
export function CommandPreview({
  command: given,
  label = 'Equivalent command',
  testId = 'command-preview',
}: {
  command: string;
  label?: string;
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  // On another engine's map, the line to copy says which engine, as the server's answers do.
  const aim = useContext(EngineAimContext);
  const command = aim ? onEngine(given, aim) : given;
  const copy = () => {
    void navigator.clipboard?.writeText(command).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950">
      <div className="flex items-center justify-between px-3 pt-2">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</span>
        <button
          type="button"
          onClick={copy}
          title={`Copy the ${label.toLowerCase()}`}
          className="rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-amber-500 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre
        data-testid={testId}
        className="overflow-x-auto whitespace-pre-wrap break-words px-3 pb-2 pt-1 font-mono text-xs text-slate-800 dark:text-slate-100"
      >
        {command}
      </pre>
    </div>
  );
}

/** What was refused: Portolan's message, its hint, and the Engine's own words. */
/** `failed`: what did not happen, in words ("Could not remove network web"), said before the Engine's reason. */
export function ActionErrorBox({ error, failed }: { error: ActionErrorDetail; failed?: string }) {
  const ref = useRevealed<HTMLDivElement>(error);
  return (
    <div
      ref={ref}
      role="alert"
      data-testid="action-error"
      data-code={error.code}
      className="space-y-1 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <p className="font-semibold [overflow-wrap:anywhere]">{failed ? `${failed}: ${error.message}` : error.message}</p>
      {error.hint && <p className="[overflow-wrap:anywhere]">{error.hint}</p>}
      {error.engine && (
        <p className="text-xs">
          Engine said: <span className="font-mono [overflow-wrap:anywhere]">{error.engine.message}</span>
        </p>
      )}
    </div>
  );
}
