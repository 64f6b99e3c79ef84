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
export type LessonControl = 'create-network' | 'run-container' | 'connect' | 'probe' | ImageControl | null;
export type ImageControl = 'tag-image' | 'push-image' | 'pull-image' | 'remove-image';

export function controlFor(command: string): LessonControl {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'docker') return null;
  const [a, b] = [words[1], words[2]];
  if (a === 'network' && b === 'create') return 'create-network';
  if (a === 'network' && b === 'connect') return 'connect';
  if (a === 'run' || (a === 'container' && b === 'run')) return 'run-container';
  if (a === 'exec' && words.some((w) => w === 'ping')) return 'probe';
  // docker tag, push, pull and rmi, and their long forms docker image tag, push, pull, rm.
  const verb = a === 'image' ? b : a;
  if (verb === 'tag') return 'tag-image';
  if (verb === 'push') return 'push-image';
  if (verb === 'pull') return 'pull-image';
  if (verb === 'rmi' || (a === 'image' && (b === 'rm' || b === 'remove'))) return 'remove-image';
  return null;
}

/** What a lesson's `docker tag SOURCE IMAGE`, `docker push IMAGE`, `docker pull IMAGE` or `docker rmi IMAGE` names. */
export interface ImageCommand {
  control: ImageControl;
  image: string;
  /** A tag's source; the new name is `image`. */
  source?: string;
}

/** The images of a lesson's image command, or null when it names more or fewer than its control takes (several at once). */
export function imageCommandOf(command: string): ImageCommand | null {
  const control = controlFor(command);
  if (control !== 'tag-image' && control !== 'push-image' && control !== 'pull-image' && control !== 'remove-image') return null;
  const words = command.trim().split(/\s+/);
  const names = words.slice(words[1] === 'image' ? 3 : 2).filter((w) => !w.startsWith('-'));
  if (control === 'tag-image') return names.length === 2 ? { control, source: names[0]!, image: names[1]! } : null;
  return names.length === 1 ? { control, image: names[0]! } : null;
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
