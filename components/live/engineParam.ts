import { createContext } from 'react';

/**
 * Which engine this page shows, from its address (`?engine=NAME`); null means the first one Portolan watches.
 * Every API call and the live feed name it, so an action acts on the engine the person is looking at.
 */
export function currentEngine(): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get('engine');
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
