import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopback, loadConfig } from './config';

/** Next's types make NODE_ENV required; a real environment may lack it. */
const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => vars as NodeJS.ProcessEnv;

const TOKEN = '3f9c2a7d1e8b4c6a0f5d9e2b7c1a4f8e3d6b9c2a5f8e1d4b7a0c3f6e9d2b5a8c';

function configError(vars: Record<string, string>): ConfigError {
  try {
    loadConfig(env(vars));
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the settings');
}

describe('loadConfig', () => {
  it('defaults to port 3000 on 127.0.0.1, writable, with no token and only loopback names', () => {
    expect(loadConfig(env({}))).toEqual({
      port: 3000,
      host: '127.0.0.1',
      token: null,
      readOnly: false,
      allowedHosts: new Set(['localhost', '127.0.0.1', '::1', '[::1]']),
      dev: true,
      lessonVars: {},
    });
  });

  it("reads the lessons' vars, and refuses a pair that is not name=value", () => {
    expect(loadConfig(env({ PORTOLAN_LESSON_VARS: 'image=portolan/busybox:test, net=ptl-net' })).lessonVars).toEqual({
      image: 'portolan/busybox:test',
      net: 'ptl-net',
    });
    expect(() => loadConfig(env({ PORTOLAN_LESSON_VARS: 'image' }))).toThrow(/PORTOLAN_LESSON_VARS: "image" is not name=value/);
  });

  it('reads PORT and HOST', () => {
    expect(loadConfig(env({ PORT: '8081', HOST: 'localhost' }))).toMatchObject({
      port: 8081,
      host: 'localhost',
    });
    expect(loadConfig(env({ HOST: '::1' })).host).toBe('::1');
  });

  it('accepts PORT=0 (any free port)', () => {
    expect(loadConfig(env({ PORT: '0' })).port).toBe(0);
  });

  it('falls back to the default port and host when PORT and HOST are set but empty', () => {
    expect(loadConfig(env({ PORT: '', HOST: '  ' }))).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
    });
  });

  it.each(['http', '80.5', '-1', '65536', '3000abc'])('rejects PORT=%s with a ConfigError naming PORT', (port) => {
    const err = configError({ PORT: port });
    expect(err.name).toBe('ConfigError');
    expect(err.message).toBe(`PORT=${port} is not a port number (0–65535).`);
  });

  it.each(['0.0.0.0', '192.0.2.10', '::', 'portolan.example'])('refuses HOST=%s without PORTOLAN_TOKEN, naming PORTOLAN_TOKEN', (host) => {
    const err = configError({ HOST: host });
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain(`HOST=${host}`);
    expect(err.message).toContain('PORTOLAN_TOKEN');
  });

  it('refuses a non-loopback HOST when PORTOLAN_TOKEN is only blanks', () => {
    expect(configError({ HOST: '0.0.0.0', PORTOLAN_TOKEN: '   ' }).message).toContain('PORTOLAN_TOKEN');
  });

  it('accepts HOST=0.0.0.0 with a token, without adding 0.0.0.0 to the allowed names', () => {
    const config = loadConfig(env({ HOST: '0.0.0.0', PORTOLAN_TOKEN: TOKEN }));
    expect(config.host).toBe('0.0.0.0');
    expect(config.token).toBe(TOKEN);
    expect(config.allowedHosts).toEqual(new Set(['localhost', '127.0.0.1', '::1', '[::1]']));
  });

  it('accepts a specific non-loopback HOST with a token and allows it as a host name', () => {
    const config = loadConfig(env({ HOST: '192.0.2.10', PORTOLAN_TOKEN: `  ${TOKEN}\n` }));
    expect(config.token).toBe(TOKEN);
    expect(config.allowedHosts.has('192.0.2.10')).toBe(true);
  });

  it.each(['x', 'secret', '123456789012345'])('refuses PORTOLAN_TOKEN=%s (shorter than 16 characters), saying how to make one', (token) => {
    for (const host of ['127.0.0.1', '0.0.0.0']) {
      const err = configError({ HOST: host, PORTOLAN_TOKEN: token });
      expect(err.message).toBe(
        `PORTOLAN_TOKEN is too short (${token.length} of at least 16 characters). Make a strong one with: PORTOLAN_TOKEN=$(openssl rand -hex 32)`,
      );
      expect(err.message).not.toContain(`=${token}`);
    }
  });

  it('accepts a token of 16 characters', () => {
    expect(loadConfig(env({ PORTOLAN_TOKEN: '0123456789abcdef' })).token).toBe('0123456789abcdef');
  });

  it('adds PORTOLAN_ALLOWED_HOSTS names, trimmed and lower-cased, skipping empty entries', () => {
    const config = loadConfig(env({ PORTOLAN_ALLOWED_HOSTS: ' Portolan.Example ,,demo.local, ' }));
    expect(config.allowedHosts).toEqual(new Set(['localhost', '127.0.0.1', '::1', '[::1]', 'portolan.example', 'demo.local']));
  });

  it.each(['1', 'true', 'TRUE', 'yes', 'on'])('is read-only when PORTOLAN_READ_ONLY=%s', (value) => {
    expect(loadConfig(env({ PORTOLAN_READ_ONLY: value })).readOnly).toBe(true);
  });

  it.each(['', '0', 'false', 'no'])('is writable when PORTOLAN_READ_ONLY=%s', (value) => {
    expect(loadConfig(env({ PORTOLAN_READ_ONLY: value })).readOnly).toBe(false);
  });

  it('is not in dev mode when NODE_ENV=production', () => {
    expect(loadConfig(env({ NODE_ENV: 'production' })).dev).toBe(false);
  });
});

describe('isLoopback', () => {
  it.each(['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'treats %s as loopback',
    (host) => {
      expect(isLoopback(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.0.2.10', '10.0.0.1', 'example.com', 'localhost.example.com', '128.0.0.1', '::2', ''])(
    'treats %s as reachable from other machines',
    (host) => {
      expect(isLoopback(host)).toBe(false);
    },
  );
});
