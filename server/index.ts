import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi, sendError } from './api';
import { ConfigError, loadConfig, type Config } from './config';
import { Engine, type EngineEnv } from './engine/engine';
import { checkRequest } from './gate';
import { log, logRequest } from './log';
import { attachRealtime } from './realtime';
import { TopologyStore } from './topology/store';

export interface PortolanOptions {
  config: Config;
  engineEnv?: EngineEnv;
  /** A picture to serve instead of the Engine's: benchmarks feed generated topologies through it. */
  store?: (engine: Engine) => TopologyStore;
  /** Serve the Next.js pages too; tests of the API and the live feed leave it off. */
  pages?: boolean;
}

export interface Portolan {
  url: string;
  store: TopologyStore;
  engine: Engine;
  close(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The composition root: security gate first, then the API, socket.io and Next's pages on one port. */
export async function startPortolan({ config, engineEnv = process.env, pages = true, store: makeStore }: PortolanOptions): Promise<Portolan> {
  const engine = new Engine(engineEnv);
  const store = makeStore ? makeStore(engine) : new TopologyStore(engine);
  const api = createApi(store, engine, config);

  let nextHandler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  let nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null = null;
  if (pages) {
    const { default: next } = await import('next');
    const app = next({ dev: config.dev, dir: root, hostname: config.host, port: config.port });
    await app.prepare();
    nextHandler = app.getRequestHandler();
    nextUpgrade = app.getUpgradeHandler();
  }

  const server = http.createServer((req, res) => {
    logRequest(req, res);
    if (acceptTokenFromQuery(config, req, res)) return;
    const refusal = checkRequest(config, req);
    if (refusal) return sendError(res, refusal);
    if (req.url?.startsWith('/api/') || req.url === '/api') return api(req, res);
    if (nextHandler) return void nextHandler(req, res);
    res.writeHead(404).end();
  });

  const io = attachRealtime(server, store, config);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url?.startsWith('/socket.io/')) return; // socket.io's own listener answers, after its gate
    if (nextUpgrade && checkRequest(config, req) === null) return void nextUpgrade(req, socket, head);
    socket.destroy();
  });

  store.start();
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
    async close() {
      await store.stop();
      await io.close();
      server.closeAllConnections();
    },
  };
}

/** `/?token=…` from another machine: keep the token in a cookie and drop it from the address bar. */
function acceptTokenFromQuery(config: Config, req: IncomingMessage, res: ServerResponse): boolean {
  if (!config.token || !req.url?.includes('token=')) return false;
  const url = new URL(req.url, 'http://portolan');
  if (url.searchParams.get('token') !== config.token) return false;
  url.searchParams.delete('token');
  res.writeHead(303, {
    location: url.pathname + url.search,
    'set-cookie': `portolan_token=${encodeURIComponent(config.token)}; HttpOnly; SameSite=Strict; Path=/`,
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
  const portolan = await startPortolan({ config });
  log.info({ url: portolan.url, engine: portolan.engine.endpoint, readOnly: config.readOnly }, `serving ${portolan.url}`);
  portolan.store.on('status', (s) => log[s.status === 'connected' ? 'info' : 'warn']({ engine: s.endpoint, detail: s.detail }, `engine ${s.status}`));
  const shutdown = () => {
    void portolan.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
