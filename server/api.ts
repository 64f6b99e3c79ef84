import type { IncomingMessage, ServerResponse } from 'node:http';
import Router from 'find-my-way';
import { ApiError } from '../lib/apiError';
import type { Engine } from './engine/engine';
import { toApiError } from './engine/errors';
import type { TopologyStore } from './topology/store';

type Handler = (req: IncomingMessage, params: Record<string, string | undefined>) => Promise<{ status?: number; body: unknown }>;

/** The JSON API: an allowlist of operations, never a passthrough to the Engine. */
export function createApi(store: TopologyStore, engine: Engine) {
  const router = Router({
    ignoreTrailingSlash: true,
    defaultRoute: (_req, res) =>
      sendError(res, new ApiError(404, 'not_found', 'There is no such Portolan API.', 'See the HTTP table in DESIGN.md for what Portolan offers.')),
  });

  const route = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: Handler) => {
    router.on(method, path, (req, res, params) => {
      handler(req, params).then(
        ({ status = 200, body }) => sendJson(res, status, body),
        (err: unknown) => sendError(res, toApiError(err, engine.endpoint)),
      );
    });
  };

  route('GET', '/api/health', async () => {
    const { status, endpoint } = store.status();
    const { version, apiVersion } = store.snapshot().topology.engine;
    return { status: status === 'connected' ? 200 : 503, body: { ok: status === 'connected', engine: { status, endpoint, version, apiVersion } } };
  });

  route('GET', '/api/topology', async () => ({ body: store.snapshot() }));

  route('GET', '/api/networks/:ref', async (_req, { ref }) => ({ body: await engine.inspectNetwork(objectRef(ref)) }));

  return (req: IncomingMessage, res: ServerResponse) => router.lookup(req, res);
}

/** Ids, short ids and names as Docker writes them; anything else never reaches the Engine's URL space. */
const OBJECT_REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;

export function objectRef(ref: string | undefined): string {
  if (ref && OBJECT_REF.test(ref)) return ref;
  throw new ApiError(
    400,
    'invalid_ref',
    `"${ref ?? ''}" is not a Docker id or name.`,
    'Use an id, a short id or a name: letters, digits, "_", "." and "-", starting with a letter or digit.',
  );
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: ApiError): void {
  sendJson(res, err.status, err.toBody());
}
