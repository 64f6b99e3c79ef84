import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import Router from 'find-my-way';
import type { z } from 'zod';
import { ApiError } from '../lib/apiError';
import { onEngine, shellWord } from '../lib/dockerCommand';
import { findByRef, type DockerContext } from '../lib/topology';
import {
  OBJECT_REF,
  connectSchema,
  describeIssues,
  disconnectSchema,
  engineWatchSchema,
  imageReference,
  imageTagSchema,
  imageTransferSchema,
  networkCreateSchema,
  networkPruneSchema,
  portsSchema,
  probeSchema,
  runSchema,
  servicePublishSchema,
  serviceScaleSchema,
  serviceUnpublishSchema,
} from '../lib/schemas';
import type { Config } from './config';
import { containerVerb, runContainer } from './engine/containerActions';
import type { Engine } from './engine/engine';
import { toApiError } from './engine/errors';
import type { ImageOperations } from './imageOperations';
import { listImages, removeImage, tagImage } from './engine/images';
import { cleanUpLesson, lessonObjects } from './engine/lessonCleanup';
import { connect, createNetwork, disconnect, pruneNetworks, removeNetwork } from './engine/networkActions';
import { probe } from './engine/probe';
import { remapPorts } from './engine/remapPorts';
import { publishServicePort, scaleService, unpublishServicePort } from './engine/serviceActions';
import type { Lessons } from './lessons/service';
import { log, setRoute } from './log';
import { siteNamed, summaryOf, type LiveSite, type Site } from './sites';
import type { Changed, TopologyStore } from './topology/store';

/** Request bodies are small JSON documents; anything larger is refused unread. */
const BODY_LIMIT = 64 * 1024;
/** How long an answer waits for the picture to hold what the action changed; past it, the patch follows on its own. */
const REFRESH_WAIT_MS = 2000;

type Handler = (req: IncomingMessage, params: Record<string, string | undefined>) => Promise<{ status?: number; body: unknown }>;

/** The JSON API: an allowlist of operations, never a passthrough to the Engine. */
export function createApi(
  store: TopologyStore,
  engine: Engine,
  config: Pick<Config, 'readOnly'>,
  lessons: Lessons,
  images: ImageOperations,
  /**
   * `name`: the engine's, on its picture. `aimed`: not the first engine, so the `docker` lines answered say
   * how to reach it (`--context NAME`, or `-H ENDPOINT` and its TLS files), and a copied line acts where this one did.
   */
  { name, aimed = false }: { name?: string; aimed?: boolean } = {},
) {
  const aim = (body: unknown): unknown => {
    if (!aimed || typeof body !== 'object' || body === null) return body;
    const b = body as { command?: unknown; commands?: unknown };
    return {
      ...b,
      ...(typeof b.command === 'string' && b.command ? { command: onEngine(b.command, engine.dockerFlags) } : {}),
      ...(Array.isArray(b.commands) ? { commands: b.commands.map((c) => (typeof c === 'string' ? onEngine(c, engine.dockerFlags) : c)) } : {}),
    };
  };
  const router = Router({
    ignoreTrailingSlash: true,
    defaultRoute: (_req, res) =>
      sendError(res, new ApiError(404, 'not_found', 'There is no such Portolan API.', 'See the HTTP table in DESIGN.md for what Portolan offers.')),
  });

  const route = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: Handler) => {
    router.on(method, path, (req, res, params) => {
      setRoute(req, path);
      handler(req, params).then(
        ({ status = 200, body }) => sendJson(res, status, aim(body)),
        (err: unknown) => {
          const error = toApiError(err, engine.endpoint);
          if (error.engine || error.status >= 500)
            log.warn({ route: path, code: error.code, status: error.status, engine: error.engine, err }, 'engine error');
          sendError(res, error);
        },
      );
    });
  };

  route('GET', '/api/health', async () => {
    const { status, endpoint, detail } = store.status();
    const { version, apiVersion } = store.snapshot().topology.engine;
    // Why the engine is not connected, in the one line the live feed's engine:status carries too.
    const why = status !== 'connected' && detail ? { detail } : {};
    return {
      status: status === 'connected' ? 200 : 503,
      body: { ok: status === 'connected', engine: { status, endpoint, version, apiVersion, ...why }, readOnly: config.readOnly },
    };
  });

  route('GET', '/api/topology', async () => ({ body: { ...store.snapshot(), ...(name ? { engine: name } : {}) } }));

  route('GET', '/api/networks/:ref', async (_req, { ref }) => ({ body: await engine.inspectNetwork(objectRef(ref)) }));
  route('GET', '/api/images', async () => ({ body: { images: await listImages(engine) } }));
  route('GET', '/api/audit', async () => ({ body: { containers: store.audit() } }));

  // Pulls and pushes outlive their request: the answer is the operation, its progress arrives as image:progress.
  for (const kind of ['pull', 'push'] as const) {
    route('POST', `/api/images/${kind}`, async (req) => ({
      status: 202,
      body: images.start(kind, (await readBody(req, imageTransferSchema)).image),
    }));
  }
  route('POST', '/api/images/operations/:id/cancel', async (req, { id }) => {
    await readBody(req, null);
    return { body: images.cancel(id ?? '') };
  });
  // The picture holds no images: the Engine's image event tells every viewer (and the lessons) to read them again.
  route('POST', '/api/images/tag', async (req) => ({ status: 201, body: await tagImage(engine, await readBody(req, imageTagSchema)) }));
  // A reference has slashes (127.0.0.1:5000/team/app:1): written as it is or URL-encoded, the rest of the path is the image.
  route('DELETE', '/api/images/*', async (req, params) => {
    const image = imageRef(params['*']);
    if (req.url?.includes('?')) throw new ApiError(400, 'invalid_query', 'Removing an image takes no query, and nothing was removed.', NO_FORCE);
    await readBody(req, null, NO_FORCE);
    return { body: await removeImage(engine, topology(), image) };
  });

  const topology = () => store.snapshot().topology;
  /**
   * After every action, the store reads again what it changed, and the answer
   * waits (briefly) for the picture to hold it: the Engine sends no event for
   * some of them (connecting a stopped container).
   */
  const settle = async <T>(done: T, changed: Changed): Promise<T> => {
    await Promise.race([store.refresh(changed), new Promise((r) => setTimeout(r, REFRESH_WAIT_MS).unref())]);
    return done;
  };

  /** What a lesson's controls create is labelled for that lesson: one this Portolan has, or nothing would ever clean it up. */
  const forKnownLesson = <B extends { lesson?: string }>(body: B): B => {
    if (body.lesson === undefined || lessons.has(body.lesson)) return body;
    throw new ApiError(
      400,
      'unknown_lesson',
      `The request was refused, nothing changed: there is no lesson "${body.lesson}".`,
      'Send the id of one of the lessons GET /api/lessons lists as "lesson", or leave it out.',
    );
  };

  route('POST', '/api/networks', async (req) => {
    const done = await createNetwork(engine, topology(), forKnownLesson(await readBody(req, networkCreateSchema)));
    return { status: 201, body: await settle(done, { networks: [String(done.id)] }) };
  });
  route('POST', '/api/networks/prune', async (req) => {
    const { expected } = await readBody(req, networkPruneSchema);
    const done = await pruneNetworks(engine, topology(), expected);
    return { body: await settle(done, { networks: done.removed as string[] }) };
  });
  route('DELETE', '/api/networks/:ref', async (req, { ref }) => {
    await readBody(req, null);
    const network = findByRef(topology().networks, objectRef(ref))?.id ?? objectRef(ref);
    return { body: await settle(await removeNetwork(engine, topology(), objectRef(ref)), { networks: [network] }) };
  });
  route('POST', '/api/networks/:ref/connect', async (req, { ref }) => {
    const body = await readBody(req, connectSchema);
    return { body: await settle(await connect(engine, topology(), objectRef(ref), body), { containers: [body.container] }) };
  });
  route('POST', '/api/networks/:ref/disconnect', async (req, { ref }) => {
    const body = await readBody(req, disconnectSchema);
    return { body: await settle(await disconnect(engine, topology(), objectRef(ref), body), { containers: [body.container] }) };
  });

  // The shared arrangement of the map, laid out afresh for every viewer; no Engine request.
  route('POST', '/api/layout', async (req) => {
    await readBody(req, null);
    const patch = store.relayout();
    return { body: { revision: patch.to, generation: patch.layout?.generation } };
  });

  route('POST', '/api/containers', async (req) => {
    const done = await runContainer(engine, topology(), forKnownLesson(await readBody(req, runSchema)));
    return { status: 201, body: await settle(done, { containers: [String(done.id)] }) };
  });
  route('PUT', '/api/containers/:ref/ports', async (req, { ref }) => {
    const done = await remapPorts(engine, topology(), objectRef(ref), (await readBody(req, portsSchema)).ports);
    return { body: await settle(done, { containers: [String(done.replaced), String(done.id)] }) };
  });
  for (const verb of ['start', 'stop', 'restart', 'remove'] as const) {
    const answer = async (req: IncomingMessage, ref: string | undefined) => {
      await readBody(req, null);
      const container = findByRef(topology().containers, objectRef(ref))?.id ?? objectRef(ref);
      return { body: await settle(await containerVerb(engine, objectRef(ref), verb, topology()), { containers: [container] }) };
    };
    if (verb === 'remove') route('DELETE', '/api/containers/:ref', (req, { ref }) => answer(req, ref));
    else route('POST', `/api/containers/:ref/${verb}`, (req, { ref }) => answer(req, ref));
  }
  // Swarm services, on a manager: changed in place, each the `docker service …` line it equals.
  route('POST', '/api/services/:ref/scale', async (req, { ref }) => ({
    body: await scaleService(engine, objectRef(ref), await readBody(req, serviceScaleSchema)),
  }));
  route('POST', '/api/services/:ref/publish', async (req, { ref }) => ({
    body: await publishServicePort(engine, objectRef(ref), await readBody(req, servicePublishSchema)),
  }));
  route('POST', '/api/services/:ref/unpublish', async (req, { ref }) => ({
    body: await unpublishServicePort(engine, objectRef(ref), await readBody(req, serviceUnpublishSchema)),
  }));

  route('POST', '/api/containers/:ref/probe', async (req, { ref }) => {
    const body = await readBody(req, probeSchema);
    return { body: await probe(engine, topology(), objectRef(ref), body.target, body.port, body.by) };
  });

  // Lessons: progress for the whole room, held by the server; no Engine request.
  const lesson = <T>(id: string | undefined, found: T | undefined): T => {
    if (found) return found;
    throw new ApiError(404, 'not_found', `There is no lesson "${id ?? ''}".`, 'GET /api/lessons lists the lessons this Portolan has.');
  };
  route('GET', '/api/lessons', async () => ({ body: lessons.list() }));
  route('GET', '/api/lessons/:id', async (_req, { id }) => ({ body: lesson(id, lessons.view(id ?? '')) }));
  for (const verb of ['reset', 'skip', 'back'] as const) {
    route('POST', `/api/lessons/:id/${verb}`, async (req, { id }) => {
      await readBody(req, null);
      // No docker command does this: it moves the room through the lesson, not the Engine.
      return { body: lesson(id, lessons[verb](id ?? '')) };
    });
  }
  // A lesson's objects, those labelled io.portolan.lesson=<id>: what clean-up would remove, then removing it.
  const known = (id: string | undefined) => lesson(id, lessons.has(id ?? '') ? id! : undefined);
  route('GET', '/api/lessons/:id/cleanup', async (_req, { id }) => ({ body: await lessonObjects(engine, known(id)) }));
  route('POST', '/api/lessons/:id/cleanup', async (req, { id }) => {
    await readBody(req, null);
    const done = await cleanUpLesson(engine, topology(), known(id));
    return { body: await settle(done, { containers: done.containers.map((c) => c.id), networks: done.networks.map((n) => n.id) }) };
  });

  return (req: IncomingMessage, res: ServerResponse) => router.lookup(req, res);
}

/** The docker CLI's contexts, offered by name: listed, and one watched on request (server/sites.ts). */
export interface Contexts {
  list(): DockerContext[];
  watch(name: string): { site: Site; added: boolean };
}

/**
 * Several engines behind one API: `?engine=NAME` picks the engine a request is about (the first when absent),
 * `GET /api/engines` lists them and the docker CLI's contexts, and `POST /api/engines` `{ context }` watches one of
 * those. The rest of the request, without that parameter, is the one engine's API. An engine added later (`sites`
 * grows) gets its API on its first request.
 */
export function createSitesApi(
  sites: readonly Site[],
  apiFor: (site: LiveSite) => (req: IncomingMessage, res: ServerResponse) => void,
  contexts: Contexts = { list: () => [], watch: (name) => watchRefused(name) },
) {
  const apis = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const apiOf = (site: LiveSite) => apis.get(site.name) ?? apis.set(site.name, apiFor(site)).get(site.name)!;
  for (const site of sites) if (site.broken === undefined) apiOf(site);
  return (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '';
    const query = raw.indexOf('?');
    const params = new URLSearchParams(query < 0 ? '' : raw.slice(query + 1));
    if (raw.slice(0, query < 0 ? undefined : query).replace(/\/+$/, '') === '/api/engines') {
      setRoute(req, '/api/engines');
      if (req.method === 'GET') return sendJson(res, 200, { engines: sites.map(summaryOf), contexts: contexts.list() });
      if (req.method === 'POST') {
        readBody(req, engineWatchSchema)
          .then(({ context }) => {
            const { site, added } = contexts.watch(context);
            log.info({ context, engine: site.name, added }, added ? `watching the docker context ${context}` : `context ${context} already watched`);
            const command = `docker --context ${shellWord(context)} events`;
            sendJson(
              res,
              added ? 201 : 200,
              added
                ? { engine: summaryOf(site), command }
                : { engine: summaryOf(site), command, unchanged: true, message: `already watched as "${site.name}"` },
            );
          })
          .catch((err: unknown) => sendError(res, err instanceof ApiError ? err : new ApiError(500, 'internal', String(err))));
        return;
      }
    }
    try {
      const named = params.getAll('engine').at(-1) ?? null;
      const site = siteNamed(sites, named);
      if (site.broken !== undefined) {
        const others = sites.filter((s) => s.broken === undefined).map((s) => `?engine=${s.name}`);
        throw new ApiError(
          503,
          'engine_unusable',
          `Portolan cannot use the engine "${site.name}"${named === null ? ', the first one, which a request without ?engine= is about' : ''}: ${site.broken}`,
          `Fix its configuration and start Portolan again${others.length ? `; meanwhile ask another engine (${others.join(', ')})` : ''}.`,
        );
      }
      if (params.has('engine')) {
        params.delete('engine');
        req.url = raw.slice(0, query) + (params.size ? `?${params}` : '');
      }
      apiOf(site)(req, res);
    } catch (err) {
      sendError(res, err instanceof ApiError ? err : new ApiError(500, 'internal', String(err)));
    }
  };
}

function watchRefused(name: string): never {
  throw new ApiError(404, 'unknown_context', `There is no docker context named "${name}" that this Portolan offers.`);
}

/** Why DELETE /api/images/… has no force: the answer to anyone who sends one. */
const NO_FORCE =
  'Send no body and no query: Portolan removes an image the way docker rmi does without --force, and a container that uses it must go first.';

/**
 * Reads a JSON body and validates it strictly; `null` means the operation
 * takes no body, and an empty one or `{}` is all it accepts (`noBodyHint` says why, where it matters).
 */
async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S | null, noBodyHint = 'Send no body, or {}.'): Promise<z.infer<S>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT)
    throw new ApiError(413, 'body_too_large', `The request body is ${declared} bytes; Portolan accepts at most ${BODY_LIMIT}.`);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new ApiError(413, 'body_too_large', `The request body is larger than ${BODY_LIMIT} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  let value: unknown = {};
  if (text) {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new ApiError(400, 'invalid_json', `The body is not JSON: ${(err as Error).message}.`, 'Send a JSON object, e.g. {"name": "demo-net"}.');
    }
  }
  if (schema === null) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return value as z.infer<S>;
    throw new ApiError(400, 'invalid_body', 'This operation takes no body.', noBodyHint);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(
      400,
      'invalid_body',
      `The request was refused, nothing changed: ${describeIssues(parsed.error)}.`,
      'Fix the fields named above and send it again.',
    );
  return parsed.data;
}

/** A path's id or name, checked with the schemas' own pattern: anything else never reaches the Engine's URL space. */
export function objectRef(ref: string | undefined): string {
  if (ref && OBJECT_REF.test(ref)) return ref;
  throw new ApiError(
    400,
    'invalid_ref',
    `"${ref ?? ''}" is not a Docker id or name.`,
    'Use an id, a short id or a name: letters, digits, "_", "." and "-", starting with a letter or digit.',
  );
}

/** An image named in a path, by Docker's reference grammar or its id; anything else never reaches the Engine's URL space. */
function imageRef(ref: string | undefined): string {
  const parsed = imageReference.safeParse(ref ?? '');
  if (parsed.success) return parsed.data;
  throw new ApiError(
    400,
    'invalid_ref',
    `"${ref ?? ''}" is not an image: ${parsed.error.issues[0]?.message ?? 'name it by a tag or its id'}.`,
    'Name the image by a tag (127.0.0.1:5000/team/app:1, URL-encoded or as it is) or by its id.',
  );
}

const jsonHeaders = (text: string) => ({
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'content-length': Buffer.byteLength(text),
});

export function sendJson(res: ServerResponse, status: number, body: unknown, { close = false } = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...jsonHeaders(text), ...(close ? { connection: 'close' } : {}) });
  res.end(text);
}

/** `close`: after a request Portolan could not read, the connection is not trusted with another. */
export function sendError(res: ServerResponse, err: ApiError, options?: { close?: boolean }): void {
  sendJson(res, err.status, err.toBody(), options);
}

/** Answers on the bare connection (an upgrade Portolan does not serve, a request Node could not parse), in the error shape, and closes it at once. */
export function refuseOnSocket(socket: Duplex, err: ApiError): void {
  const text = JSON.stringify(err.toBody());
  const head = Object.entries({ ...jsonHeaders(text), connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.on('error', () => undefined); // the client may be gone already; nothing is left to tell it
  socket.end(`HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? ''}\r\n${head.join('')}\r\n${text}`);
}
