import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../appRoot';
import { LessonError, parseLesson, type Lesson } from '../../lib/lessons/lesson';

export interface LessonLibrary {
  lessons: Lesson[];
  /** Files that did not load, each with what to fix; the others load regardless. */
  errors: { file: string; message: string }[];
}

/** The built-in lessons, beside the server. */
export const LESSONS_DIR = path.join(appRoot, 'lessons');

/** Every `*.md` in `dir`, sorted by id; `vars` override each lesson's defaults. */
export function loadLessons(dir: string = LESSONS_DIR, vars: Readonly<Record<string, string>> = {}): LessonLibrary {
  const library: LessonLibrary = { lessons: [], errors: [] };
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));
  } catch (err) {
    library.errors.push({ file: dir, message: `cannot read the lessons folder: ${(err as Error).message}` });
    return library;
  }
  for (const name of files.sort()) {
    const file = path.join(path.basename(dir), name);
    try {
      library.lessons.push(parseLesson(file, fs.readFileSync(path.join(dir, name), 'utf8'), vars));
    } catch (err) {
      library.errors.push({ file, message: err instanceof LessonError ? err.message.slice(file.length + 2) : (err as Error).message });
    }
  }
  return library;
}
