import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Server as SocketServer } from 'socket.io';
import type { LiveSite } from './sites';

/**
 * What Portolan counts about itself, for `GET /metrics` in Prometheus's text format. Every number is counted
 * as it happens: serving the page asks the Engine nothing.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly engineRequests = new Counter({
    name: 'portolan_engine_requests_total',
    help: 'Requests made to an Engine, by engine, operation (method and path without ids) and outcome (ok, the HTTP status of a refusal, or unreachable).',
    labelNames: ['engine', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly engineEvents = new Counter({
    name: 'portolan_engine_events_total',
    help: 'Events received from an Engine, by engine and type (container, network, node, service, ...).',
    labelNames: ['engine', 'type'] as const,
    registers: [this.registry],
  });
  private readonly patches = new Counter({
    name: 'portolan_patches_total',
    help: 'Patches sent to viewers, by engine.',
    labelNames: ['engine'] as const,
    registers: [this.registry],
  });
  private readonly resyncs = new Counter({
    name: 'portolan_resyncs_total',
    help: 'Full pictures a viewer asked for again (after a gap in revisions or a reconnection), by engine.',
    labelNames: ['engine'] as const,
    registers: [this.registry],
  });
  private readonly eventToPatch = new Histogram({
    name: 'portolan_event_to_patch_seconds',
    help: 'From an Engine event arriving to the patch that follows it (or to the read that found nothing changed), by engine.',
    labelNames: ['engine'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly requestDuration = new Histogram({
    name: 'portolan_http_request_duration_seconds',
    help: 'HTTP requests Portolan answered, by method, route (the pattern, not the path) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Counts what each engine's door and picture do. */
  watch(site: LiveSite): void {
    const engine = site.name;
    site.engine.onRequest(({ operation, outcome }) => this.engineRequests.inc({ engine, operation, outcome }));
    site.store.on('event', (event) => this.engineEvents.inc({ engine, type: event.Type }));
    site.store.on('patch', () => this.patches.inc({ engine }));
    site.store.on('applied', (waitedMs) => {
      for (const ms of waitedMs) this.eventToPatch.observe({ engine }, ms / 1000);
    });
  }

  /** Counts viewers as socket.io holds them, and the full pictures they ask for again (the first engine's when unnamed). */
  watchViewers(io: SocketServer, firstEngine: string): void {
    new Gauge({
      name: 'portolan_viewers',
      help: 'Browsers (and other clients) connected to the live feed now.',
      registers: [this.registry],
      collect() {
        this.set(io.of('/').sockets.size);
      },
    });
    io.on('connection', (socket) => {
      socket.on('topology:resync', (engine: unknown) => this.resyncs.inc({ engine: typeof engine === 'string' ? engine : firstEngine }));
    });
  }

  /** Times the request once it is answered, under the route that answered it. */
  timeRequest(req: IncomingMessage, res: ServerResponse, route: () => string): void {
    const start = performance.now();
    res.once('finish', () =>
      this.requestDuration.observe({ method: req.method ?? '', route: route(), status: String(res.statusCode) }, (performance.now() - start) / 1000),
    );
  }

  async serve(res: ServerResponse): Promise<void> {
    const text = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' }).end(text);
  }
}

/** The route label of a request no API route answered: a few words, never the path itself (a label must come from a short list). */
export function routeLabel(url: string): string {
  const path = url.split('?')[0]!;
  if (path === '/metrics') return '/metrics';
  if (path.startsWith('/_next/')) return '/_next/*';
  if (path === '/api' || path.startsWith('/api/')) return 'api:unmatched';
  return 'page';
}
