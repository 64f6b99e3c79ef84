import http from 'node:http';
import type { Page } from '@playwright/test';
import { rawExchange } from '../scripts/testkit/raw';
import { expect, test } from './fixtures';

// The gate in front of the built app, Next's pages included, as a browser and a raw client meet it.

/** Opens socket.io's WebSocket from inside the page: "open" when engine.io greets it, else "refused". */
const openFeed = (page: Page, feed: string) =>
  page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onmessage = (m) => resolve(String(m.data).startsWith('0') ? 'open' : `message ${String(m.data)}`);
        ws.onerror = () => resolve('refused');
        ws.onclose = () => resolve('refused');
        setTimeout(() => resolve('no answer'), 5000);
      }),
    feed,
  );

test('a page served from another local port cannot read the live feed; Portolan’s own page can', async ({ page, baseURL }) => {
  const port = Number(new URL(baseURL!).port);
  const feed = `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`;
  const other = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another app</title>'),
  );
  await new Promise<void>((resolve) => other.listen(port + 2, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${port + 2}/`);
    expect(await openFeed(page, feed)).toBe('refused');

    await page.goto(`http://127.0.0.1:${port}/`);
    expect(await openFeed(page, feed)).toBe('open');
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});

test('malformed request targets are answered 400 in the error shape, and stray WebSocket upgrades 404 at once', async ({ baseURL }) => {
  const host = new URL(baseURL!).host;
  for (const line of ['GET * HTTP/1.1', 'OPTIONS * HTTP/1.1', 'GET //x:99999/?token=x HTTP/1.1', 'GET http://[::1/?token=x HTTP/1.1']) {
    const answer = await rawExchange(baseURL!, `${line}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect({ line, status: answer.status }).toEqual({ line, status: 400 });
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'bad_request_target' } });
  }
  const upgrade = (path: string) =>
    rawExchange(
      baseURL!,
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${baseURL}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      2000,
    );
  for (const path of ['/', '/_next/webpack-hmr', '/api/topology']) {
    const answer = await upgrade(path);
    expect({ path, status: answer.status, closed: answer.closed }).toEqual({ path, status: 404, closed: true });
  }
  expect((await upgrade('/socket.io/?EIO=4&transport=websocket')).status).toBe(101);
});
