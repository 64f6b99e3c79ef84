import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../lib/apiError';
import { isLoopback, type Config } from './config';

// The security gate of DESIGN.md. Portolan holds the Docker socket, which is
// root on this host, so every request passes here before anything else runs.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name of a Host header value ("localhost:3000", "[::1]:3000"), lower-cased. */
export function hostName(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(0, v.indexOf(']') + 1);
  const colon = v.lastIndexOf(':');
  return colon > 0 && v.indexOf(':') === colon ? v.slice(0, colon) : v;
}

export function hostAllowed(config: Config, host: string | undefined): boolean {
  return host !== undefined && host !== '' && config.allowedHosts.has(hostName(host));
}

/** The port a Host header value names ("localhost:3000" → 3000), or null when it names none ("localhost", "[::1]"). */
function hostPort(value: string): number | null {
  const rest = value.trim().slice(hostName(value).length);
  if (rest === '') return null;
  return /^:\d{1,5}$/.test(rest) ? Number(rest.slice(1)) : NaN;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * Same origin as the request itself: the Origin's host name and port are the
 * Host header's (which checkCommon holds to the allowed names). The Host, not
 * the port Portolan listens on, is what a browser behind a published port
 * (127.0.0.1:8080:3000) sends, and an omitted port is the scheme's default.
 */
export function originAllowed(config: Config, origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  // Scheme, host and port only: a path, a query or user info makes it no origin.
  if (defaultPort === undefined || url.href !== `${url.origin}/` || origin.endsWith('/')) return false;
  const name = url.hostname.toLowerCase();
  return name === hostName(host) && config.allowedHosts.has(name) && Number(url.port || defaultPort) === (hostPort(host) ?? defaultPort);
}

/**
 * The one parse of a request target. Portolan serves paths ("/api/health?x=1")
 * and nothing else: not "*", not an absolute URL, not "//host/…", which URL
 * parsers further on (ours, Next's) would read as another host or throw on.
 */
export function requestTarget(req: IncomingMessage): URL | ApiError {
  const target = req.url ?? '';
  if (target.startsWith('/')) {
    try {
      const url = new URL(`http://portolan${target}`);
      // "/.//evil.example" becomes "//evil.example": as a redirect's location, another site.
      if (!url.pathname.startsWith('//')) return url;
    } catch {
      // refused below, like any other target Portolan cannot read
    }
  }
  return new ApiError(
    400,
    'bad_request_target',
    `Portolan cannot serve the request target "${target.slice(0, 200)}".`,
    'Ask for a path that starts with a single "/", such as /api/health.',
  );
}

/** Compares a presented secret with the token in constant time, whatever their lengths. */
export function isToken(config: Pick<Config, 'token'>, given: string | null | undefined): boolean {
  if (!config.token || !given) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(config.token));
}

function presentedToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = /(?:^|;\s*)portolan_token=([^;]+)/.exec(req.headers.cookie ?? '');
  if (!cookie?.[1]) return null;
  try {
    return decodeURIComponent(cookie[1]);
  } catch {
    return null; // a malformed cookie is no token; throwing here would crash the server
  }
}

function tokenMatches(config: Config, req: IncomingMessage): boolean {
  return isToken(config, presentedToken(req));
}

function fromLoopback(req: IncomingMessage): boolean {
  return isLoopback(req.socket.remoteAddress ?? '');
}

/** Checks that hold for every request and every socket.io handshake. */
function checkCommon(config: Config, req: IncomingMessage): ApiError | null {
  if (!hostAllowed(config, req.headers.host)) {
    return new ApiError(
      403,
      'host_not_allowed',
      `Portolan does not answer to the host name "${req.headers.host ?? ''}".`,
      'This protects the Docker socket from DNS rebinding. Open Portolan as http://localhost:PORT, or add the name to PORTOLAN_ALLOWED_HOSTS.',
    );
  }
  if (config.token && !fromLoopback(req) && !tokenMatches(config, req)) {
    return new ApiError(
      401,
      'token_required',
      'Portolan needs its token from other machines.',
      'Send "Authorization: Bearer <PORTOLAN_TOKEN>", or open the page once as /?token=<PORTOLAN_TOKEN>.',
    );
  }
  return null;
}

/** The gate for HTTP requests: null means pass. */
export function checkRequest(config: Config, req: IncomingMessage): ApiError | null {
  const common = checkCommon(config, req);
  if (common || SAFE_METHODS.has(req.method ?? 'GET')) return common;
  if (config.readOnly) {
    return new ApiError(403, 'read_only', 'This Portolan is read-only (PORTOLAN_READ_ONLY is set): nothing can be changed from here.');
  }
  if (!originAllowed(config, req.headers.origin, req.headers.host)) {
    return new ApiError(
      403,
      'origin_not_allowed',
      `Changes must come from Portolan's own page; the Origin "${req.headers.origin ?? '(none)'}" is not allowed.`,
      `Send the origin of the address you call: "Origin: http://${req.headers.host ?? 'localhost:3000'}".`,
    );
  }
  if (config.token && !tokenMatches(config, req)) {
    return new ApiError(401, 'token_required', 'Changes need the Portolan token.', 'Send "Authorization: Bearer <PORTOLAN_TOKEN>".');
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  if ((hasBody || req.method !== 'DELETE') && type !== 'application/json') {
    return new ApiError(
      415,
      'json_required',
      `Changes are sent as application/json, not "${type || '(none)'}".`,
      'Set "Content-Type: application/json".',
    );
  }
  return null;
}

/** The gate for socket.io handshakes: browsers always send Origin on a WebSocket. */
export function checkHandshake(config: Config, req: IncomingMessage): ApiError | null {
  const common = checkCommon(config, req);
  if (common) return common;
  if (!originAllowed(config, req.headers.origin, req.headers.host)) {
    return new ApiError(403, 'origin_not_allowed', `The Origin "${req.headers.origin ?? '(none)'}" may not open Portolan's live feed.`);
  }
  return null;
}
