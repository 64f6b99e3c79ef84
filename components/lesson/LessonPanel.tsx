'use client';

import { Fragment, useState, type ReactNode } from 'react';
import { controlFor, imageCommandOf, probeOf, type LessonView } from '../../lib/lessons/view';
import { findByRef, type Topology } from '../../lib/topology';
import { useActions } from '../actions/ActionsProvider';
import { api, errorDetailOf } from '../api/client';
import type { DialogRequest } from '../actions/dialogs';
import { Button } from '../ui/Button';

export interface LessonPanelProps {
  lesson: LessonView;
  topology: Topology;
  onClose: () => void;
}

/** The lesson beside the map: the current step with its words and commands, the steps done ticked with when. */
export function LessonPanel({ lesson, topology, onClose }: LessonPanelProps) {
  const { readOnly, open } = useActions();
  const [refused, setRefused] = useState<string | null>(null);
  const finished = lesson.current >= lesson.steps.length;
  const done = lesson.steps.filter((s) => s.done).length;
  // The room's progress moves; the new state arrives for every viewer as lesson:progress.
  const teacher = (action: 'back' | 'skip' | 'reset') => {
    setRefused(null);
    api.moveLesson(lesson.id, action).catch((err: unknown) => setRefused(errorDetailOf(err).message));
  };

  return (
    <aside
      aria-label={`Lesson: ${lesson.title}`}
      data-testid="lesson-panel"
      data-lesson={lesson.id}
      data-current={lesson.current}
      className="flex h-full w-[28rem] max-w-full shrink-0 flex-col border-r border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="border-b border-slate-200 px-5 py-4 dark:border-slate-800">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
              Lesson · {lesson.level} · {lesson.duration}
            </p>
            <h2 className="text-lg font-semibold">{lesson.title}</h2>
          </div>
          <button
            type="button"
            aria-label="Close the lesson"
            onClick={onClose}
            className="-mr-1 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
          >
            ✕
          </button>
        </div>
        <div className="mt-3 flex items-center gap-3">
          <progress className="h-2 flex-1 accent-emerald-600" max={lesson.steps.length} value={done} aria-label="Steps done" />
          <span className="text-xs text-slate-600 tabular-nums dark:text-slate-300" data-testid="lesson-count">
            {done} of {lesson.steps.length} done
          </span>
        </div>
        {!readOnly && (
          <div className="mt-3 flex flex-wrap gap-2 text-xs">
            <TeacherButton onClick={() => teacher('back')} disabled={lesson.current === 0}>
              ← Back
            </TeacherButton>
            <TeacherButton onClick={() => teacher('skip')} disabled={finished}>
              Skip →
            </TeacherButton>
            <TeacherButton onClick={() => teacher('reset')}>Reset progress</TeacherButton>
            <TeacherButton onClick={() => open({ kind: 'lesson-cleanup', lesson: lesson.id, title: lesson.title })}>
              Clean up this lesson
            </TeacherButton>
          </div>
        )}
        {refused && (
          <p role="alert" className="mt-2 text-xs text-rose-700 dark:text-rose-300">
            {refused}
          </p>
        )}
      </header>
      {/* The intro sits beside the list, not in it: a list holds only its items. */}
      <div className="flex-1 overflow-y-auto px-5 py-4">
        {lesson.intro && lesson.current === 0 && <Prose text={lesson.intro} className="mb-4 text-slate-600 dark:text-slate-300" />}
        <ol aria-label="Steps">
          {lesson.steps.map((step, i) => {
            const current = i === lesson.current;
            return (
              <li
                key={step.id}
                data-testid={`lesson-step-${step.id}`}
                data-done={step.done ? 'true' : 'false'}
                aria-current={current ? 'step' : undefined}
                className={`border-l-2 py-2 pl-4 ${current ? 'border-amber-500' : step.done ? 'border-emerald-500' : 'border-slate-200 dark:border-slate-700'}`}
              >
                <div className="flex items-baseline justify-between gap-3">
                  <h3 className={`font-medium ${current ? 'text-base' : i > lesson.current ? 'text-slate-500 dark:text-slate-400' : ''}`}>
                    <span aria-hidden className="mr-1.5 inline-block w-4">
                      {step.done ? '✓' : step.skipped ? '↷' : current ? '▸' : ''}
                    </span>
                    {step.title}
                  </h3>
                  {step.doneAt && (
                    <time dateTime={step.doneAt} className="shrink-0 text-xs text-slate-500 dark:text-slate-400">
                      {step.skipped ? 'skipped ' : ''}
                      {new Date(step.doneAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
                    </time>
                  )}
                </div>
                {current && (
                  <div className="mt-2 flex flex-col gap-3">
                    <Prose text={step.text} />
                    {step.commands.map((command) => (
                      <Command key={command} command={command} topology={topology} lesson={lesson.id} />
                    ))}
                    <p className="text-xs text-slate-500 dark:text-slate-400">This step ticks itself off when the map shows it done.</p>
                  </div>
                )}
              </li>
            );
          })}
          {finished && (
            <li
              className="mt-4 rounded-lg bg-emerald-50 p-4 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
              data-testid="lesson-finished"
            >
              Lesson complete: {done} of {lesson.steps.length} steps done.
            </li>
          )}
        </ol>
      </div>
    </aside>
  );
}

function TeacherButton({ children, onClick, disabled }: { children: ReactNode; onClick: () => void; disabled?: boolean }) {
  return (
    <Button variant="quiet" onClick={onClick} disabled={disabled}>
      {children}
    </Button>
  );
}

/** One command: Copy for the terminal, and Portolan's own control for it where there is one. */
function Command({ command, topology, lesson }: { command: string; topology: Topology; lesson: string }) {
  const { readOnly, open } = useActions();
  const [copied, setCopied] = useState(false);
  const request = readOnly ? null : dialogFor(command, topology, lesson);
  return (
    <div className="flex flex-col gap-1.5">
      <pre
        className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-[13px] whitespace-pre-wrap text-slate-100"
        data-testid="lesson-command"
      >
        {command}
      </pre>
      <div className="flex gap-2 text-xs">
        <Button variant="quiet" onClick={() => void navigator.clipboard?.writeText(command).then(() => setCopied(true))}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        {request && (
          <Button variant="primary" onClick={() => open(request)} data-testid="lesson-do">
            {labelOf(request)}
          </Button>
        )}
      </div>
    </div>
  );
}

const LABELS: Record<Exclude<DialogRequest['kind'], 'image-transfer'>, string> = {
  'create-network': 'Create it in Portolan',
  'run-container': 'Run it in Portolan',
  connect: 'Connect in Portolan',
  'map-ports': 'Map ports in Portolan',
  probe: 'Probe in Portolan',
  'lesson-cleanup': 'Clean up in Portolan',
  'tag-image': 'Tag it in Portolan',
  'remove-image': 'Remove it in Portolan',
  'confirm-remove': 'Remove it in Portolan',
  'scale-service': 'Scale it in Portolan',
  'publish-service-port': 'Publish it in Portolan',
  'unpublish-service-port': 'Unpublish it in Portolan',
};

const labelOf = (request: DialogRequest) =>
  request.kind === 'image-transfer' ? `${request.transfer === 'pull' ? 'Pull' : 'Push'} it in Portolan` : LABELS[request.kind];

/**
 * The dialog that does what the command does, opened on what the command names when the picture has it.
 * What it creates is the lesson's: labelled for it, so the lesson's clean-up removes it.
 */
function dialogFor(command: string, topology: Topology, lesson: string): DialogRequest | null {
  const words = command.trim().split(/\s+/);
  switch (controlFor(command)) {
    case 'create-network':
      return { kind: 'create-network', lesson };
    case 'run-container':
      return { kind: 'run-container', lesson };
    case 'connect': {
      const [net, ctr] = words.slice(3).filter((w) => !w.startsWith('-'));
      const network = net ? findByRef(topology.networks, net) : undefined;
      const container = ctr ? findByRef(topology.containers, ctr) : undefined;
      return { kind: 'connect', ...(network ? { networkId: network.id } : {}), ...(container ? { containerId: container.id } : {}) };
    }
    case 'probe': {
      // docker exec c1 ping -c 1 c2: the target is a name, an address, or the address docker inspect gives for a name.
      const probe = probeOf(command);
      const container = probe ? findByRef(topology.containers, probe.container) : undefined;
      if (!probe || !container) return null;
      const named = /^[\d.:]+$/.test(probe.target) ? undefined : findByRef(topology.containers, probe.target);
      const target = named ?? topology.containers.find((c) => c.endpoints.some((e) => e.ipv4 === probe.target));
      return {
        kind: 'probe',
        containerId: container.id,
        by: probe.by,
        ...(target && target.id !== container.id ? { target: target.name } : {}),
      };
    }
    case 'tag-image':
    case 'push-image':
    case 'pull-image':
    case 'remove-image': {
      // Images carry no lesson label: the dialogs say so, and what removes the image instead.
      const named = imageCommandOf(command);
      if (!named) return null;
      if (named.control === 'tag-image') return { kind: 'tag-image', source: named.source, target: named.image, lesson };
      if (named.control === 'remove-image') return { kind: 'remove-image', image: named.image };
      return { kind: 'image-transfer', transfer: named.control === 'pull-image' ? 'pull' : 'push', image: named.image, lesson };
    }
    default:
      return null;
  }
}

/** A lesson's words: paragraphs, `- ` lists and `code`; nothing else of Markdown is needed. */
function Prose({ text, className = '' }: { text: string; className?: string }) {
  const blocks = text.split(/\n\s*\n/).filter((b) => b.trim());
  return (
    <div className={`flex flex-col gap-2 leading-relaxed ${className}`}>
      {blocks.map((block, i) => {
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*] /.test(l)))
          return (
            <ul key={i} className="list-disc pl-5">
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*[-*] /, ''))}</li>
              ))}
            </ul>
          );
        return <p key={i}>{inline(lines.join(' '))}</p>;
      })}
    </div>
  );
}

function inline(text: string): ReactNode {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`'))
      return (
        <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.92em] dark:bg-slate-800">
          {part.slice(1, -1)}
        </code>
      );
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return <Fragment key={i}>{part}</Fragment>;
  });
}
