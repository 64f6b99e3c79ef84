import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionError, api, errorDetailOf } from './client';

/** Answers every request with `status` and `body`, and keeps what was asked. */
function answer(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('the API client', () => {
  it('encodes every id and name it puts in a path', async () => {
    const calls = answer(200, { command: 'docker …' });
    await api.removeContainer('web/1');
    await api.connect('my net', { container: 'a?b' });
    await api.containerLifecycle('c#1', 'stop');
    await api.scaleService('svc%', { replicas: 2 });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'DELETE /api/containers/web%2F1',
      'POST /api/networks/my%20net/connect',
      'POST /api/containers/c%231/stop',
      'POST /api/services/svc%25/scale',
    ]);
    expect(calls[1]?.init.body).toBe(JSON.stringify({ container: 'a?b' }));
    expect(new Headers(calls[1]?.init.headers).get('content-type')).toBe('application/json');
  });

  it('keeps the server’s refusal with its hint and the Engine’s own words', async () => {
    const error = {
      code: 'conflict',
      message: 'Could not remove network demo',
      hint: 'disconnect web1 first',
      engine: { status: 409, message: 'network demo has active endpoints' },
    };
    answer(409, { error });
    const refusal = await api.removeNetwork('demo').catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(ActionError);
    expect(errorDetailOf(refusal)).toEqual(error);
  });

  it('says the server did not answer when the request never reached it, and names a bare status otherwise', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(errorDetailOf(await api.images().catch((err: unknown) => err))).toEqual({
      code: 'offline',
      message: 'Could not reach the Portolan server.',
      hint: 'Failed to fetch',
    });
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502 }));
    expect(errorDetailOf(await api.lessons().catch((err: unknown) => err))).toEqual({ code: 'http_502', message: 'The server answered 502.' });
  });

  it('reads any other failure in its own words, or the fallback', () => {
    expect(errorDetailOf(new Error('boom'))).toEqual({ code: 'client', message: 'boom' });
    expect(errorDetailOf('?', 'The images could not be listed.')).toEqual({ code: 'client', message: 'The images could not be listed.' });
  });
});
