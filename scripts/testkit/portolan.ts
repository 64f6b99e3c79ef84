import { loadConfig } from '../../server/config';
import { startPortolan, type Portolan } from '../../server/index';
import type { PatchOp } from '../../lib/topology';
import type { Feed } from './feed';
import { waitFor } from './docker';

/** A Portolan server on a free loopback port, API and live feed only (no pages). */
export function startTestPortolan(engineEnv: NodeJS.ProcessEnv = process.env, env: Record<string, string> = {}): Promise<Portolan> {
  return startPortolan({ config: loadConfig({ PORT: '0', NODE_ENV: 'production', ...env }), engineEnv, pages: false });
}

/** Waits for a patch, published after `since` patches, that holds an op matching `match`. */
export function waitForOp(feed: Feed, since: number, what: string, match: (op: PatchOp) => boolean, timeoutMs = 2000): Promise<PatchOp> {
  return waitFor(
    what,
    () =>
      feed.patches
        .slice(since)
        .flatMap((p) => p.ops)
        .find(match),
    timeoutMs,
  );
}
