import type { ApiErrorBody } from './apiError';

/**
 * A pull or push as the Engine streams it, one JSON line at a time, folded
 * into what a progress bar needs: how many layers are done, the bytes moved,
 * and a percentage once the layers are known.
 */

export type TransferKind = 'pull' | 'push';

/** One line of the Engine's progress stream (`docker pull`'s output, as JSON). */
export interface ProgressLine {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

interface LayerState {
  status: string;
  current: number;
  total: number;
}

export interface TransferState {
  kind: TransferKind;
  /** The last thing the Engine said, in its words ("Downloading", "Pushed", "Digest: sha256:…"). */
  status: string;
  layers: Record<string, LayerState>;
  /**
   * A layer has had something to move. Until then the Engine is still naming
   * the layers it already has, and a percentage would read 100 too soon.
   */
  measuring: boolean;
}

/** What socket.io's `image:progress` carries, for every viewer. */
export interface ImageProgress {
  operation: string;
  image: string;
  kind: TransferKind;
  status: string;
  /** Bytes moved and to move, over the layers whose size the Engine has said. */
  current?: number;
  total?: number;
  layers: { done: number; total: number };
  /** 0–100 once the layers are known. */
  percent?: number;
  done: boolean;
  cancelled?: boolean;
  /** The refusal, in the API's error shape: the Engine's words and what to do. */
  error?: ApiErrorBody['error'];
  /** The `docker pull` / `docker push` line that does the same. */
  command: string;
}

/** Statuses after which a layer has nothing left to move. */
const LAYER_DONE = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from)/;
/** Pull lines that name the image (its tag) rather than a layer. */
const NOT_A_LAYER = /^(Pulling from|Digest:|Status:)/;

export const startTransfer = (kind: TransferKind): TransferState => ({
  kind,
  status: kind === 'pull' ? 'Pulling' : 'Pushing',
  layers: {},
  measuring: false,
});

/** The state after one more line; an error line is the caller's to read (see `lineError`). */
export function applyLine(state: TransferState, line: ProgressLine): TransferState {
  const status = line.status?.trim();
  if (!status) return state;
  if (!line.id || NOT_A_LAYER.test(status) || !/^[0-9a-f]{12,}$/.test(line.id)) return { ...state, status };
  const before = state.layers[line.id] ?? { status: '', current: 0, total: 0 };
  const detail = line.progressDetail ?? {};
  const layer: LayerState = {
    status,
    current: typeof detail.current === 'number' ? detail.current : LAYER_DONE.test(status) ? before.total : before.current,
    total: typeof detail.total === 'number' && detail.total > 0 ? detail.total : before.total,
  };
  return { ...state, status, layers: { ...state.layers, [line.id]: layer }, measuring: state.measuring || !LAYER_DONE.test(status) };
}

export function lineError(line: ProgressLine): string | null {
  return line.errorDetail?.message ?? line.error ?? null;
}

/** How far a layer is, 0–1: a pull downloads then extracts (counted 70/30), a push only sends. */
function layerShare(kind: TransferKind, l: LayerState): number {
  if (LAYER_DONE.test(l.status)) return 1;
  const fraction = l.total > 0 ? Math.min(1, l.current / l.total) : 0;
  if (kind === 'push') return l.status === 'Pushing' ? fraction : 0;
  if (l.status === 'Downloading') return 0.7 * fraction;
  if (l.status === 'Verifying Checksum' || l.status === 'Download complete') return 0.7;
  if (l.status === 'Extracting') return 0.7 + 0.3 * fraction;
  return 0;
}

/** The numbers for the bar. `finished`: the stream ended well, whatever the last layer line said. */
export function summarize(state: TransferState, finished = false): Pick<ImageProgress, 'status' | 'current' | 'total' | 'layers' | 'percent'> {
  const layers = Object.values(state.layers);
  const done = layers.filter((l) => LAYER_DONE.test(l.status)).length;
  const total = layers.reduce((sum, l) => sum + l.total, 0);
  const current = layers.reduce((sum, l) => sum + Math.min(l.current, l.total || l.current), 0);
  const share = layers.reduce((sum, l) => sum + layerShare(state.kind, l), 0);
  const percent = finished ? 100 : state.measuring ? Math.floor((share / layers.length) * 100) : undefined;
  return {
    status: state.status,
    layers: { done, total: layers.length },
    ...(total > 0 ? { current, total } : {}),
    ...(percent !== undefined ? { percent } : {}),
  };
}
