import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SOCKET, EndpointError, parseEndpoint, type Connection, type Tls } from './endpoint';

export type EngineEnv = Record<string, string | undefined>;

/**
 * The docker CLI's contexts, read from where `docker context create` writes
 * them: `~/.docker/contexts/meta/<sha256 of the name>/meta.json` holds
 * `Endpoints.docker.Host` and `SkipTLSVerify`; the TLS files it was given are
 * copied to `~/.docker/contexts/tls/<sha256>/docker/`.
 */
interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** A context as `docker context ls` lists it. */
export interface ContextEntry {
  name: string;
  endpoint: string;
  description: string;
}

/** What `docker context ls` says of the context it does not store: the engine DOCKER_HOST (or the local socket) names. */
const DEFAULT_CONTEXT_DESCRIPTION = 'Current DOCKER_HOST based configuration';

/**
 * The contexts `docker context ls` lists, by name: `default` (DOCKER_HOST's engine) and every one stored under
 * `contexts/meta/`. One whose meta.json cannot be read, or that names no Docker endpoint, is left out: no engine
 * could come of it. Read from the files each time, so a `docker context create` is seen without a restart.
 */
export function listContexts(env: EngineEnv): ContextEntry[] {
  const meta = path.join(dockerConfigDir(env), 'contexts', 'meta');
  let folders: string[];
  try {
    folders = fs.readdirSync(meta);
  } catch {
    folders = [];
  }
  const stored = folders.flatMap((folder): ContextEntry[] => {
    try {
      const context = JSON.parse(fs.readFileSync(path.join(meta, folder, 'meta.json'), 'utf8')) as ContextMeta;
      const host = context.Endpoints?.docker?.Host?.trim();
      // The folder is the name's sha256: a meta.json copied under another name is not that context.
      if (!context.Name || !host || createHash('sha256').update(context.Name).digest('hex') !== folder) return [];
      return [{ name: context.Name, endpoint: host, description: context.Metadata?.Description ?? '' }];
    } catch {
      return [];
    }
  });
  const local = { name: 'default', endpoint: env.DOCKER_HOST?.trim() || `unix://${DEFAULT_SOCKET}`, description: DEFAULT_CONTEXT_DESCRIPTION };
  return [local, ...stored.filter((c) => c.name !== 'default').sort((a, b) => a.name.localeCompare(b.name))];
}

/** `DOCKER_CONFIG`, else `~/.docker`: the docker CLI's own folder. */
export function dockerConfigDir(env: EngineEnv): string {
  return env.DOCKER_CONFIG?.trim() || path.join(env.HOME?.trim() || os.homedir(), '.docker');
}

/** The context the docker CLI would use when no DOCKER_HOST is set: DOCKER_CONTEXT, else config.json's currentContext. */
export function currentContext(env: EngineEnv): { name: string; setting: string } | null {
  const fromEnv = env.DOCKER_CONTEXT?.trim();
  if (fromEnv) return { name: fromEnv, setting: `DOCKER_CONTEXT=${fromEnv}` };
  const file = path.join(dockerConfigDir(env), 'config.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new EndpointError(`${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  let config: { currentContext?: unknown };
  try {
    config = JSON.parse(text) as { currentContext?: unknown };
  } catch (err) {
    throw new EndpointError(`${file} is not valid JSON (${(err as Error).message}); the docker CLI cannot read it either.`);
  }
  const name = typeof config.currentContext === 'string' ? config.currentContext.trim() : '';
  return name ? { name, setting: `currentContext "${name}" in ${file}` } : null;
}

/**
 * The connection a named context describes; `setting` says who named it, for
 * the error. The context `default` is not stored: it is DOCKER_HOST's, which
 * the caller reads.
 */
export function contextConnection(name: string, setting: string, env: EngineEnv): Connection {
  const id = createHash('sha256').update(name).digest('hex');
  const contexts = path.join(dockerConfigDir(env), 'contexts');
  const file = path.join(contexts, 'meta', id, 'meta.json');
  let meta: ContextMeta;
  try {
    meta = JSON.parse(fs.readFileSync(file, 'utf8')) as ContextMeta;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new EndpointError(`${setting}: there is no docker context named "${name}" (no ${file}); \`docker context ls\` lists the ones there are.`);
    throw new EndpointError(`${setting}: ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  const docker = meta.Endpoints?.docker;
  const host = docker?.Host?.trim();
  if (!host) throw new EndpointError(`${setting}: the docker context "${name}" has no Docker endpoint (Endpoints.docker.Host in ${file}).`);
  const connection = parseEndpoint(host, `${setting}: the context's endpoint ${host}`);
  if (connection.kind === 'tcp') connection.tls = contextTls(path.join(contexts, 'tls', id, 'docker'), docker?.SkipTLSVerify === true);
  return connection;
}

/** As the docker CLI: TLS when the context holds TLS files or skips verification; a cert counts only with its key. */
function contextTls(folder: string, skipVerify: boolean): Tls | null {
  const read = (file: string): Buffer | undefined => {
    try {
      return fs.readFileSync(path.join(folder, file));
    } catch {
      return undefined;
    }
  };
  const ca = read('ca.pem');
  const cert = read('cert.pem');
  const key = read('key.pem');
  const pair = cert && key ? { cert, key } : {};
  if (!ca && !('cert' in pair) && !skipVerify) return null;
  return { ...(ca ? { ca } : {}), ...pair, verify: !skipVerify };
}
