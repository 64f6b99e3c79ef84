/**
 * A lesson is a Markdown file: a YAML front matter (title, level, duration,
 * what it needs), then one `## ` heading per step. A step's text is its
 * explanation; its `sh` blocks are the commands to type; its one `done`
 * block is the condition that ticks it off (see conditions.ts).
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { conditionSchema, type Condition } from './conditions';
import { LESSON_ID } from './label';

const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  /** How long it takes, in words: "45 min". */
  duration: z.string().trim().min(1),
  /** What a learner needs before starting, one line each. */
  needs: z.array(z.string().trim().min(1)).default([]),
  summary: z.string().trim().min(1).optional(),
  /** Words a lesson may use as {{name}} in its text, commands and conditions, with their defaults. */
  vars: z.record(z.string().regex(/^\w+$/, 'use letters, digits and _'), z.string()).default({}),
});

export interface LessonStep {
  id: string;
  title: string;
  /** Markdown: paragraphs, lists and `code`. */
  text: string;
  /** Shell commands, one per entry (a line continued with `\` stays one command). */
  commands: string[];
  done: Condition;
}

export interface Lesson {
  id: string;
  title: string;
  level: 'beginner' | 'intermediate' | 'advanced';
  duration: string;
  needs: string[];
  summary?: string;
  /** Markdown before the first step. */
  intro: string;
  steps: LessonStep[];
}

export class LessonError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'LessonError';
  }
}

const COMMAND_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

/**
 * Reads one lesson file; a fault is a LessonError naming the file, the step and the field. `vars` override the
 * lesson's own defaults (the test host runs the lessons with its local image in place of busybox).
 */
export function parseLesson(file: string, source: string, vars: Readonly<Record<string, string>> = {}): Lesson {
  const id = (file.split('/').pop() ?? file).replace(/\.md$/, '');
  if (!LESSON_ID.test(id)) throw new LessonError(file, `the file name must be a lesson id: lower-case letters, digits and dashes (got "${id}")`);
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!fm) throw new LessonError(file, 'it must begin with a front matter between two "---" lines (title, level, duration, needs)');
  const head = frontMatterSchema.safeParse(yaml(file, 'front matter', fm[1]!));
  if (!head.success) throw new LessonError(file, `front matter: ${issues(head.error)}`);

  const values = { ...head.data.vars, ...vars };
  const fill = (where: string, text: string) =>
    text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new LessonError(file, `${where}: {{${name}}} is not among the front matter's vars`);
      return value;
    });
  const body = source.slice(fm[0].length);
  const sections = splitSteps(body);
  if (sections.steps.length === 0) throw new LessonError(file, 'it has no steps: each step begins with a "## " heading');
  const ids = new Set<string>();
  const steps = sections.steps.map((s, i) => {
    const where = `step ${i + 1} "${s.title}"`;
    const blocks = fences(s.lines);
    const doneBlocks = blocks.filter((b) => b.lang === 'done');
    if (doneBlocks.length !== 1)
      throw new LessonError(file, `${where}: needs exactly one \`\`\`done block with its condition (found ${doneBlocks.length})`);
    const parsed = conditionSchema.safeParse(yaml(file, `${where}: done`, fill(`${where}: done`, doneBlocks[0]!.text)));
    if (!parsed.success) throw new LessonError(file, `${where}: done: ${issues(parsed.error)}`);
    let stepId = slug(s.title) || `step-${i + 1}`;
    while (ids.has(stepId)) stepId = `${stepId}-${i + 1}`;
    ids.add(stepId);
    return {
      id: stepId,
      title: s.title,
      text: fill(where, prose(s.lines)),
      commands: blocks.filter((b) => COMMAND_LANGS.has(b.lang)).flatMap((b) => commandsOf(fill(where, b.text))),
      done: parsed.data,
    };
  });
  const { vars: _defaults, ...about } = head.data;
  return { id, ...about, intro: fill('intro', sections.intro.trim()), steps };
}

function yaml(file: string, where: string, text: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw new LessonError(file, `${where}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

function issues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const at = issue.path.join('.');
      const what = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      return at ? `${at}: ${what}` : what;
    })
    .join('; ');
}

function splitSteps(body: string): { intro: string; steps: { title: string; lines: string[] }[] } {
  const steps: { title: string; lines: string[] }[] = [];
  const intro: string[] = [];
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const heading = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) steps.push({ title: heading[1]!, lines: [] });
    else (steps.at(-1)?.lines ?? intro).push(line);
  }
  return { intro: intro.join('\n'), steps };
}

function fences(lines: string[]): { lang: string; text: string }[] {
  const out: { lang: string; text: string }[] = [];
  let open: { lang: string; lines: string[] } | null = null;
  for (const line of lines) {
    const fence = /^\s*```\s*([\w-]*)/.exec(line);
    if (fence && !open) open = { lang: fence[1]!.toLowerCase(), lines: [] };
    else if (fence && open) {
      out.push({ lang: open.lang, text: open.lines.join('\n') });
      open = null;
    } else open?.lines.push(line);
  }
  return out;
}

/** The step's words without its `done` block; command blocks stay out too, they are shown apart with Copy. */
function prose(lines: string[]): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^\s*```/.test(line)) {
      skipping = !skipping;
      continue;
    }
    if (!skipping) out.push(line);
  }
  return out.join('\n').trim();
}

function commandsOf(text: string): string[] {
  const commands: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s*\$\s?/, '').trimEnd();
    if (!line.trim() || line.trim().startsWith('#')) continue;
    current += current ? ` ${line.trim()}` : line.trim();
    if (current.endsWith('\\')) current = current.slice(0, -1).trimEnd();
    else {
      commands.push(current);
      current = '';
    }
  }
  if (current) commands.push(current);
  return commands;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}
