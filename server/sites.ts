import { randomUUID } from 'node:crypto';
import { ApiError } from '../lib/apiError';
import { ConfigError } from './config';
import { emptyEngine, type EngineStatus, type EngineSummary, type TopologySnapshot } from '../lib/topology';
import { Engine, type EngineEnv } from './engine/engine';
import { ImageOperations } from './imageOperations';
import { TopologyStore } from './topology/store';

/** One engine to watch: its name (as the API and the map call it) and how to reach it, as DOCKER_HOST and friends say. */
export interface EngineSpec {
  name: string;
  env: EngineEnv;
}

/** An engine Portolan watches, with its own picture and its own pulls and pushes. */
export interface LiveSite {
  name: string;
  endpoint: string;
  engine: Engine;
  store: TopologyStore;
  images: ImageOperations;
  broken?: undefined;
}

/** An engine whose configuration cannot be used: it is listed, with why, and never blanks the others. */
export interface BrokenSite {
  name: string;
  endpoint: string;
  broken: string;
  status: EngineStatus;
  snapshot: TopologySnapshot;
}

export type Site = LiveSite | BrokenSite;

/** The name of the one engine when no list is given: what `docker context ls` calls the engine DOCKER_HOST names. */
export const DEFAULT_ENGINE = 'default';

/** Names travel in URLs (`?engine=`) and graph ids: letters, digits, dot, dash and underscore, as docker context names. */
const ENGINE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function openSites(specs: readonly EngineSpec[], makeStore: (engine: Engine) => TopologyStore): Site[] {
  const seen = new Set<string>();
  return specs.map(({ name, env }) => {
    if (!ENGINE_NAME.test(name)) throw new ConfigError(`engine name "${name}": use letters, digits, ".", "-" and "_" (as docker context names do).`);
    if (seen.has(name)) throw new ConfigError(`engine name "${name}" is given twice: each engine needs its own name.`);
    seen.add(name);
    const endpoint = env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
    let engine: Engine;
    try {
      engine = new Engine(env);
    } catch (err) {
      const broken = err instanceof Error ? err.message : String(err);
      return {
        name,
        endpoint,
        broken,
        status: { status: 'unreachable', endpoint, detail: broken, engine: name },
        snapshot: {
          epoch: randomUUID(),
          revision: 0,
          engine: name,
          topology: { engine: emptyEngine(endpoint), networks: [], containers: [], nodes: [], services: [], tasks: [] },
        },
      } satisfies BrokenSite;
    }
    return { name, endpoint: engine.endpoint, engine, store: makeStore(engine), images: new ImageOperations(engine) } satisfies LiveSite;
  });
}

export function statusOf(site: Site): EngineStatus {
  return site.broken !== undefined ? site.status : { ...site.store.status(), engine: site.name };
}

export function snapshotOf(site: Site): TopologySnapshot {
  return site.broken !== undefined ? site.snapshot : { ...site.store.snapshot(), engine: site.name };
}

export function summaryOf(site: Site): EngineSummary {
  const { status, endpoint, detail } = statusOf(site);
  const version = site.broken !== undefined ? '' : site.store.snapshot().topology.engine.version;
  return { name: site.name, endpoint, status, version, ...(detail && status !== 'connected' ? { detail } : {}) };
}

/** The site a request names with `?engine=NAME`, or the first; an unknown name is a 404 that lists the known ones. */
export function siteNamed(sites: readonly Site[], name: string | null): Site {
  if (name === null) return sites[0]!;
  const site = sites.find((s) => s.name === name);
  if (site) return site;
  throw new ApiError(
    404,
    'unknown_engine',
    `There is no engine named "${name}".`,
    `Portolan watches ${sites.map((s) => `"${s.name}"`).join(', ')}; GET /api/engines lists them.`,
  );
}

/**
 * The engines to watch: `PORTOLAN_ENGINES=name=endpoint,…` (endpoints as DOCKER_HOST takes them), or else the one
 * engine DOCKER_HOST names, called "default" as the docker CLI calls it.
 */
export function specsFromEnv(env: EngineEnv): EngineSpec[] {
  const list = env.PORTOLAN_ENGINES?.trim();
  if (!list) return [{ name: DEFAULT_ENGINE, env }];
  return list
    .split(',')
    .filter((item) => item.trim())
    .map((item) => {
      const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(item);
      if (!m)
        throw new ConfigError(
          `PORTOLAN_ENGINES: "${item.trim()}" is not name=endpoint; write e.g. PORTOLAN_ENGINES=here=unix:///var/run/docker.sock,lab=ssh://me@lab.`,
        );
      if (!ENGINE_NAME.test(m[1]!))
        throw new ConfigError(`PORTOLAN_ENGINES: "${m[1]}" is not an engine name; use letters, digits, ".", "-" and "_".`);
      return { name: m[1]!, env: { ...env, DOCKER_HOST: m[2]!, DOCKER_TLS_VERIFY: undefined, DOCKER_CERT_PATH: undefined } };
    });
}
