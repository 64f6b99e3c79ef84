import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/apiError';
import { loadConfig, type Config } from './config';
import { checkHandshake, checkRequest, hostAllowed, hostName, isToken, originAllowed, requestTarget } from './gate';

const TOKEN = '3f9c2a7d1e8b4c6a0f5d9e2b7c1a4f8e3d6b9c2a5f8e1d4b7a0c3f6e9d2b5a8c';

/** Next's types make NODE_ENV required; a real environment may lack it. */
const env = (vars: Record<string, string>): NodeJS.ProcessEnv => vars as NodeJS.ProcessEnv;

const local: Config = loadConfig(env({}));
const readOnly: Config = loadConfig(
  env({
    PORTOLAN_READ_ONLY: '1',
  }),
);
const shared: Config = loadConfig(
  env({
    HOST: '0.0.0.0',
    PORTOLAN_TOKEN: TOKEN,
    PORTOLAN_ALLOWED_HOSTS: 'portolan.example',
  }),
);

function request(method: string, headers: IncomingHttpHeaders, remoteAddress = '127.0.0.1', url = '/api/networks'): IncomingMessage {
  return {
    method,
    url,
    headers,
    socket: { remoteAddress },
  } as unknown as IncomingMessage;
}

const json = { 'content-type': 'application/json', 'content-length': '17' };

/** The status and code of a refusal, or null when the gate lets it pass. */
function verdict(error: ApiError | null): { status: number; code: string } | null {
  return error && { status: error.status, code: error.code };
}

describe('hostName', () => {
  it.each([
    ['localhost:3000', 'localhost'],
    ['LocalHost:3000', 'localhost'],
    ['127.0.0.1:3000', '127.0.0.1'],
    ['[::1]:3000', '[::1]'],
    ['[::1]', '[::1]'],
    ['portolan.example', 'portolan.example'],
    [' evil.example:80 ', 'evil.example'],
    ['::1', '::1'],
  ])('reads the host name of %j as %j', (value, name) => {
    expect(hostName(value)).toBe(name);
  });
});

describe('hostAllowed', () => {
  it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'localhost'])('allows %s', (host) => {
    expect(hostAllowed(local, host)).toBe(true);
  });

  it.each(['evil.example', 'evil.example:3000', 'localhost.evil.example:3000', '192.0.2.10:3000', '0.0.0.0:3000'])('refuses %s', (host) => {
    expect(hostAllowed(local, host)).toBe(false);
  });

  it('refuses a missing or empty Host header', () => {
    expect(hostAllowed(local, undefined)).toBe(false);
    expect(hostAllowed(local, '')).toBe(false);
  });

  it('allows names from PORTOLAN_ALLOWED_HOSTS', () => {
    expect(hostAllowed(shared, 'portolan.example:3000')).toBe(true);
    expect(hostAllowed(local, 'portolan.example:3000')).toBe(false);
  });
});

describe('originAllowed', () => {
  it.each([
    ['http://localhost:3000', 'localhost:3000'],
    ['http://127.0.0.1:3000', '127.0.0.1:3000'],
    ['http://[::1]:3000', '[::1]:3000'],
    ['http://localhost', 'localhost'],
    ['http://localhost', 'localhost:80'],
    ['http://localhost:80', 'localhost'],
    ['https://localhost', 'localhost'],
    ['https://localhost', 'localhost:443'],
    ['http://localhost:8080', 'LocalHost:8080'],
  ])('allows Origin %s on a request with Host %s: the same origin', (origin, host) => {
    expect(originAllowed(local, origin, host)).toBe(true);
  });

  it.each([
    ['http://localhost:5173', 'localhost:3000'],
    ['http://localhost:3001', 'localhost:3000'],
    ['http://localhost', 'localhost:3000'],
    ['http://localhost:3000', 'localhost'],
    ['https://localhost', 'localhost:80'],
    ['http://localhost', 'localhost:443'],
    ['http://127.0.0.1:3000', 'localhost:3000'],
    ['http://app.localhost:3000', 'localhost:3000'],
    ['http://localhost:3000', '127.0.0.1:3000'],
    ['http://localhost:3000/', 'localhost:3000'],
    ['http://localhost:3000/x', 'localhost:3000'],
    ['http://user@localhost:3000', 'localhost:3000'],
    ['http://localhost:3000?x', 'localhost:3000'],
    ['http://localhost:3000', 'localhost:3000x'],
    ['http://evil.example', 'evil.example'],
    ['http://evil.example:3000', 'localhost:3000'],
    ['http://localhost.evil.example:3000', 'localhost:3000'],
    ['null', 'localhost:3000'],
    ['file://localhost/x', 'localhost'],
    ['ws://localhost:3000', 'localhost:3000'],
    ['not a url', 'localhost:3000'],
  ])('refuses Origin %s on a request with Host %s', (origin, host) => {
    expect(originAllowed(local, origin, host)).toBe(false);
  });

  it('refuses a missing or empty Origin or Host', () => {
    expect(originAllowed(local, undefined, 'localhost:3000')).toBe(false);
    expect(originAllowed(local, '', 'localhost:3000')).toBe(false);
    expect(originAllowed(local, 'http://localhost:3000', undefined)).toBe(false);
  });

  it('allows the origin of a name from PORTOLAN_ALLOWED_HOSTS only where it is allowed', () => {
    expect(originAllowed(shared, 'http://portolan.example:3000', 'portolan.example:3000')).toBe(true);
    expect(originAllowed(local, 'http://portolan.example:3000', 'portolan.example:3000')).toBe(false);
  });
});

describe('checkRequest', () => {
  it('refuses a Host it does not answer to with 403 host_not_allowed', () => {
    const error = checkRequest(local, request('GET', { host: 'evil.example' }));
    expect(verdict(error)).toEqual({ status: 403, code: 'host_not_allowed' });
    expect(error?.message).toBe('Portolan does not answer to the host name "evil.example".');
  });

  it('refuses a request with no Host header', () => {
    expect(verdict(checkRequest(local, request('GET', {})))).toEqual({
      status: 403,
      code: 'host_not_allowed',
    });
  });

  it.each(['localhost:3000', '127.0.0.1:3000', '[::1]:3000'])('lets a GET with Host %s pass', (host) => {
    expect(checkRequest(local, request('GET', { host }))).toBeNull();
  });

  it('lets HEAD and OPTIONS pass without Origin', () => {
    expect(checkRequest(local, request('HEAD', { host: 'localhost:3000' }))).toBeNull();
    expect(checkRequest(local, request('OPTIONS', { host: 'localhost:3000' }))).toBeNull();
  });

  it('refuses a POST without Origin with 403 origin_not_allowed', () => {
    const error = checkRequest(local, request('POST', { host: 'localhost:3000', ...json }));
    expect(verdict(error)).toEqual({ status: 403, code: 'origin_not_allowed' });
    expect(error?.message).toContain('"(none)"');
  });

  it('refuses a POST from another site with 403 origin_not_allowed', () => {
    const error = checkRequest(
      local,
      request('POST', {
        host: 'localhost:3000',
        origin: 'http://evil.example',
        ...json,
      }),
    );
    expect(verdict(error)).toEqual({ status: 403, code: 'origin_not_allowed' });
    expect(error?.message).toContain('"http://evil.example"');
  });

  it('refuses a POST from a page served on another local port with 403 origin_not_allowed', () => {
    const error = checkRequest(local, request('POST', { host: 'localhost:3000', origin: 'http://localhost:8000', ...json }));
    expect(verdict(error)).toEqual({ status: 403, code: 'origin_not_allowed' });
    expect(error?.hint).toBe('Send the origin of the address you call: "Origin: http://localhost:3000".');
  });

  it('refuses a POST from an allowed Origin sent as text/plain with 415 json_required', () => {
    const error = checkRequest(
      local,
      request('POST', {
        host: 'localhost:3000',
        origin: 'http://localhost:3000',
        'content-type': 'text/plain;charset=UTF-8',
        'content-length': '17',
      }),
    );
    expect(verdict(error)).toEqual({ status: 415, code: 'json_required' });
    expect(error?.message).toBe('Changes are sent as application/json, not "text/plain".');
  });

  it('refuses a POST with no Content-Type with 415', () => {
    const error = checkRequest(
      local,
      request('POST', {
        host: 'localhost:3000',
        origin: 'http://localhost:3000',
      }),
    );
    expect(verdict(error)).toEqual({ status: 415, code: 'json_required' });
  });

  it('lets a JSON POST from an allowed Origin pass, with or without a charset', () => {
    expect(
      checkRequest(
        local,
        request('POST', {
          host: 'localhost:3000',
          origin: 'http://localhost:3000',
          ...json,
        }),
      ),
    ).toBeNull();
    expect(
      checkRequest(
        local,
        request('POST', {
          host: '127.0.0.1:3000',
          origin: 'http://127.0.0.1:3000',
          'content-type': 'Application/JSON; charset=utf-8',
        }),
      ),
    ).toBeNull();
  });

  it('lets a DELETE without a body pass without Content-Type, but not one with a non-JSON body', () => {
    expect(
      checkRequest(
        local,
        request('DELETE', {
          host: 'localhost:3000',
          origin: 'http://localhost:3000',
        }),
      ),
    ).toBeNull();
    expect(
      checkRequest(
        local,
        request('DELETE', {
          host: 'localhost:3000',
          origin: 'http://localhost:3000',
          'content-length': '0',
        }),
      ),
    ).toBeNull();
    expect(
      verdict(
        checkRequest(
          local,
          request('DELETE', {
            host: 'localhost:3000',
            origin: 'http://localhost:3000',
            'content-type': 'text/plain',
            'content-length': '4',
          }),
        ),
      ),
    ).toEqual({ status: 415, code: 'json_required' });
  });

  it('refuses every change on a read-only Portolan with 403 read_only, even a well-formed one', () => {
    const error = checkRequest(
      readOnly,
      request('POST', {
        host: 'localhost:3000',
        origin: 'http://localhost:3000',
        ...json,
      }),
    );
    expect(verdict(error)).toEqual({ status: 403, code: 'read_only' });
    expect(
      verdict(
        checkRequest(
          readOnly,
          request('DELETE', {
            host: 'localhost:3000',
            origin: 'http://localhost:3000',
          }),
        ),
      ),
    ).toEqual({
      status: 403,
      code: 'read_only',
    });
  });

  it('lets reads pass on a read-only Portolan', () => {
    expect(checkRequest(readOnly, request('GET', { host: 'localhost:3000' }))).toBeNull();
  });

  describe('with a token configured', () => {
    it('refuses a GET from another machine without the token with 401 token_required', () => {
      expect(verdict(checkRequest(shared, request('GET', { host: 'portolan.example:3000' }, '192.0.2.50')))).toEqual({
        status: 401,
        code: 'token_required',
      });
    });

    it('refuses a wrong token from another machine', () => {
      const error = checkRequest(
        shared,
        request(
          'GET',
          {
            host: 'portolan.example:3000',
            authorization: `Bearer ${TOKEN.slice(1)}x`,
          },
          '192.0.2.50',
        ),
      );
      expect(verdict(error)).toEqual({ status: 401, code: 'token_required' });
    });

    it('lets a GET from another machine with "Authorization: Bearer <token>" pass', () => {
      expect(checkRequest(shared, request('GET', { host: 'portolan.example:3000', authorization: `Bearer ${TOKEN}` }, '192.0.2.50'))).toBeNull();
    });

    it('lets a GET from another machine with the portolan_token cookie pass', () => {
      const cookie = `theme=dark; portolan_token=${TOKEN}; other=1`;
      expect(checkRequest(shared, request('GET', { host: 'portolan.example:3000', cookie }, '192.0.2.50'))).toBeNull();
      expect(
        checkRequest(
          shared,
          request(
            'GET',
            {
              host: 'portolan.example:3000',
              cookie: `portolan_token=${TOKEN}`,
            },
            '192.0.2.50',
          ),
        ),
      ).toBeNull();
    });

    it('refuses, rather than throws, a malformed portolan_token cookie', () => {
      const error = checkRequest(shared, request('GET', { host: 'portolan.example:3000', cookie: 'portolan_token=%E0%A4%A' }, '192.0.2.50'));
      expect(verdict(error)).toEqual({ status: 401, code: 'token_required' });
    });

    it('lets a GET from this machine pass without the token', () => {
      expect(checkRequest(shared, request('GET', { host: 'localhost:3000' }, '127.0.0.1'))).toBeNull();
      expect(checkRequest(shared, request('GET', { host: 'localhost:3000' }, '::ffff:127.0.0.1'))).toBeNull();
    });

    it('refuses a change without the token even from this machine', () => {
      const error = checkRequest(shared, request('POST', { host: 'localhost:3000', origin: 'http://localhost:3000', ...json }, '127.0.0.1'));
      expect(verdict(error)).toEqual({ status: 401, code: 'token_required' });
    });

    it('lets a change from another machine with the token and an allowed Origin pass', () => {
      const headers = {
        host: 'portolan.example:3000',
        origin: 'http://portolan.example:3000',
        authorization: `Bearer ${TOKEN}`,
        ...json,
      };
      expect(checkRequest(shared, request('POST', headers, '192.0.2.50'))).toBeNull();
    });

    it('still checks the Host before the token', () => {
      const error = checkRequest(shared, request('GET', { host: 'evil.example', authorization: `Bearer ${TOKEN}` }, '192.0.2.50'));
      expect(verdict(error)).toEqual({ status: 403, code: 'host_not_allowed' });
    });
  });
});

describe('checkHandshake', () => {
  const handshake = (headers: IncomingHttpHeaders, remoteAddress?: string) =>
    request('GET', headers, remoteAddress, '/socket.io/?EIO=4&transport=websocket');

  it('refuses a handshake without Origin with 403 origin_not_allowed', () => {
    const error = checkHandshake(local, handshake({ host: 'localhost:3000' }));
    expect(verdict(error)).toEqual({ status: 403, code: 'origin_not_allowed' });
    expect(error?.message).toBe('The Origin "(none)" may not open Portolan\'s live feed.');
  });

  it('refuses a handshake from another site', () => {
    expect(verdict(checkHandshake(local, handshake({ host: 'localhost:3000', origin: 'http://evil.example' })))).toEqual({
      status: 403,
      code: 'origin_not_allowed',
    });
  });

  it('refuses a handshake from a page served on another local port', () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://localhost']) {
      expect(verdict(checkHandshake(local, handshake({ host: 'localhost:3000', origin })))).toEqual({ status: 403, code: 'origin_not_allowed' });
    }
  });

  it('lets a handshake through a published port pass: Host and Origin name the mapped port, whatever Portolan listens on', () => {
    expect(checkHandshake(local, handshake({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }))).toBeNull();
  });

  it('lets a handshake with Origin http://localhost:3000 pass', () => {
    expect(checkHandshake(local, handshake({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBeNull();
  });

  it('lets a read-only Portolan open the live feed', () => {
    expect(checkHandshake(readOnly, handshake({ host: 'localhost:3000', origin: 'http://localhost:3000' }))).toBeNull();
  });

  it('refuses a handshake to a Host it does not answer to', () => {
    expect(verdict(checkHandshake(local, handshake({ host: 'evil.example', origin: 'http://evil.example' })))).toEqual({
      status: 403,
      code: 'host_not_allowed',
    });
  });

  it('needs the token for a handshake from another machine', () => {
    const headers = {
      host: 'portolan.example:3000',
      origin: 'http://portolan.example:3000',
    };
    expect(verdict(checkHandshake(shared, handshake(headers, '192.0.2.50')))).toEqual({ status: 401, code: 'token_required' });
    expect(checkHandshake(shared, handshake({ ...headers, cookie: `portolan_token=${TOKEN}` }, '192.0.2.50'))).toBeNull();
  });
});

describe('requestTarget', () => {
  const target = (url: string) => requestTarget(request('GET', { host: 'localhost:3000' }, '127.0.0.1', url));

  it.each([
    ['/', '/', ''],
    ['/api/health', '/api/health', ''],
    ['/?select=net:abc&token=x', '/', '?select=net:abc&token=x'],
    ['/api/../api/health', '/api/health', ''],
  ])('reads %s as the path %s', (url, pathname, search) => {
    const parsed = target(url);
    expect(parsed).toBeInstanceOf(URL);
    expect([(parsed as URL).pathname, (parsed as URL).search]).toEqual([pathname, search]);
  });

  it.each(['*', '', '//[/?token=x', 'http://[::1/?token=x', '//x:99999/', 'http://localhost:3000/', '/.//evil.example/', '/..//evil.example'])(
    'refuses %j with 400 bad_request_target',
    (url) => {
      const refused = target(url);
      expect(refused).toBeInstanceOf(ApiError);
      expect(verdict(refused as ApiError)).toEqual({ status: 400, code: 'bad_request_target' });
    },
  );
});

describe('isToken', () => {
  it('accepts only the token itself', () => {
    expect(isToken({ token: TOKEN }, TOKEN)).toBe(true);
    expect(isToken({ token: TOKEN }, `${TOKEN}x`)).toBe(false);
    expect(isToken({ token: TOKEN }, TOKEN.slice(0, -1))).toBe(false);
    expect(isToken({ token: TOKEN }, '')).toBe(false);
    expect(isToken({ token: TOKEN }, null)).toBe(false);
    expect(isToken({ token: null }, TOKEN)).toBe(false);
  });
});
