import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../lib/apiError';
import { createApi, createSitesApi, refuseOnSocket, sendError } from './api';
import { ConfigError, loadConfig, type Config } from './config';
import { Engine, type EngineEnv } from './engine/engine';
import { checkRequest, hostAllowed, isToken, requestTarget } from './gate';
import { imageTags } from './engine/images';
import { loadLessons } from './lessons/library';
import { Lessons } from './lessons/service';
import { appRoot } from './appRoot';
import { log, logRequest, routeOf } from './log';
import { Metrics, routeLabel } from './metrics';
import { REALTIME_PATH, attachRealtime, follow } from './realtime';
import { engineSpecs, type EngineSpec } from './engine/engineSpecs';
import { contextsOf, linkSwarmSite, openSites, snapshotOf, watchContext, type LiveSite, type Site } from './sites';
import { TopologyStore } from './topology/store';

export interface PortolanOptions {
  config: Config;
  /** The engines an environment names (PORTOLAN_ENGINES, else DOCKER_HOST or the docker context), when `engines` is not given. */
  engineEnv?: EngineEnv;
  /** Several engines; the first is the one every request and feed without `engine` means. */
  engines?: EngineSpec[];
  /** A picture to serve instead of the Engine's: benchmarks feed generated topologies through it. */
  store?: (engine: Engine) => TopologyStore;
  /** Serve the Next.js pages too; tests of the API and the live feed leave it off. */
  pages?: boolean;
}

export interface Portolan {
  url: string;
  /** The picture and door of the first engine that could be configured: the default engine, unless that one is broken. */
  store: TopologyStore;
  engine: Engine;
  sites: Site[];
  lessons: Lessons;
  close(): Promise<void>;
}

/** The composition root: security gate first, then the API, socket.io and Next's pages on one port. */
export async function startPortolan({
  config,
  engineEnv = process.env,
  engines,
  pages = true,
  store: makeStore,
}: PortolanOptions): Promise<Portolan> {
  const storeFor = makeStore ?? ((engine: Engine) => new TopologyStore(engine));
  const sites = openSites(engines ?? engineSpecs(engineEnv), storeFor);
  const first = sites[0]!;
  // Nothing to watch: say what is wrong with each engine, a line each. With one engine usable, the others are listed broken.
  const usable = sites.find((s): s is LiveSite => s.broken === undefined);
  if (!usable) throw new ConfigError(sites.flatMap((site) => (site.broken !== undefined ? [site.broken] : [])).join('\n'));
  const { engine, store } = usable;
  const live = () => sites.filter((s): s is LiveSite => s.broken === undefined);
  const metrics = new Metrics();
  // Each engine's requests, events and patches counted; a worker's task containers told to the managers of its swarm.
  const watchSite = (site: LiveSite) => {
    metrics.watch(site);
    linkSwarmSite(sites, site);
  };
  for (const site of live()) watchSite(site);
  // Lessons are about the first engine: the one a learner types `docker` at. A broken one shows them an empty picture.
  const lessons = new Lessons(loadLessons(undefined, config.lessonVars), () => snapshotOf(first).topology);
  for (const { file, message } of lessons.list().errors) log.error({ file }, `lesson not loaded: ${message}`);
  let imagesTimer: NodeJS.Timeout | null = null;
  if (first.broken === undefined) {
    const { store: firstStore, engine: firstEngine } = first;
    firstStore.on('patch', () => lessons.update());
    firstStore.on('snapshot', () => lessons.update());
    firstStore.on('event', (event) => lessons.engineEvent(event));
    // The images the lessons ask about: read once the Engine answers, then only after an image event, never idly.
    const readImages = () => {
      if (imagesTimer) return;
      imagesTimer = setTimeout(() => {
        imagesTimer = null;
        imageTags(firstEngine).then(
          (images) => lessons.setImages(images),
          (err: unknown) => log.warn({ err }, 'could not read the images for the lessons'),
        );
      }, 100);
    };
    firstStore.on('event', (event) => event.Type === 'image' && readImages());
    firstStore.on('snapshot', readImages);
  }
  const api = createSitesApi(
    sites,
    (site) => createApi(site.store, site.engine, config, lessons, site.images, { name: site.name, aimed: site !== first }),
    {
      list: () => contextsOf(sites, engineEnv),
      // A context watched at runtime lasts until Portolan stops: PORTOLAN_ENGINES is what a restart reads.
      watch: (name) => {
        const watched = watchContext(sites, name, engineEnv, (spec) => openSites([spec], storeFor)[0]!);
        const { site, added } = watched;
        if (added && site.broken === undefined) {
          watchSite(site);
          follow(io, sites, site);
          site.store.start();
        }
        return watched;
      },
    },
  );

  let nextHandler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  let nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null = null;
  if (pages) {
    if (!config.dev) readStandaloneConfig();
    const { default: next } = await import('next');
    const app = next({ dev: config.dev, dir: appRoot, hostname: config.host, port: config.port });
    await app.prepare();
    nextHandler = app.getRequestHandler();
    nextUpgrade = app.getUpgradeHandler();
  }

  // socket.io (engine.io) takes its own requests before these listeners, by this same test of the raw target.
  const server = http.createServer((req, res) => {
    logRequest(req, res);
    metrics.timeRequest(req, res, () => routeOf(req) ?? routeLabel(req.url ?? ''));
    const target = requestTarget(req);
    if (target instanceof ApiError) return sendError(res, target, { close: true });
    if (acceptTokenFromQuery(config, req, target, res)) return;
    const refusal = checkRequest(config, req);
    if (refusal) return sendError(res, refusal);
    // By the raw target, as the API's router reads it: "/api/../x" stays the API's (a 404), never a page's.
    const raw = req.url ?? '';
    if (raw.startsWith('/api/') || raw === '/api' || raw.startsWith('/api?')) return api(req, res);
    if (target.pathname === '/metrics') {
      if (req.method === 'GET' || req.method === 'HEAD') return void metrics.serve(res);
      return sendError(
        res,
        new ApiError(405, 'method_not_allowed', `${req.method} /metrics changes nothing.`, 'Read the metrics with GET /metrics.'),
      );
    }
    if (nextHandler) return void nextHandler(req, res);
    res.writeHead(404).end();
  });

  const io = attachRealtime(server, sites, config, lessons);
  metrics.watchViewers(io, first.name);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isRealtimeRequest(req)) return; // socket.io's own listener answers, after its gate
    const target = requestTarget(req);
    if (target instanceof ApiError) return refuseOnSocket(socket, target);
    const refusal = checkRequest(config, req);
    if (refusal) return refuseOnSocket(socket, refusal);
    // Only the dev server's reload has a WebSocket of its own; anything else is answered and closed at once.
    if (nextUpgrade && config.dev && target.pathname.startsWith('/_next/')) return void nextUpgrade(req, socket, head);
    refuseOnSocket(
      socket,
      new ApiError(404, 'not_found', `There is no WebSocket at ${target.pathname}.`, `Portolan's live feed is at ${REALTIME_PATH}.`),
    );
  });

  // What Node's parser cannot read gets the same answer as a target Portolan cannot read, not a bare 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    if (err.code === 'HPE_HEADER_OVERFLOW')
      return refuseOnSocket(socket, new ApiError(431, 'headers_too_large', 'The request headers are too large.'));
    refuseOnSocket(
      socket,
      new ApiError(
        400,
        'bad_request',
        `Portolan cannot read this request (${err.code ?? err.message}).`,
        'Send an HTTP/1.1 request for a path such as /api/health.',
      ),
    );
  });

  for (const site of live()) site.store.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    store,
    engine,
    sites,
    lessons,
    async close() {
      if (imagesTimer) clearTimeout(imagesTimer);
      for (const site of live()) site.images.close();
      await Promise.all(live().map((site) => site.store.stop()));
      for (const site of live()) site.engine.close();
      await io.close();
      server.closeAllConnections();
    },
  };
}

/**
 * The image holds Next's standalone build and no next.config.js: the settings the build used travel in
 * .next/required-server-files.json, and Next reads them from this variable, as its own standalone server.js sets it.
 */
function readStandaloneConfig(): void {
  if (fs.existsSync(path.join(appRoot, 'next.config.js'))) return;
  const files = path.join(appRoot, '.next', 'required-server-files.json');
  if (!fs.existsSync(files)) return;
  const { config } = JSON.parse(fs.readFileSync(files, 'utf8')) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

/** engine.io's own test for its requests (a prefix of the raw target), so both sides always agree on whose a request is. */
function isRealtimeRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').startsWith(REALTIME_PATH);
}

/** `/?token=…` from another machine: keep the token in a cookie and drop it from the address bar. */
function acceptTokenFromQuery(config: Config, req: IncomingMessage, url: URL, res: ServerResponse): boolean {
  const { token } = config;
  if (!token || !hostAllowed(config, req.headers.host) || !isToken(config, url.searchParams.get('token'))) return false;
  url.searchParams.delete('token');
  res.writeHead(303, {
    location: url.pathname + url.search,
    'set-cookie': `portolan_token=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
  });
  res.end();
  return true;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`portolan: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  let portolan: Portolan;
  try {
    portolan = await startPortolan({ config });
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.message.split('\n')) console.error(`portolan: ${line}`);
      process.exit(2);
    }
    throw err;
  }
  log.info(
    { url: portolan.url, engines: portolan.sites.map((s) => `${s.name}=${s.endpoint}`), readOnly: config.readOnly },
    `serving ${portolan.url}`,
  );
  for (const site of portolan.sites) {
    if (site.broken !== undefined) log.error({ engine: site.name }, `engine ${site.name} cannot be used: ${site.broken}`);
    else
      site.store.on('status', (s) =>
        log[s.status === 'connected' ? 'info' : 'warn']({ engine: site.name, endpoint: s.endpoint, detail: s.detail }, `engine ${s.status}`),
      );
  }
  closeOnSignals(portolan);
}

/** How long a close may take before the process ends anyway: well inside `docker stop`'s 10 s before its SIGKILL. */
const CLOSE_DEADLINE_MS = 8000;

/**
 * SIGTERM (what `docker stop` sends) or SIGINT: the viewers disconnected, each Engine's event stream closed, then
 * exit 0. A close that hangs ends in exit 1 at the deadline rather than in Docker's SIGKILL.
 */
export function closeOnSignals(portolan: Pick<Portolan, 'close'>): void {
  const shutdown = (signal: NodeJS.Signals) => {
    log.info(`${signal}: closing`);
    setTimeout(() => {
      log.error(`not closed after ${CLOSE_DEADLINE_MS} ms: exiting anyway`);
      process.exit(1);
    }, CLOSE_DEADLINE_MS).unref();
    portolan.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'closing failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
