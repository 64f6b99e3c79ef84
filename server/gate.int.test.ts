import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortolanApi, type Answer, type ErrorAnswer } from '../scripts/testkit/api';
import { TestObjects, docker } from '../scripts/testkit/docker';
import { startTestPortolan } from '../scripts/testkit/portolan';
import type { Portolan } from './index';

// What the gate and the body reader refuse, checked against a running server
// and, for every refusal, against the Engine: nothing may have been created.

let portolan: Portolan;
let readOnly: Portolan;
let api: PortolanApi;
const objects = new TestObjects('gate');

beforeAll(async () => {
  [portolan, readOnly] = await Promise.all([startTestPortolan(), startTestPortolan(process.env, { PORTOLAN_READ_ONLY: '1' })]);
  api = new PortolanApi(portolan.url);
  // Health says 503 until the first sync is done.
  await Promise.all([portolan.store.settled(), readOnly.store.settled()]);
});

afterAll(async () => {
  await Promise.all([portolan?.close(), readOnly?.close()]);
  await objects.cleanup();
});

const networksNamed = async (name: string) =>
  (await docker(['network', 'ls', '--format', '{{.Name}}', '--filter', `name=^${name}$`])).split('\n').filter(Boolean);

describe('read-only mode', () => {
  it('refuses to create a network with 403 read_only, and nothing is created', async () => {
    const name = objects.name('read-only');
    const { status, body } = (await new PortolanApi(readOnly.url).post('/api/networks', { name })) as ErrorAnswer;

    expect(status).toBe(403);
    expect(body.error.code).toBe('read_only');
    expect(await networksNamed(name)).toEqual([]);
  });

  it('still answers reads', async () => {
    const reader = new PortolanApi(readOnly.url);
    const health = await reader.get('/api/health');
    const topology = await reader.get<{ topology: { networks: { name: string }[] } }>('/api/topology');

    expect(health).toMatchObject({ status: 200, body: { ok: true, readOnly: true } });
    expect(topology.status).toBe(200);
    expect(topology.body.topology.networks.map((n) => n.name)).toContain('bridge');
  });
});

/** A POST whose body arrives in chunks with no Content-Length, so only reading it shows its size. */
function postChunked(path: string, chunks: string[]): Promise<Answer<ErrorAnswer['body']>> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, portolan.url), {
      method: 'POST',
      headers: { Origin: portolan.url, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as ErrorAnswer['body'] }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies', () => {
  const big = (name: string) => JSON.stringify({ name, labels: { notes: 'x'.repeat(70 * 1024) } });

  it('refuses a body over 64 KiB with 413, creating nothing', async () => {
    const name = objects.name('declared-big');
    const { status, body } = (await api.send('POST', '/api/networks', big(name))) as ErrorAnswer;

    expect(status).toBe(413);
    expect(body.error.code).toBe('body_too_large');
    expect(await networksNamed(name)).toEqual([]);
  });

  it('refuses a chunked body once it grows past 64 KiB, creating nothing', async () => {
    const name = objects.name('chunked-big');
    const text = big(name);
    const { status, body } = await postChunked('/api/networks', [text.slice(0, 40_000), text.slice(40_000)]);

    expect(status).toBe(413);
    expect(body.error.code).toBe('body_too_large');
    expect(await networksNamed(name)).toEqual([]);
  });

  it('refuses a body that is not JSON with 400 invalid_json', async () => {
    const { status, body } = (await api.send('POST', '/api/networks', `name=${objects.name('form')}`)) as ErrorAnswer;

    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_json');
    expect(await networksNamed(objects.name('form'))).toEqual([]);
  });

  it('refuses a body sent as anything but application/json with 415', async () => {
    const name = objects.name('text');
    const { status, body } = (await api.send('POST', '/api/networks', JSON.stringify({ name }), { 'Content-Type': 'text/plain' })) as ErrorAnswer;

    expect(status).toBe(415);
    expect(body.error.code).toBe('json_required');
    expect(await networksNamed(name)).toEqual([]);
  });
});
