import { createContext } from 'react';
import { splitEngineId } from '../../lib/graph/engines';

/** The address of the map of every engine at once: `/?engines=all`, as the live feed's handshake says it. */
export const ALL_ENGINES_QUERY = 'engines=all';

/** Whether this page shows every engine on one map (`?engines=all`). */
export function showsAllEngines(): boolean {
  if (typeof window === 'undefined') return false;
  return new URLSearchParams(window.location.search).get('engines') === 'all';
}

/**
 * Which engine this page's requests go to, from its address: `?engine=NAME`; on the map of every engine, the engine of
 * the selected element (its id's `NAME/`); null means the first one Portolan watches.
 * Every API call and the live feed name it, so an action acts on the engine the person is looking at.
 */
export function currentEngine(): string | null {
  if (typeof window === 'undefined') return null;
  const params = new URLSearchParams(window.location.search);
  if (params.get('engines') === 'all') return splitEngineId(params.get('select') ?? '').engine;
  return params.get('engine');
}

/** An API path aimed at the engine this page shows. */
export function withEngine(path: string): string {
  const engine = currentEngine();
  if (!engine) return path;
  return `${path}${path.includes('?') ? '&' : '?'}engine=${encodeURIComponent(engine)}`;
}

/**
 * What `docker` needs to reach the engine the page shows, when it is not the first: the words after `docker`
 * (`--context NAME`, or `-H ENDPOINT` and its TLS files), or a bare endpoint for `-H`; null for the first.
 */
export const EngineAimContext = createContext<string | readonly string[] | null>(null);

/** Whether the page shows the first engine: the default one, that lessons watch and plain `docker` lines reach. */
export function showsFirstEngine(engines: readonly { name: string }[], param: string | null): boolean {
  return param === null || engines[0]?.name === param;
}
