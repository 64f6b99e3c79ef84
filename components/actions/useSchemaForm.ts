'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm, useWatch, type DefaultValues, type FieldValues, type Path, type PathValue } from 'react-hook-form';
import type { z } from 'zod';
import { describeIssues } from '../../lib/schemas';

/**
 * A dialog's form in React Hook Form, checked on every change by a schema that
 * turns its values into the request body (the body's own schema from
 * lib/schemas inside). `context` is what the schema needs besides the values
 * (the lesson, the first local image); a change to it checks the form again.
 * `checkedFromStart`: fields whose message shows before they are touched, such as names a lesson filled in to be read.
 */
export function useSchemaForm<V extends FieldValues, C, B>(
  schemaFor: (context: C) => z.ZodType<B, V>,
  defaultValues: V,
  context: C,
  checkedFromStart: readonly Path<V>[] = [],
) {
  const form = useForm<V, C, B>({
    mode: 'onChange',
    defaultValues: defaultValues as DefaultValues<V>,
    context,
    resolver: (values, given, options) => zodResolver(schemaFor(given as C), undefined, { mode: 'sync' })(values, given, options),
  });
  const contextKey = JSON.stringify(context);
  const { trigger } = form;
  useEffect(() => {
    void trigger();
  }, [contextKey, trigger]);

  // Every field has its default: the partial type useWatch gives for the whole form is the full one here.
  const values = useWatch({ control: form.control }) as V;
  const { errors, touchedFields, isValid } = form.formState;
  const touched = touchedFields as Partial<Record<string, unknown>>;

  const set = <K extends Path<V>>(name: K, value: PathValue<V, K>) => form.setValue(name, value, { shouldTouch: true, shouldValidate: true });
  /** A field's message, once the field was edited or left: an empty form does not open covered in red. */
  const shown = (name: Path<V>): string | undefined => {
    if (!touched[name] && !checkedFromStart.includes(name)) return undefined;
    const message = (errors as Record<string, { message?: unknown } | undefined>)[name]?.message;
    return typeof message === 'string' ? message : undefined;
  };
  /** What a text field needs: its value, editing that touches it, leaving it that touches it too. */
  const field = <K extends Path<V>>(name: K) => ({
    value: values[name] as PathValue<V, K>,
    onChange: (value: PathValue<V, K>) => set(name, value),
    onBlur: () => set(name, form.getValues(name)),
    error: shown(name),
  });

  return { values, set, field, shown, valid: isValid, handleSubmit: form.handleSubmit };
}

/** Field messages by path ("name", "ports.0.hostPort"), the first issue for each. */
function fieldErrors(error: z.ZodError): ReadonlyMap<string, string> {
  const errors = new Map<string, string>();
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!errors.has(path)) errors.set(path, issue.message);
  }
  return errors;
}

/** The message for a field or anything inside it (labels.KEY belongs to labels). */
function errorAt(errors: ReadonlyMap<string, string>, path: string): string | undefined {
  if (errors.has(path)) return errors.get(path);
  for (const [key, message] of errors) {
    if (!key.startsWith(`${path}.`)) continue;
    const inner = key.slice(path.length + 1);
    // "labels.my key" names the culprit; "aliases.2" names nothing a person typed.
    return /^\d+$/.test(inner) ? message : `${inner}: ${message}`;
  }
  return undefined;
}

/**
 * The body schema's issues, each on the form field it came from (`fields`: body key to form key), the
 * first per field ("labels.my key" → "my key: …"), or in the dialog's own `wording` for that body key
 * where it has one; an issue on no field still leaves the form invalid.
 */
export function reportBodyIssues(
  error: z.ZodError,
  ctx: z.RefinementCtx,
  fields: Record<string, string>,
  wording: Partial<Record<string, string>> = {},
): void {
  const errors = fieldErrors(error);
  for (const [bodyKey, formKey] of Object.entries(fields)) {
    const message = errorAt(errors, bodyKey);
    if (message) ctx.addIssue({ code: 'custom', path: [formKey], message: wording[bodyKey] ?? message });
  }
  const onNoField = [...errors.keys()].some((path) => !Object.hasOwn(fields, path.split('.')[0] ?? ''));
  if (onNoField) ctx.addIssue({ code: 'custom', path: [], message: describeIssues(error) });
}
