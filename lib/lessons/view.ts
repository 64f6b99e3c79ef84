/** What the server says of lessons: `GET /api/lessons`, `GET /api/lessons/:id` and socket.io `lesson:progress`. */

export interface LessonListing {
  lessons: { id: string; title: string; level: string; duration: string; summary?: string; steps: number; done: number }[];
  /** Lesson files that did not load, each with what to fix. */
  errors: { file: string; message: string }[];
}

export interface LessonStepView {
  id: string;
  title: string;
  /** Markdown: paragraphs and `code`. */
  text: string;
  commands: string[];
  done: boolean;
  doneAt?: string;
  /** Passed over by the teacher. */
  skipped?: boolean;
}

export interface LessonView {
  id: string;
  title: string;
  level: string;
  duration: string;
  needs: string[];
  intro: string;
  /** Index of the current step; `steps.length` once every step is done or skipped. */
  current: number;
  steps: LessonStepView[];
  /** Graph ids the current step is about: the map picks them out. */
  focus: string[];
}

/** The Portolan control that does what a lesson's command does, where there is one. */
export type LessonControl = 'create-network' | 'run-container' | 'connect' | 'probe' | null;

export function controlFor(command: string): LessonControl {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'docker') return null;
  const [a, b] = [words[1], words[2]];
  if (a === 'network' && b === 'create') return 'create-network';
  if (a === 'network' && b === 'connect') return 'connect';
  if (a === 'run' || (a === 'container' && b === 'run')) return 'run-container';
  if (a === 'exec' && words.some((w) => w === 'ping')) return 'probe';
  return null;
}

/** What a lesson's `docker exec <container> ping … <target>` asks the probe to do. */
export interface ProbeCommand {
  container: string;
  /** A container's name, or an address. */
  target: string;
  by: 'ip' | 'name';
}

/**
 * The container and the target of a lesson's ping. The target may be the address `docker inspect` answers for a
 * container (`$(docker inspect -f '{{.NetworkSettings.IPAddress}}' c2)`): that is c2, reached by its address.
 */
export function probeOf(command: string): ProbeCommand | null {
  if (controlFor(command) !== 'probe') return null;
  const inspected = /\$\(\s*docker\s+(?:container\s+)?inspect\s+(?:-f|--format)\s+(?:'[^']*'|"[^"]*"|\S+)\s+([^\s)]+)\s*\)\s*$/.exec(command);
  const words = command
    .replace(/\$\([^)]*\)\s*$/, '')
    .trim()
    .split(/\s+/);
  const container = words.slice(2).find((w) => !w.startsWith('-'));
  if (!container) return null;
  if (inspected) return { container, target: inspected[1]!, by: 'ip' };
  const target = words.at(-1) ?? '';
  return { container, target, by: /^[\d.:]+$/.test(target) ? 'ip' : 'name' };
}
