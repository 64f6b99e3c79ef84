import path from 'node:path';
import { ConfigError } from '../config';
import { contextConnection, currentContext, dockerConfigDir, type EngineEnv } from './contexts';
import { describeConnection, EndpointError, parseEndpoint, type Connection, type TlsSettings } from './endpoint';

/**
 * One engine Portolan is told to watch. One that cannot be configured keeps
 * its one-line error and is shown broken; the others still run.
 */
export type EngineSpec = { name: string; endpoint: string } & (
  | {
      connection: Connection;
      /**
       * The docker CLI's global options that reach this engine, as a person would type them:
       * `--context NAME` for a docker context, else `-H ENDPOINT` and, for TLS, the files it reads.
       */
      dockerFlags: string[];
      error?: undefined;
    }
  | { connection?: undefined; dockerFlags?: undefined; error: string }
);

/** Names travel in URLs (`?engine=`), graph ids and variable names: letters, digits, dot, dash and underscore, as docker context names. */
export const ENGINE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** The name of the one engine when no list is given: what `docker context ls` calls the engine DOCKER_HOST names. */
export const DEFAULT_ENGINE = 'default';

/**
 * Every engine the environment names. `PORTOLAN_ENGINES` lists them,
 * comma-separated: `name=endpoint` (as DOCKER_HOST takes it; TLS from
 * `PORTOLAN_ENGINE_<NAME>_TLS_VERIFY` and `_CERT_PATH`), or a docker context's
 * name alone. Without it, the one engine the docker CLI would use: DOCKER_HOST,
 * else DOCKER_CONTEXT, else config.json's current context, else the local socket.
 * An engine whose endpoint cannot be used carries its error; a list that cannot
 * be read (a bad or repeated name) is a ConfigError.
 */
export function engineSpecs(env: EngineEnv): EngineSpec[] {
  const list = env.PORTOLAN_ENGINES?.trim();
  if (!list) return [defaultEngine(env)];
  const specs: EngineSpec[] = [];
  const variables = new Map<string, string>();
  for (const item of list.split(',').map((s) => s.trim())) {
    if (!item) continue;
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim();
    const address = eq < 0 ? null : item.slice(eq + 1).trim();
    if (!ENGINE_NAME.test(name))
      throw new ConfigError(
        `PORTOLAN_ENGINES: "${name}" is not an engine name; use letters, digits, ".", "-" and "_" (e.g. PORTOLAN_ENGINES=here=unix:///var/run/docker.sock,lab=ssh://me@lab).`,
      );
    if (specs.some((s) => s.name === name))
      throw new ConfigError(`PORTOLAN_ENGINES names the engine "${name}" twice; give each engine its own name.`);
    const key = variableName(name);
    const sharing = variables.get(key);
    if (sharing !== undefined)
      throw new ConfigError(`PORTOLAN_ENGINES: "${sharing}" and "${name}" would share the variables PORTOLAN_ENGINE_${key}_*; rename one.`);
    variables.set(key, name);
    if (address === null) {
      specs.push(contextSpec(name, `PORTOLAN_ENGINES: context ${name}`, env));
    } else if (!address) {
      specs.push({
        name,
        endpoint: '',
        error: `PORTOLAN_ENGINES: ${name}= names no endpoint; write ${name}=unix:///path, ${name}=tcp://host:port or ${name}=ssh://user@host, or just ${name} for a docker context.`,
      });
    } else {
      const tls = tlsSettings(env, `PORTOLAN_ENGINE_${key}_TLS_VERIFY`, `PORTOLAN_ENGINE_${key}_CERT_PATH`);
      specs.push(attempt(name, address, () => parseEndpoint(address, `PORTOLAN_ENGINES: ${name}=${address}`, tls), tls));
    }
  }
  return specs.length > 0 ? specs : [defaultEngine(env)];
}

/** `prod-eu` → `PROD_EU`, as in PORTOLAN_ENGINE_PROD_EU_TLS_VERIFY. */
export function variableName(engine: string): string {
  return engine.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The engine the docker CLI would talk to in this environment, named as `docker context ls` names it. */
export function defaultEngine(env: EngineEnv): EngineSpec {
  const host = env.DOCKER_HOST?.trim();
  if (host) {
    const tls = tlsSettings(env, 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH');
    return attempt(DEFAULT_ENGINE, host, () => parseEndpoint(host, `DOCKER_HOST=${host}`, tls), tls);
  }
  let context: ReturnType<typeof currentContext>;
  try {
    context = currentContext(env);
  } catch (err) {
    if (err instanceof EndpointError) return { name: DEFAULT_ENGINE, endpoint: '', error: err.message };
    throw err;
  }
  // The docker CLI allows a + in a context's name, which a URL would read as a space.
  if (context && context.name !== DEFAULT_ENGINE)
    return { ...contextEngine(context.name, context.setting, env), name: context.name.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63) };
  return attempt(DEFAULT_ENGINE, '', () => parseEndpoint('', 'DOCKER_HOST'));
}

/**
 * The engine a docker context names, as `docker --context NAME` reaches it; `default` is DOCKER_HOST's, as in
 * `docker context ls`. `setting` says who named it, for the error.
 */
export function contextSpec(name: string, setting: string, env: EngineEnv): EngineSpec {
  // `default` is DOCKER_HOST's engine, else the local socket, whatever context config.json makes current.
  return name === DEFAULT_ENGINE ? defaultEngine({ ...env, DOCKER_CONTEXT: DEFAULT_ENGINE }) : contextEngine(name, setting, env);
}

function contextEngine(name: string, setting: string, env: EngineEnv): EngineSpec {
  const spec = attempt(name, '', () => contextConnection(name, setting, env));
  return spec.error === undefined ? { ...spec, dockerFlags: ['--context', name] } : spec;
}

function attempt(name: string, address: string, parse: () => Connection, tls?: TlsSettings): EngineSpec {
  try {
    const connection = parse();
    const endpoint = describeConnection(connection);
    return { name, endpoint, connection, dockerFlags: ['-H', endpoint, ...(connection.kind === 'tcp' && connection.tls ? tlsFlags(tls) : [])] };
  } catch (err) {
    if (err instanceof EndpointError) return { name, endpoint: address, error: err.message };
    throw err;
  }
}

/** The files TLS was read from, as `docker --tlsverify` takes them. */
function tlsFlags(tls: TlsSettings | undefined): string[] {
  if (!tls) return [];
  const file = (name: string) => path.join(tls.certPath, name);
  return ['--tlsverify', '--tlscacert', file('ca.pem'), '--tlscert', file('cert.pem'), '--tlskey', file('key.pem')];
}

/** As the docker CLI: TLS when the verify variable is set (and not 0), files from the cert path, else from ~/.docker. */
function tlsSettings(env: EngineEnv, verifyVariable: string, certPathVariable: string): TlsSettings {
  const verify = env[verifyVariable]?.trim() ?? '';
  const certPath = env[certPathVariable]?.trim();
  return {
    verify: verify !== '' && verify !== '0' && verify.toLowerCase() !== 'false',
    certPath: certPath ? path.resolve(certPath) : dockerConfigDir(env),
    verifyVariable,
    certPathVariable,
    certPathDefault: !certPath,
  };
}
