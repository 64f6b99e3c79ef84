import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ApiError } from '../lib/apiError';
import { imageCommand } from '../lib/dockerCommand';
import { startTransfer, summarize, type ImageProgress, type TransferKind, type TransferState } from '../lib/imageProgress';
import { DOCKER_HUB, isReference, parseReference } from '../lib/imageReference';
import type { Engine } from './engine/engine';
import { toApiError } from './engine/errors';
import { TransferCancelled, transferImage } from './engine/imageTransfer';
import { log } from './log';

/** At most ten progress events a second per operation: a pull streams hundreds of lines. */
const EMIT_EVERY_MS = 100;
/** Finished operations kept, so a late cancel is told it came too late rather than that it never existed. */
const KEPT = 50;

interface Operation {
  id: string;
  kind: TransferKind;
  image: string;
  command: string;
  state: TransferState;
  abort: AbortController;
  last: ImageProgress | null;
  lastEmit: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Pulls and pushes that outlive their HTTP request: each gets an id, its
 * progress is emitted as `progress` (socket.io's `image:progress`), and it can
 * be cancelled by id.
 */
export class ImageOperations extends EventEmitter<{ progress: [ImageProgress] }> {
  private readonly operations = new Map<string, Operation>();

  constructor(private readonly engine: Engine) {
    super();
  }

  /** Starts a pull or push and answers at once; its end arrives as the last progress event. */
  start(kind: TransferKind, image: string): { operation: string; command: string } {
    if (kind === 'push') refuseUnpushable(image);
    const op: Operation = {
      id: randomUUID(),
      kind,
      image,
      command: imageCommand(kind, image),
      state: startTransfer(kind),
      abort: new AbortController(),
      last: null,
      lastEmit: 0,
      timer: null,
    };
    this.operations.set(op.id, op);
    this.forgetOld();
    this.emitNow(op, {});
    transferImage(this.engine, kind, image, {
      signal: op.abort.signal,
      onState: (state) => {
        op.state = state;
        this.emitSoon(op);
      },
    }).then(
      () => this.emitNow(op, { done: true }),
      (err: unknown) => {
        if (err instanceof TransferCancelled) return this.emitNow(op, { done: true, cancelled: true, status: err.message });
        const error = toApiError(err, this.engine.endpoint);
        log.warn({ kind, image, code: error.code, engine: error.engine }, `image ${kind} failed`);
        this.emitNow(op, { done: true, error: error.toBody().error, status: error.message });
      },
    );
    return { operation: op.id, command: op.command };
  }

  /** Ends a running pull or push: the request to the Engine is closed, and the Engine stops. */
  cancel(id: string): { operation: string; cancelled: true } {
    const op = this.operations.get(id);
    if (!op)
      throw new ApiError(
        404,
        'not_found',
        `There is no image operation ${id}.`,
        'Cancel the operation id that POST /api/images/pull or /push answered.',
      );
    if (op.last?.done)
      throw new ApiError(
        409,
        'already_done',
        `The ${op.kind} of ${op.image} has ended already.`,
        'Nothing is left to cancel; the images view shows the result.',
      );
    op.abort.abort();
    return { operation: id, cancelled: true };
  }

  /** The latest event of every operation still running, for a viewer that just connected. */
  running(): ImageProgress[] {
    return [...this.operations.values()].flatMap((op) => (op.last && !op.last.done ? [op.last] : []));
  }

  /** Cancels whatever still runs, when the server stops. */
  close(): void {
    for (const op of this.operations.values()) {
      if (op.timer) clearTimeout(op.timer);
      op.abort.abort();
    }
  }

  private emitSoon(op: Operation): void {
    if (op.timer) return;
    const wait = op.lastEmit + EMIT_EVERY_MS - Date.now();
    if (wait <= 0) return this.emitNow(op, {});
    op.timer = setTimeout(() => this.emitNow(op, {}), wait);
  }

  private emitNow(op: Operation, end: Partial<Pick<ImageProgress, 'done' | 'cancelled' | 'error' | 'status'>>): void {
    if (op.timer) clearTimeout(op.timer);
    op.timer = null;
    if (op.last?.done) return;
    const finished = end.done === true && !end.cancelled && !end.error;
    op.last = {
      operation: op.id,
      image: op.image,
      kind: op.kind,
      command: op.command,
      ...summarize(op.state, finished),
      done: false,
      ...end,
    };
    op.lastEmit = Date.now();
    this.emit('progress', op.last);
  }

  private forgetOld(): void {
    const finished = [...this.operations.values()].filter((op) => op.last?.done);
    for (const op of finished.slice(0, Math.max(0, finished.length - KEPT))) this.operations.delete(op.id);
  }
}

/**
 * Portolan sends no registry credentials, so a push to Docker Hub could only
 * be refused there after reaching out: it is refused here, with the next step.
 */
function refuseUnpushable(image: string): void {
  const ref = parseReference(image);
  if (!isReference(ref)) return;
  if (ref.digest)
    throw new ApiError(400, 'invalid_image', `A push names a tag, not a digest: ${image}.`, `Push a tag of it, e.g. ${image.split('@')[0]}.`);
  if (ref.registry === DOCKER_HUB)
    throw new ApiError(
      400,
      'needs_registry',
      `${image} names no registry, so it would go to Docker Hub, which needs a login Portolan does not hold.`,
      `Tag it for your registry first (docker tag ${image} 127.0.0.1:5000/${ref.repository}:${ref.tag ?? 'latest'}) and push that.`,
    );
}
