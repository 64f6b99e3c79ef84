'use client';

import { useId, type ReactNode } from 'react';

// The parts every action form is built from: a labelled control, its one-line
// explanation, and the message for what is wrong with it.

export const controlClass =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-amber-500 aria-[invalid=true]:border-red-500 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500';

/** `KEY=value` lines, as `--label` and `--env` take them; blank lines and `#` comments are skipped. */
export function keyValueLines(text: string): { values: Record<string, string>; error?: string } {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { values, error: `line ${i + 1}: write it as KEY=value` };
    values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { values };
}

/** Undefined for an empty box, so optional fields stay out of the body and the command. */
export const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
      {children}
    </p>
  );
}

export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-xs font-medium text-red-700 dark:text-red-400">
      {children}
    </p>
  );
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

/** Label, control, hint and message, wired together for screen readers and getByLabel. */
function useFieldIds(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, describedBy };
}

function FieldFrame({ id, label, hint, error, className = '', children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      {children}
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
    </div>
  );
}

export function TextField({
  value,
  onChange,
  onBlur,
  placeholder,
  inputMode,
  mono = false,
  ...field
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  mono?: boolean;
}) {
  const { id, describedBy } = useFieldIds(field.hint, field.error);
  return (
    <FieldFrame id={id} {...field}>
      <input
        id={id}
        type="text"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        placeholder={placeholder}
        inputMode={inputMode}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy}
        className={`${controlClass} ${mono ? 'font-mono' : ''}`}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  value,
  onChange,
  onBlur,
  placeholder,
  ...field
}: FieldProps & { value: string; onChange: (value: string) => void; onBlur?: () => void; placeholder?: string }) {
  const { id, describedBy } = useFieldIds(field.hint, field.error);
  return (
    <FieldFrame id={id} {...field}>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy}
        className={`${controlClass} font-mono`}
      />
    </FieldFrame>
  );
}

export function SelectField({
  value,
  onChange,
  children,
  ...field
}: FieldProps & { value: string; onChange: (value: string) => void; children: ReactNode }) {
  const { id, describedBy } = useFieldIds(field.hint, field.error);
  return (
    <FieldFrame id={id} {...field}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={describedBy}
        className={controlClass}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  hint,
  error,
  className = '',
}: FieldProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const { id, describedBy } = useFieldIds(hint, error);
  return (
    <div className={className}>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={describedBy}
          className="size-4 rounded border-slate-300 accent-amber-600 dark:border-slate-600"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-200">
          {label}
        </label>
      </div>
      {hint && (
        <div className="pl-6">
          <Hint id={`${id}-hint`}>{hint}</Hint>
        </div>
      )}
      {error && (
        <div className="pl-6">
          <FieldError id={`${id}-error`}>{error}</FieldError>
        </div>
      )}
    </div>
  );
}

/** A titled group of fields inside a dialog. */
export function FieldGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</p>
      {children}
    </div>
  );
}
