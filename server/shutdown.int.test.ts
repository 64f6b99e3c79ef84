import { performance } from 'node:perf_hooks';
import { afterAll, expect, it } from 'vitest';
import { Feed } from '../scripts/testkit/feed';
import { waitFor } from '../scripts/testkit/docker';
import { PortolanProcess } from '../scripts/testkit/portolanProcess';

let server: PortolanProcess | null = null;
afterAll(() => server?.stop());

// `docker stop` sends SIGTERM and kills 10 s later: the viewers must see the server go and the process must end well before.
// The server closes their connections ('transport close') rather than telling them to go away ('io server disconnect'):
// a viewer then keeps trying, and the page is live again as soon as Portolan is back after a restart.
it("on SIGTERM the server closes every viewer's connection and the process exits 0 at once", async () => {
  server = await PortolanProcess.start({ env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent' } });
  const viewers = [new Feed(server.url), new Feed(server.url)];
  await waitFor('both viewers to have their snapshot', () => viewers.every((v) => v.snapshot !== null), 10_000);
  const reasons = viewers.map((v) => new Promise<string>((resolve) => v.socket.once('disconnect', resolve)));
  for (const v of viewers) v.socket.io.reconnection(false);

  const started = performance.now();
  const ended = await server.signal('SIGTERM');
  const ms = performance.now() - started;
  expect(await Promise.all(reasons)).toEqual(['transport close', 'transport close']);
  expect(ended).toEqual({ code: 0, signal: null });
  expect(ms).toBeLessThan(3000);
});
