import { randomUUID } from 'node:crypto';
import { ApiError } from '../lib/apiError';
import { ConfigError } from './config';
import { emptyEngine, type DockerContext, type EngineStatus, type EngineSummary, type TopologySnapshot } from '../lib/topology';
import { Engine } from './engine/engine';
import { listContexts, type EngineEnv } from './engine/contexts';
import { contextSpec, DEFAULT_ENGINE, ENGINE_NAME, type EngineSpec } from './engine/engineSpecs';
import { ImageOperations } from './imageOperations';
import { TopologyStore } from './topology/store';

/** The label the swarm puts on a task's container. */
const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';

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

/**
 * A task's container that starts or dies on a worker is news the manager never sends: Docker has no task events,
 * and a worker's engine events stay on the worker. When Portolan watches the worker too, its container events
 * tell every manager of that node among `sites` (read at each event, so engines watched later count too) to read
 * the service again: the task moves on the map at once instead of at the manager's next event. Costs nothing
 * while nothing happens.
 */
export function linkSwarmSite(sites: readonly Site[], worker: LiveSite): void {
  worker.store.on('event', (event) => {
    if (event.Type !== 'container' || (event.Action !== 'start' && event.Action !== 'die')) return;
    const serviceId = event.Actor.Attributes?.[SERVICE_ID_LABEL];
    const nodeId = worker.store.snapshot().topology.engine.swarm.nodeId;
    if (!serviceId || !nodeId) return;
    for (const manager of sites) if (manager.broken === undefined && manager !== worker) manager.store.taskSeenOnNode(nodeId, serviceId);
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

/** Whether a site is the engine a docker context names: it reaches it by `--context NAME`, or it is `default`, DOCKER_HOST's. */
function watches(site: Site, context: string): boolean {
  if (site.broken !== undefined) return false;
  const [flag, value] = site.engine.dockerFlags;
  return flag === '--context' ? value === context : context === DEFAULT_ENGINE && site.name === DEFAULT_ENGINE;
}

/** The docker CLI's contexts, as `docker context ls` lists them, each saying whether Portolan watches it. */
export function contextsOf(sites: readonly Site[], env: EngineEnv): DockerContext[] {
  return listContexts(env).map(({ name, endpoint, description }) => ({
    name,
    endpoint,
    description,
    watched: sites.some((site) => watches(site, name)),
    command: `docker context inspect ${name}`,
  }));
}

/**
 * Watches the engine a docker context names, from now until Portolan stops: only a name `docker context ls` lists,
 * never an endpoint a request brings. `open` makes its site; it joins `sites` here. A context watched already is
 * that site, `added: false`; one whose endpoint cannot be used, or whose name an engine has, changes nothing.
 */
export function watchContext(sites: Site[], context: string, env: EngineEnv, open: (spec: EngineSpec) => Site): { site: Site; added: boolean } {
  const listed = listContexts(env);
  if (!listed.some((c) => c.name === context))
    throw new ApiError(
      404,
      'unknown_context',
      `There is no docker context named "${context}", so nothing changed.`,
      `\`docker context ls\` lists ${listed.map((c) => `"${c.name}"`).join(', ')}; make another with \`docker context create\`.`,
    );
  const watching = sites.find((site) => watches(site, context));
  if (watching) return { site: watching, added: false };
  const spec = contextSpec(context, `docker context ${context}`, env);
  if (spec.error !== undefined)
    throw new ApiError(400, 'context_unusable', `Portolan cannot watch the context "${context}", so nothing changed: ${spec.error}`);
  // As for DOCKER_CONTEXT: the docker CLI allows a + in a name, which a URL would read as a space.
  const name = context.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63);
  const taken = sites.find((site) => site.name === name);
  if (taken)
    throw new ApiError(
      409,
      'engine_name_taken',
      `Portolan watches an engine named "${name}" already (${taken.endpoint}), so the context "${context}" was not added.`,
      `To watch both, name one differently in PORTOLAN_ENGINES (e.g. ${name}-2=${spec.endpoint}) and start Portolan again.`,
    );
  const site = open({ ...spec, name });
  sites.push(site);
  return { site, added: true };
}
