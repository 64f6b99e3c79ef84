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
