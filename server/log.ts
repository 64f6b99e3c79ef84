import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The server's one logger: JSON lines, level from LOG_LEVEL. Tests are quiet
 * unless LOG_LEVEL says otherwise; development reads them through pino-pretty,
 * which production never loads.
 */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const testing = env.VITEST !== undefined || env.NODE_ENV === 'test';
  const level = env.LOG_LEVEL?.trim() || (testing ? 'silent' : 'info');
  const options = { level, base: { service: 'portolan' } };
  const pretty = env.NODE_ENV !== 'production' && !testing ? prettyStream() : null;
  return pretty ? pino(options, pretty) : pino(options);
}

/** pino-pretty is a development dependency: without it, development logs stay JSON. */
function prettyStream(): DestinationStream | null {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
  } catch {
    return null;
  }
}

export const log = createLogger();

/** The route pattern that answered a request, when it was a routed one (`/api/networks/:ref`), set by whoever routed it. */
const routes = new WeakMap<IncomingMessage, string>();

export function setRoute(req: IncomingMessage, route: string): void {
  routes.set(req, route);
}

export function routeOf(req: IncomingMessage): string | undefined {
  return routes.get(req);
}

/** One line per request once it is answered: method, route (or path), status and time. */
export function logRequest(req: IncomingMessage, res: ServerResponse): void {
  const start = performance.now();
  res.once('finish', () => {
    const line = {
      method: req.method,
      route: routes.get(req) ?? (req.url ?? '').split('?')[0],
      status: res.statusCode,
      ms: Math.round((performance.now() - start) * 10) / 10,
    };
    if (res.statusCode >= 500) log.error(line, 'request');
    else log.info(line, 'request');
  });
}
