import { EventEmitter } from 'node:events';
import { registryOf } from '../../lib/imageReference';
import type { ExecSeen, ImageSeen, World } from '../../lib/lessons/conditions';
import type { Lesson } from '../../lib/lessons/lesson';
import type { LessonListing, LessonView } from '../../lib/lessons/view';
import { advance, back, focusOf, skip, startProgress, type Progress } from '../../lib/lessons/progress';
import type { Topology } from '../../lib/topology';
import type { LessonLibrary } from './library';

export type { LessonListing, LessonView };

/** An Engine event as the store receives it; only container exec events matter here. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time?: number;
}

const EXECS_KEPT = 500;

/**
 * Every lesson's progress, one for the whole room, held here and advanced on
 * each revision of the picture and on each exec the Engine reports. Costs no
 * Engine request of its own: the picture, the events and the image list are
 * handed in.
 */
export class Lessons extends EventEmitter<{ progress: [LessonView] }> {
  private readonly progress = new Map<string, { state: Progress; since: string }>();
  private readonly execs: ExecSeen[] = [];
  private readonly running = new Map<string, ExecSeen>();
  private images: ImageSeen[] | undefined;

  constructor(
    private readonly library: LessonLibrary,
    private readonly picture: () => Topology,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    super();
    for (const lesson of library.lessons) this.progress.set(lesson.id, { state: startProgress(lesson), since: this.now() });
    this.update();
  }

  list(): LessonListing {
    return {
      lessons: this.library.lessons.map((l) => {
        const p = this.progress.get(l.id)!.state;
        return {
          ...{ id: l.id, title: l.title, level: l.level, duration: l.duration },
          ...(l.summary ? { summary: l.summary } : {}),
          ...{ steps: l.steps.length, done: p.steps.filter((s) => s.done).length },
        };
      }),
      errors: this.library.errors,
    };
  }

  /** True for a lesson this Portolan loaded. */
  has(id: string): boolean {
    return this.find(id) !== undefined;
  }

  view(id: string): LessonView | undefined {
    const lesson = this.find(id);
    return lesson && this.viewOf(lesson);
  }

  /** Back to the first step, nothing done; pings seen before no longer count. */
  reset(id: string): LessonView | undefined {
    return this.change(id, (lesson) => {
      this.progress.set(lesson.id, { state: startProgress(lesson), since: this.now() });
    });
  }

  skip(id: string): LessonView | undefined {
    return this.change(id, (lesson, p) => void (p.state = skip(lesson, p.state, this.now())));
  }

  back(id: string): LessonView | undefined {
    return this.change(id, (_, p) => void (p.state = back(p.state)));
  }

  /** The picture has a new revision: steps that now hold tick. */
  update(): void {
    for (const lesson of this.library.lessons) {
      const p = this.progress.get(lesson.id)!;
      const next = advance(lesson, p.state, this.world(p.since), this.now());
      if (next !== p.state) {
        p.state = next;
        this.emit('progress', this.viewOf(lesson));
      }
    }
  }

  /** exec_start says what runs and exec_die how it ended: a ping in a terminal counts as one from Portolan. */
  engineEvent(event: EngineEvent): void {
    if (event.Type !== 'container') return;
    const execId = event.Actor.Attributes?.execID;
    if (!execId) return;
    const [action = '', ...rest] = event.Action.split(':');
    if (action === 'exec_start') {
      const seen: ExecSeen = { containerId: event.Actor.ID, command: rest.join(':').trim(), time: this.now() };
      this.running.set(execId, seen);
      // An exec whose end never came (its container was removed) is forgotten with the oldest.
      if (this.running.size > EXECS_KEPT) this.running.delete(this.running.keys().next().value!);
      this.execs.push(seen);
      if (this.execs.length > EXECS_KEPT) this.execs.splice(0, this.execs.length - EXECS_KEPT);
    } else if (action === 'exec_die') {
      const seen = this.running.get(execId);
      this.running.delete(execId);
      const code = Number(event.Actor.Attributes?.exitCode);
      if (seen && Number.isInteger(code)) seen.exitCode = code;
    } else return;
    this.update();
  }

  /** The local images changed (read after an image event, never on a timer). */
  setImages(images: readonly { tags: string[]; size: number; digests?: string[] }[]): void {
    this.images = images.flatMap((i) => {
      const registries = [...new Set((i.digests ?? []).map(registryOf))];
      return i.tags.map((name) => ({ name, size: i.size, registries }));
    });
    this.update();
  }

  private find(id: string): Lesson | undefined {
    return this.library.lessons.find((l) => l.id === id);
  }

  private change(id: string, fn: (lesson: Lesson, p: { state: Progress; since: string }) => void): LessonView | undefined {
    const lesson = this.find(id);
    if (!lesson) return undefined;
    fn(lesson, this.progress.get(id)!);
    const p = this.progress.get(id)!;
    p.state = advance(lesson, p.state, this.world(p.since), this.now());
    const view = this.viewOf(lesson);
    this.emit('progress', view);
    return view;
  }

  private world(since: string): World {
    return {
      topology: this.picture(),
      ...(this.images ? { images: this.images } : {}),
      execs: this.execs.filter((e) => e.time >= since),
    };
  }

  private viewOf(lesson: Lesson): LessonView {
    const p = this.progress.get(lesson.id)!;
    return {
      ...{ id: lesson.id, title: lesson.title, level: lesson.level, duration: lesson.duration, needs: lesson.needs, intro: lesson.intro },
      current: p.state.current,
      steps: lesson.steps.map((s, i) => {
        const sp = p.state.steps[i]!;
        return {
          ...{ id: s.id, title: s.title, text: s.text, commands: s.commands, done: sp.done },
          ...(sp.doneAt ? { doneAt: sp.doneAt } : {}),
          ...(sp.skipped ? { skipped: true } : {}),
        };
      }),
      focus: focusOf(lesson, p.state, this.world(p.since)),
    };
  }
}
