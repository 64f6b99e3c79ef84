import { randomUUID } from 'node:crypto';
import { ApiError } from '../lib/apiError';
import { ConfigError } from './config';
import { emptyEngine, type EngineStatus, type EngineSummary, type TopologySnapshot } from '../lib/topology';
import { Engine } from './engine/engine';
import { ENGINE_NAME, type EngineSpec } from './engine/engineSpecs';
import { ImageOperations } from './imageOperations';
import { TopologyStore } from './topology/store';

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

/** Each engine spec opened: one that could be configured gets its Engine and picture; one that could not, its one line. */
export function openSites(specs: readonly EngineSpec[], makeStore: (engine: Engine) => TopologyStore): Site[] {
  const seen = new Set<string>();
  return specs.map((spec) => {
    const { name, endpoint } = spec;
    if (!ENGINE_NAME.test(name)) throw new ConfigError(`engine name "${name}": use letters, digits, ".", "-" and "_" (as docker context names do).`);
    if (seen.has(name)) throw new ConfigError(`engine name "${name}" is given twice: each engine needs its own name.`);
    seen.add(name);
    if (spec.error !== undefined) {
      return {
        name,
        endpoint,
        broken: spec.error,
        status: { status: 'unreachable', endpoint, detail: spec.error, engine: name },
        snapshot: {
          epoch: randomUUID(),
          revision: 0,
          engine: name,
          topology: { engine: emptyEngine(endpoint), networks: [], containers: [], nodes: [], services: [], tasks: [] },
        },
      } satisfies BrokenSite;
    }
    const engine = new Engine(spec);
    return { name, endpoint, engine, store: makeStore(engine), images: new ImageOperations(engine) } satisfies LiveSite;
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
  return {
    name: site.name,
    endpoint,
    status,
    version,
    ...(detail && status !== 'connected' ? { detail } : {}),
    ...(site.broken === undefined ? { dockerFlags: [...site.engine.dockerFlags] } : {}),
  };
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
