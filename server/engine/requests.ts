/** One request Portolan made to an Engine, once it has its answer: what it asked and how it went. */
export interface EngineRequest {
  /** The method and the path with its names and ids left out: `GET /containers/{id}/json`. */
  operation: string;
  /** `ok`, the Engine's HTTP status when it refused (`404`), or `unreachable` when no answer came. */
  outcome: string;
}

/** Collections whose second path segment is an object's id or name, unless it is one of these verbs. */
const BY_ID: Record<string, ReadonlySet<string>> = {
  containers: new Set(['json', 'create', 'prune']),
  networks: new Set(['create', 'prune']),
  volumes: new Set(['create', 'prune']),
  services: new Set(['create']),
  nodes: new Set<string>(),
  tasks: new Set<string>(),
  secrets: new Set(['create']),
  configs: new Set(['create']),
  exec: new Set<string>(),
  plugins: new Set(['privileges', 'pull', 'create']),
  distribution: new Set<string>(),
};
const IMAGE_VERBS = new Set(['json', 'history', 'push', 'tag', 'get']);
const IMAGE_ROOT = new Set(['json', 'create', 'load', 'get', 'search', 'prune']);

/**
 * The operation a request names, with no id or name in it: a metric's label must come from a short list,
 * whatever objects the Engine holds. An image's name may hold slashes (`portolan/busybox:test`), so
 * everything between `/images/` and the verb is the name.
 */
export function operationOf(method: string, path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  if (/^v\d+\.\d+$/.test(segments[0] ?? '')) segments.shift();
  const [collection, second] = segments;
  if (collection === 'images' && second !== undefined && !IMAGE_ROOT.has(second)) {
    const last = segments.at(-1)!;
    const verb = segments.length > 2 && IMAGE_VERBS.has(last) ? `/${last}` : '';
    segments.splice(1, segments.length, `{name}${verb}`);
  } else if (collection !== undefined && second !== undefined && BY_ID[collection] && !BY_ID[collection].has(second)) {
    segments[1] = '{id}';
  }
  return `${method.toUpperCase()} /${segments.join('/')}`;
}

/** How a request ended, from docker-modem's callback error. */
export function outcomeOf(err: unknown): string {
  if (!err) return 'ok';
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? String(status) : 'unreachable';
}
