import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reportBodyIssues } from './useSchemaForm';

const body = z.strictObject({ port: z.number().int().min(1), labels: z.record(z.string(), z.string().min(1, 'give it a value')).optional() });

/** A form schema as the dialogs write one: the body's issues put on the form's fields. */
const formSchema = (fields: Record<string, string>, wording?: Record<string, string>) =>
  z.custom<Record<string, unknown>>().transform((form, ctx) => {
    const parsed = body.safeParse(form);
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, fields, wording);
    return parsed.success ? parsed.data : z.NEVER;
  });

const issuesOf = (schema: z.ZodType, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('reportBodyIssues', () => {
  it('puts a body issue on the form field it came from, in the schema’s words', () => {
    expect(issuesOf(formSchema({ port: 'portText' }), { port: 0 })).toEqual([{ path: 'portText', message: 'Too small: expected number to be >=1' }]);
  });

  it('names the key a nested issue is about', () => {
    expect(issuesOf(formSchema({ port: 'port', labels: 'labels' }), { port: 1, labels: { 'my key': '' } })).toEqual([
      { path: 'labels', message: 'my key: give it a value' },
    ]);
  });

  it('says a field’s issue in the dialog’s own words where it has them', () => {
    expect(issuesOf(formSchema({ port: 'port' }, { port: 'a port from 1 to 65535' }), { port: Number.NaN })).toEqual([
      { path: 'port', message: 'a port from 1 to 65535' },
    ]);
  });

  it('leaves the form invalid for an issue on no field of it', () => {
    expect(issuesOf(formSchema({ port: 'port' }), { port: 1, extra: true })).toEqual([{ path: '', message: 'unknown key "extra"' }]);
  });
});
