import fs from 'node:fs';
import path from 'node:path';

/** How to reach one Engine: what DOCKER_HOST (or a docker context) says, read once and checked. */
export type Connection =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: Tls | null }
  /** `socketPath`: the remote engine's socket, from `ssh://host/path`, handed to the remote `docker --host`. */
  | { kind: 'ssh'; host: string; user?: string; port?: number; socketPath?: string };

/** TLS material as the docker CLI reads it; `verify: false` is a context's SkipTLSVerify. */
export interface Tls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  verify: boolean;
}

/** Where TLS comes from for a tcp endpoint, and the variables that set it, so an error can name them. */
export interface TlsSettings {
  verify: boolean;
  certPath: string;
  verifyVariable: string;
  certPathVariable: string;
  /** True when the folder is the default one, not a variable's value. */
  certPathDefault: boolean;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';
const TLS_FILES = ['ca.pem', 'cert.pem', 'key.pem'] as const;
/** Names the docker CLI accepts in `ssh://user@host`, a remote socket path we can hand to a remote shell unquoted. */
const SAFE_REMOTE_PATH = /^\/[\w./+-]*$/;

/** A setting Portolan cannot use, in one line that names the setting and says what to do. */
export class EndpointError extends Error {
  override name = 'EndpointError';
}

/**
 * Reads an endpoint the way the docker CLI reads DOCKER_HOST: `unix:///path`,
 * `tcp://host:port` (a bare `host:port` is tcp), `ssh://[user@]host[:port][/socket]`.
 * `setting` is how the error names it: `DOCKER_HOST=foo://bar`.
 */
export function parseEndpoint(raw: string, setting: string, tls?: TlsSettings): Connection {
  const address = raw.trim();
  if (!address) return { kind: 'unix', socketPath: DEFAULT_SOCKET };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(address)?.[1]?.toLowerCase();
  if (scheme === 'unix') return { kind: 'unix', socketPath: address.slice('unix://'.length) || DEFAULT_SOCKET };
  if (scheme === 'ssh') return parseSsh(address, setting);
  if (scheme === 'tcp' || scheme === undefined) return parseTcp(scheme ? address : `tcp://${address}`, setting, tls);
  const hint =
    scheme === 'http' || scheme === 'https'
      ? ` Write tcp://${address.slice(scheme.length + 3)} (with DOCKER_TLS_VERIFY for TLS).`
      : scheme === 'npipe'
        ? ' Named pipes exist only on Windows.'
        : '';
  throw new EndpointError(
    `${setting}: Portolan cannot use ${scheme}:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.${hint}`,
  );
}

function parseTcp(address: string, setting: string, tls?: TlsSettings): Connection {
  const [, authority = '', rest = ''] = /^tcp:\/\/([^/?#]*)(.*)$/is.exec(address) ?? [];
  if (authority.includes('@')) throw new EndpointError(`${setting}: a tcp address takes no user name or password; write tcp://host:port.`);
  const [, bracketed, plain, portText] = /^(?:\[([^\]]*)\]|([^:[\]]*))(?::([^:]*))?$/.exec(authority) ?? [];
  const host = bracketed ?? plain;
  // The URL parser knows which host names are well formed; an IPv6 address goes in brackets.
  if (host === undefined || (host !== '' && !URL.canParse(`http://${bracketed !== undefined ? `[${host}]` : host}`)))
    throw new EndpointError(`${setting}: "${address}" is not a tcp address; write tcp://host:port, e.g. tcp://127.0.0.1:2376.`);
  if (rest && rest !== '/') throw new EndpointError(`${setting}: Portolan reads no path or query after tcp://host:port; write tcp://${authority}.`);
  const port = portText ? Number(portText) : tls?.verify ? 2376 : 2375;
  if (!/^\d*$/.test(portText ?? '') || port < 1 || port > 65535) throw new EndpointError(`${setting}: ${portText} is not a port (1–65535).`);
  return { kind: 'tcp', host: host || '127.0.0.1', port, tls: tls?.verify ? readTlsFolder(tls) : null };
}

function parseSsh(address: string, setting: string): Connection {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new EndpointError(`${setting}: "${address}" is not an ssh address; write ssh://user@host or ssh://user@host:port.`);
  }
  if (url.password)
    throw new EndpointError(`${setting}: a password in the address is not supported (nor by the docker CLI); use an ssh key or ssh-agent.`);
  if (!url.hostname) throw new EndpointError(`${setting}: the ssh address names no host; write ssh://user@host.`);
  if (url.search || url.hash) throw new EndpointError(`${setting}: an ssh address takes no ?query or #fragment; write ssh://user@host[:port].`);
  const socketPath = url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined;
  if (socketPath && !SAFE_REMOTE_PATH.test(socketPath))
    throw new EndpointError(`${setting}: the remote socket path "${socketPath}" may hold only letters, digits and / . _ + -.`);
  return {
    kind: 'ssh',
    host: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(socketPath ? { socketPath } : {}),
  };
}

/** ca.pem, cert.pem and key.pem from one folder, as DOCKER_CERT_PATH names it; each missing one is named. */
function readTlsFolder(settings: TlsSettings): Tls {
  const read = (file: string): Buffer | null => {
    try {
      return fs.readFileSync(path.join(settings.certPath, file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw new EndpointError(
        `${settings.verifyVariable} is set, but ${path.join(settings.certPath, file)} cannot be read (${code ?? (err as Error).message}).`,
      );
    }
  };
  const [ca, cert, key] = TLS_FILES.map(read);
  const missing = TLS_FILES.filter((_, i) => ![ca, cert, key][i]);
  if (missing.length > 0) {
    const where = settings.certPathDefault
      ? `${settings.certPath} (the default folder; ${settings.certPathVariable} sets another)`
      : `${settings.certPath} (${settings.certPathVariable})`;
    throw new EndpointError(
      `${settings.verifyVariable} is set, so TLS needs ca.pem, cert.pem and key.pem, but ${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} missing from ${where}: ` +
        `put the engine's CA and your client certificate there, or point ${settings.certPathVariable} at the folder that holds them.`,
    );
  }
  return { ca: ca!, cert: cert!, key: key!, verify: true };
}

function listed(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The endpoint as a person would write it, for logs and the status line. */
export function describeConnection(connection: Connection): string {
  switch (connection.kind) {
    case 'unix':
      return `unix://${connection.socketPath}`;
    case 'tcp':
      return `tcp://${connection.host.includes(':') ? `[${connection.host}]` : connection.host}:${connection.port}`;
    case 'ssh': {
      const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
      return `ssh://${connection.user ? `${connection.user}@` : ''}${host}${connection.port ? `:${connection.port}` : ''}${connection.socketPath ?? ''}`;
    }
  }
}
