import type { ApiErrorBody } from '../../lib/apiError';
import type { ImageSummary } from '../../lib/images';
import type { LessonCleanup } from '../../lib/lessons/cleanup';
import type { LessonListing } from '../../lib/lessons/view';
import type {
  Connect,
  Disconnect,
  ImageTag,
  NetworkCreate,
  PortsChange,
  Probe,
  Run,
  ServicePublish,
  ServiceScale,
  ServiceUnpublish,
} from '../../lib/schemas';
import type { DockerContext } from '../../lib/topology';
import { withEngine } from '../live/engineParam';

/** What every successful mutation answers: the docker line it equals, and whatever else the operation returns. */
export type Done = { command: string } & Record<string, unknown>;

export type ApiErrorDetail = ApiErrorBody['error'];

/** A refused request, with the server's message, its hint and the Engine's own words. */
export class ActionError extends Error {
  constructor(readonly detail: ApiErrorDetail) {
    super(detail.message);
    this.name = 'ActionError';
  }
}

/**
 * The one way a failure reads in the browser: the server's own error (the Engine's words in `engine`), a server that
 * did not answer, or `fallback` for anything else.
 */
export function errorDetailOf(err: unknown, fallback = 'The action failed.'): ApiErrorDetail {
  if (err instanceof ActionError) return err.detail;
  return { code: 'client', message: err instanceof Error && err.message ? err.message : fallback };
}

/** Calls Portolan's API the way the security gate expects: same origin, JSON, aimed at the engine the page shows. */
async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withEngine(path), {
      method,
      signal,
      headers: method === 'GET' ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ActionError({ code: 'offline', message: 'Could not reach the Portolan server.', hint: err instanceof Error ? err.message : undefined });
  }
  const json = (await res.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
  if (!res.ok || json === null) throw new ActionError(json?.error ?? { code: 'http_' + res.status, message: `The server answered ${res.status}.` });
  return json;
}

const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
const send = <T extends Done = Done>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => request<T>(method, path, body);
/** Every id and name in a path is encoded: a name may hold characters a path does not. */
const seg = encodeURIComponent;

/** The answer of POST /api/containers/:ref/probe. */
export type ProbeAnswer = Done & {
  reachable: boolean;
  via: { network: string; ip: string } | null;
  explanation: string;
  output: string;
};

/** Every `/api/…` call the browser makes, typed by the schemas the server validates with. */
export const api = {
  /** Answers 503 while the engine is away, with `readOnly` all the same: the body is read either way. */
  async health(): Promise<{ readOnly?: boolean }> {
    const res = await fetch(withEngine('/api/health'));
    return (await res.json()) as { readOnly?: boolean };
  },
  relayout: () => send('POST', '/api/layout', {}),

  networkInspect: (ref: string, signal?: AbortSignal) => get<unknown>(`/api/networks/${seg(ref)}`, signal),
  createNetwork: (body: NetworkCreate) => send('POST', '/api/networks', body),
  removeNetwork: (ref: string) => send('DELETE', `/api/networks/${seg(ref)}`),
  pruneNetworks: (expected: string[]) => send('POST', '/api/networks/prune', { expected }),
  connect: (network: string, body: Connect) => send('POST', `/api/networks/${seg(network)}/connect`, body),
  disconnect: (network: string, body: Disconnect) => send('POST', `/api/networks/${seg(network)}/disconnect`, body),

  runContainer: (body: Run) => send('POST', '/api/containers', body),
  containerLifecycle: (ref: string, verb: 'start' | 'stop' | 'restart') => send('POST', `/api/containers/${seg(ref)}/${verb}`),
  removeContainer: (ref: string) => send('DELETE', `/api/containers/${seg(ref)}`),
  mapPorts: (ref: string, body: PortsChange) => send('PUT', `/api/containers/${seg(ref)}/ports`, body),
  probe: (ref: string, body: Probe) => send<ProbeAnswer>('POST', `/api/containers/${seg(ref)}/probe`, body),

  images: () => get<{ images: ImageSummary[] }>('/api/images'),
  transferImage: (kind: 'pull' | 'push', image: string) => send<Done & { operation: string }>('POST', `/api/images/${kind}`, { image }),
  cancelTransfer: (operation: string) => send('POST', `/api/images/operations/${seg(operation)}/cancel`, {}),
  removeImage: (ref: string) => send('DELETE', `/api/images/${seg(ref)}`),
  tagImage: (body: ImageTag) => send('POST', '/api/images/tag', body),

  scaleService: (name: string, body: ServiceScale) => send('POST', `/api/services/${seg(name)}/scale`, body),
  publishServicePort: (name: string, body: ServicePublish) => send('POST', `/api/services/${seg(name)}/publish`, body),
  unpublishServicePort: (name: string, body: ServiceUnpublish) => send('POST', `/api/services/${seg(name)}/unpublish`, body),

  lessons: () => get<LessonListing>('/api/lessons'),
  moveLesson: (lesson: string, action: 'reset' | 'skip' | 'back') => send('POST', `/api/lessons/${seg(lesson)}/${action}`, {}),
  lessonCleanupPlan: (lesson: string) => get<LessonCleanup>(`/api/lessons/${seg(lesson)}/cleanup`),
  cleanUpLesson: (lesson: string) => send('POST', `/api/lessons/${seg(lesson)}/cleanup`, {}),

  engines: () => get<{ contexts?: DockerContext[] }>('/api/engines'),
  watchContext: (context: string) => send('POST', '/api/engines', { context }),
};
