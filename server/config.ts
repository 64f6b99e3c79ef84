import { isIP } from 'node:net';

export interface Config {
  port: number;
  host: string;
  token: string | null;
  readOnly: boolean;
  /** Lower-case host names accepted in Host and Origin headers. */
  allowedHosts: Set<string>;
  dev: boolean;
  /** {{vars}} for the lessons, over their own defaults: `PORTOLAN_LESSON_VARS=image=portolan/busybox:test`. */
  lessonVars: Record<string, string>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A token guards the Docker socket, which is root on the host: one that can be guessed guards nothing. */
const MIN_TOKEN_LENGTH = 16;

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1', '[::1]'];

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1' || h === '::ffff:127.0.0.1';
}

/** Reads Portolan's settings from the environment; refuses settings that would expose the Docker socket. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT=${env.PORT} is not a port number (0–65535).`);
  const host = env.HOST?.trim() || '127.0.0.1';
  const token = env.PORTOLAN_TOKEN?.trim() || null;
  if (token && token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `PORTOLAN_TOKEN is too short (${token.length} of at least ${MIN_TOKEN_LENGTH} characters). Make a strong one with: PORTOLAN_TOKEN=$(openssl rand -hex 32)`,
    );
  }
  if (!isLoopback(host) && !token) {
    throw new ConfigError(
      `HOST=${host} would let other machines reach Portolan, and Portolan holds the Docker socket, which is root on this host. ` +
        'Set PORTOLAN_TOKEN to a long random secret (for example: PORTOLAN_TOKEN=$(openssl rand -hex 32)), or listen on 127.0.0.1.',
    );
  }
  const allowedHosts = new Set(LOOPBACK_NAMES);
  for (const name of (env.PORTOLAN_ALLOWED_HOSTS ?? '').split(',')) {
    if (name.trim()) allowedHosts.add(name.trim().toLowerCase());
  }
  if (!isLoopback(host) && host !== '0.0.0.0' && host !== '::') allowedHosts.add(host.toLowerCase());
  const lessonVars: Record<string, string> = {};
  for (const pair of (env.PORTOLAN_LESSON_VARS ?? '').split(',')) {
    if (!pair.trim()) continue;
    const m = /^\s*(\w+)=(.*)$/.exec(pair);
    if (!m)
      throw new ConfigError(
        `PORTOLAN_LESSON_VARS: "${pair.trim()}" is not name=value; write e.g. PORTOLAN_LESSON_VARS=image=busybox:1.36,net=my-net.`,
      );
    lessonVars[m[1]!] = m[2]!.trim();
  }
  return {
    port,
    host,
    token,
    readOnly: ['1', 'true', 'yes', 'on'].includes((env.PORTOLAN_READ_ONLY ?? '').toLowerCase()),
    allowedHosts,
    dev: env.NODE_ENV !== 'production',
    lessonVars,
  };
}
