import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange } from '../scripts/testkit/raw';
import { startTestPortolan } from '../scripts/testkit/portolan';
import type { Portolan } from './index';

const run = promisify(execFile);

it('refuses to start on a non-loopback HOST without PORTOLAN_TOKEN, saying why', async () => {
  const outcome = await run('npx', ['tsx', 'server/index.ts'], {
    env: { ...process.env, HOST: '0.0.0.0', PORT: '0', PORTOLAN_TOKEN: '' },
    timeout: 30_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code: number; stderr: string }) => err,
  );
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toContain('HOST=0.0.0.0');
  expect(outcome.stderr).toContain('PORTOLAN_TOKEN');
});

it('refuses to start with a one-character PORTOLAN_TOKEN, in one line that says how to make one', async () => {
  const outcome = await run('npx', ['tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', PORTOLAN_TOKEN: 'x' },
    timeout: 30_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code: number; stderr: string }) => err,
  );
  expect(outcome.code).toBe(2);
  expect(outcome.stderr.trim().split('\n')).toEqual([
    'portolan: PORTOLAN_TOKEN is too short (1 of at least 16 characters). Make a strong one with: PORTOLAN_TOKEN=$(openssl rand -hex 32)',
  ]);
});

// Raw sockets, because fetch refuses to send these request lines: every answer
// must come at once, in the error shape, and the server must live on.
describe('request targets and upgrades, on the wire', () => {
  const TOKEN = '7d1e8b4c6a0f5d9e2b7c1a4f8e3d6b9c';
  let portolan: Portolan;
  let host: string;

  beforeAll(async () => {
    portolan = await startTestPortolan(process.env, { PORTOLAN_TOKEN: TOKEN });
    host = new URL(portolan.url).host;
    await portolan.store.settled();
  });

  afterAll(async () => {
    await portolan?.close();
  });

  const send = (lines: string[], timeoutMs?: number) => rawExchange(portolan.url, `${lines.join('\r\n')}\r\n\r\n`, timeoutMs);
  const upgrade = (target: string, headers: string[] = [], timeoutMs?: number) =>
    send(
      [
        `GET ${target} HTTP/1.1`,
        `Host: ${host}`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      ],
      timeoutMs,
    );

  it.each([
    ['GET', '//[/?token=x'],
    ['GET', 'http://[::1/?token=x'],
    ['GET', '//x:99999/?token=x'],
    ['GET', `//x:99999/?token=${TOKEN}`],
    ['GET', '*'],
    ['OPTIONS', '*'],
    ['GET', 'http://localhost/api/health'],
    ['GET', '//api/health'],
    ['GET', `/.//evil.example/?token=${TOKEN}`],
    ['POST', '//[/api/networks'],
  ])('answers %s %s with 400 bad_request_target at once', async (method, target) => {
    const answer = await send([`${method} ${target} HTTP/1.1`, `Host: ${host}`, 'Connection: close']);

    expect(answer.status).toBe(400);
    expect(answer.closed).toBe(true);
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        code: 'bad_request_target',
        message: expect.stringContaining('request target') as string,
        hint: 'Ask for a path that starts with a single "/", such as /api/health.',
      },
    });
    expect((await fetch(`${portolan.url}/api/health`)).status).toBe(200);
  });

  it('answers a request line Node cannot parse (a control character in the target) with 400 in the error shape', async () => {
    const answer = await send(['GET /a\x01b HTTP/1.1', `Host: ${host}`, 'Connection: close']);

    expect([answer.status, answer.closed]).toEqual([400, true]);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('still takes the token from the query: keeps it in a cookie and drops it from the address', async () => {
    const answer = await send([`GET /?select=net:abc&token=${TOKEN} HTTP/1.1`, `Host: ${host}`, 'Connection: close']);

    expect(answer.status).toBe(303);
    expect(answer.head).toMatch(/\r\nlocation: \/\?select=net%3Aabc\r\n/i);
    expect(answer.head).toContain(`portolan_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('sets no cookie for a wrong token in the query', async () => {
    const answer = await send([`GET /api/health?token=${TOKEN.slice(0, -1)}x HTTP/1.1`, `Host: ${host}`, 'Connection: close']);

    expect(answer.status).toBe(200);
    expect(answer.head).not.toMatch(/set-cookie/i);
  });

  it('answers a WebSocket upgrade to any other path with 404 at once and closes it', async () => {
    for (const target of ['/', '/api/topology', '/_next/webpack-hmr', '/socket.io', '/other/socket.io/']) {
      const answer = await upgrade(target, [`Origin: ${portolan.url}`]);

      expect({ target, status: answer.status, closed: answer.closed }).toEqual({ target, status: 404, closed: true });
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('answers an upgrade to a malformed target with 400, and one to a host it does not answer to with 403', async () => {
    const malformed = await upgrade('//[/');
    const rebound = await send([
      'GET /other HTTP/1.1',
      'Host: evil.example',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ]);

    expect([malformed.status, malformed.closed]).toEqual([400, true]);
    expect([rebound.status, rebound.closed]).toEqual([403, true]);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'host_not_allowed' } });
  });

  it("still opens socket.io's own WebSocket", async () => {
    const answer = await upgrade('/socket.io/?EIO=4&transport=websocket', [`Origin: ${portolan.url}`], 500);

    expect(answer.status).toBe(101);
  });
});
