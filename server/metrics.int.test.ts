import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestObjects, waitFor } from '../scripts/testkit/docker';
import { onDial } from '../scripts/testkit/engineDials';
import { Feed } from '../scripts/testkit/feed';
import { startTestPortolan } from '../scripts/testkit/portolan';
import type { Portolan } from './index';

let portolan: Portolan;
let dials = 0;
const objects = new TestObjects('metrics');

beforeAll(async () => {
  portolan = await startTestPortolan();
  // Every request Portolan makes to the Engine, counted apart from the metrics.
  onDial(portolan.engine, () => dials++);
  await portolan.store.settled();
});

afterAll(async () => {
  await portolan?.close();
  await objects.cleanup();
});

function request(path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const req = http.request(new URL(path, portolan.url), { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** One sample of the Prometheus text format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the text format strictly: any line that is not a comment, a blank or a sample fails the test. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function metrics(): Promise<Sample[]> {
  const { status, type, text } = await request('/metrics');
  expect(status).toBe(200);
  expect(type).toContain('text/plain');
  return parse(text);
}

/** The sum of a metric's samples whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

describe('GET /metrics', () => {
  it('is Prometheus text that names every metric it promises, and serving it asks the Engine nothing', async () => {
    // The first sync's follow-ups (the images the lessons ask about) are over once half a second passes without a request.
    let quietFrom = dials;
    await waitFor(
      'half a second without an Engine request',
      async () => {
        const at = quietFrom;
        await new Promise((r) => setTimeout(r, 500));
        quietFrom = dials;
        return dials === at;
      },
      10_000,
      0,
    );
    const before = dials;
    const samples = await metrics();
    await metrics();
    expect(dials - before).toBe(0);
    const declared = [...(await request('/metrics')).text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => `${name} ${type}`);
    expect(declared.sort()).toEqual([
      'portolan_engine_events_total counter',
      'portolan_engine_requests_total counter',
      'portolan_event_to_patch_seconds histogram',
      'portolan_http_request_duration_seconds histogram',
      'portolan_patches_total counter',
      'portolan_resyncs_total counter',
      'portolan_viewers gauge',
    ]);
    // The first sync's requests, each under its operation without ids.
    expect(total(samples, 'portolan_engine_requests_total', { engine: 'default', operation: 'GET /networks', outcome: 'ok' })).toBeGreaterThan(0);
    expect(samples.filter((s) => s.name === 'portolan_engine_requests_total').every((s) => !/[0-9a-f]{12}/.test(s.labels.operation!))).toBe(true);
  });

  it('counts a change made with the CLI: its event, the Engine reads it led to, the patch and the delay', async () => {
    const before = await metrics();
    const dialsBefore = dials;
    const name = objects.name('counted');
    await objects.docker(['network', 'create', name]);
    await waitFor('the network in the picture', () => portolan.store.snapshot().topology.networks.some((n) => n.name === name), 10_000);
    await portolan.store.settled();
    const after = await metrics();
    const grew = (metric: string, labels: Record<string, string> = {}) => total(after, metric, labels) - total(before, metric, labels);
    expect(grew('portolan_engine_events_total', { engine: 'default', type: 'network' })).toBeGreaterThanOrEqual(1);
    expect(grew('portolan_engine_requests_total', { engine: 'default', operation: 'GET /networks/{id}', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    // Every request the door made is counted once, under some operation.
    expect(grew('portolan_engine_requests_total')).toBe(dials - dialsBefore);
    expect(grew('portolan_patches_total', { engine: 'default' })).toBeGreaterThanOrEqual(1);
    expect(grew('portolan_event_to_patch_seconds_count', { engine: 'default' })).toBeGreaterThanOrEqual(1);
  });

  it('counts a refusal under the Engine’s status', async () => {
    const before = await metrics();
    const { status } = await request(`/api/networks/${objects.name('missing')}`);
    expect(status).toBe(404);
    const after = await metrics();
    const refused = { engine: 'default', operation: 'GET /networks/{id}', outcome: '404' };
    expect(total(after, 'portolan_engine_requests_total', refused) - total(before, 'portolan_engine_requests_total', refused)).toBe(1);
    const route = { method: 'GET', route: '/api/networks/:ref', status: '404' };
    expect(
      total(after, 'portolan_http_request_duration_seconds_count', route) - total(before, 'portolan_http_request_duration_seconds_count', route),
    ).toBe(1);
  });

  it('counts viewers as they come and go, and the full pictures they ask for again', async () => {
    const viewers = async () => total(await metrics(), 'portolan_viewers');
    const start = await viewers();
    const feed = new Feed(portolan.url);
    try {
      await feed.ready();
      expect(await viewers()).toBe(start + 1);
      const resyncs = total(await metrics(), 'portolan_resyncs_total', { engine: 'default' });
      await feed.resync();
      expect(total(await metrics(), 'portolan_resyncs_total', { engine: 'default' })).toBe(resyncs + 1);
    } finally {
      feed.close();
    }
    await waitFor('the viewer gone from the count', async () => (await viewers()) === start, 5000, 50);
  });

  it('stands behind the same gate as the API, and only reads', async () => {
    const rebound = await request('/metrics', { headers: { Host: 'evil.example' } });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.text)).toMatchObject({ error: { code: 'host_not_allowed' } });
    const post = await request('/metrics', { method: 'POST', headers: { Origin: portolan.url, 'Content-Type': 'application/json' } });
    expect(post.status).toBe(405);
    expect(JSON.parse(post.text)).toMatchObject({ error: { code: 'method_not_allowed', hint: 'Read the metrics with GET /metrics.' } });
  });
});
