import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { TestObjects, docker, dockerJson } from '../scripts/testkit/docker';
import { startTestPortolan } from '../scripts/testkit/portolan';
import type { Portolan } from './index';

let portolan: Portolan;
const objects = new TestObjects('api');

beforeAll(async () => {
  portolan = await startTestPortolan();
  await portolan.store.settled();
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

/** A raw request, so the test controls the Host header that fetch would fix. */
function request(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, portolan.url);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api', () => {
  it('health names the engine it watches', async () => {
    const { status, body } = await request('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      ok: true,
      engine: {
        status: 'connected',
        endpoint: portolan.engine.endpoint,
        version: await docker(['version', '--format', '{{.Server.Version}}']),
        apiVersion: await docker(['version', '--format', '{{.Server.APIVersion}}']),
      },
      readOnly: false,
    });
  });

  it('topology is the store snapshot, naming its engine', async () => {
    const { status, body } = await request('/api/topology');
    expect(status).toBe(200);
    expect(body).toEqual({ ...portolan.store.snapshot(), engine: 'default' });
  });

  it('networks/:ref answers with the Engine inspect document by id, short id and name', async () => {
    const name = objects.name('inspected');
    const id = await docker(['network', 'create', '--label', 'course=networking', name]);
    const expected = (await dockerJson<object[]>(['network', 'inspect', id]))[0];
    for (const ref of [id, id.slice(0, 12), name]) {
      const { status, body } = await request(`/api/networks/${ref}`);
      expect(status).toBe(200);
      expect(body).toEqual(expected);
    }
  });

  it('keeps the Engine’s own words when a network does not exist', async () => {
    const { status, body } = await request(`/api/networks/${objects.name('missing')}`);
    expect(status).toBe(404);
    expect(body).toEqual({
      error: {
        code: 'not_found',
        message: `network ${objects.name('missing')} not found`,
        engine: { status: 404, message: `network ${objects.name('missing')} not found` },
      },
    });
  });

  it('refuses a reference that is not a Docker id or name before it reaches the Engine', async () => {
    const { status, body } = await request('/api/networks/..%2Fcontainers%2Fjson');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'invalid_ref' } });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const { status, body } = await request('/api/nope');
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('the security gate', () => {
  it('refuses a Host header that is not an allowed name with 403 (DNS rebinding)', async () => {
    const { status, body } = await request('/api/topology', { Host: 'evil.example' });
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: { code: 'host_not_allowed' } });
  });

  it('accepts loopback names in the Host header', async () => {
    const port = new URL(portolan.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await request('/api/health', { Host: host })).status).toBe(200);
    }
  });

  it('refuses a socket.io handshake from Origin http://evil.example', async () => {
    const socket = io(portolan.url, {
      transports: ['websocket'],
      extraHeaders: { Origin: 'http://evil.example' },
      reconnection: false,
      forceNew: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('topology:snapshot', () => resolve('got a snapshot'));
      socket.on('connect_error', () => resolve('refused'));
    });
    socket.close();
    expect(outcome).toBe('refused');
  });

  it('refuses a socket.io handshake with no Origin at all', async () => {
    const socket = io(portolan.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', () => resolve('refused'));
    });
    socket.close();
    expect(outcome).toBe('refused');
  });

  /** What a socket.io handshake with this Origin (and this Host, when given) comes to. */
  async function handshake(origin: string, host?: string): Promise<string> {
    const socket = io(portolan.url, {
      transports: ['websocket'],
      extraHeaders: { Origin: origin, ...(host ? { Host: host } : {}) },
      reconnection: false,
      forceNew: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('topology:snapshot', () => resolve('got a snapshot'));
      socket.on('connect_error', () => resolve('refused'));
    });
    socket.close();
    return outcome;
  }

  it('refuses the live feed to a page served on another local port, and gives it to its own', async () => {
    const { port } = new URL(portolan.url);
    const other = Number(port) === 5173 ? 5174 : 5173;
    expect(await handshake(`http://127.0.0.1:${other}`)).toBe('refused');
    expect(await handshake(`http://localhost:${port}`)).toBe('refused');
    expect(await handshake(`http://127.0.0.1:${port}`)).toBe('got a snapshot');
  });

  it('gives the live feed through a published port: Host and Origin name the mapped port, not the one Portolan listens on', async () => {
    expect(await handshake('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe('got a snapshot');
    expect(await handshake('http://127.0.0.1:8081', '127.0.0.1:8080')).toBe('refused');
  });

  it('refuses a change from a page served on another local port, and takes one through a published port', async () => {
    const json = { 'Content-Type': 'application/json', 'Content-Length': '0' };
    const otherPort = await request('/api/layout', { ...json, Origin: 'http://127.0.0.1:5173' }, 'POST');
    const mapped = await request('/api/layout', { ...json, Host: '127.0.0.1:8080', Origin: 'http://127.0.0.1:8080' }, 'POST');

    expect(otherPort).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
    expect(mapped.status).toBe(200);
  });

  it('refuses a mutation from another origin before any handler runs', async () => {
    const { status, body } = await request('/api/networks', { Origin: 'http://evil.example', 'Content-Type': 'application/json' }, 'POST');
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });
});
