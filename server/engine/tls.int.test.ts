import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { PortolanApi } from '../../scripts/testkit/api';
import { docker, waitFor } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { SecondEngine } from '../../scripts/testkit/secondEngine';
import { makeCertificates, type Certificates } from '../../scripts/testkit/tlsCertificates';
import type { Portolan } from '../index';

// DOCKER_HOST=tcp://127.0.0.1:PORT with DOCKER_TLS_VERIFY: a `dockerd --tlsverify` of the
// test's own, in a network namespace of its own, whose API socket the test opened on this
// namespace's loopback and handed over (socket activation), so Portolan reaches it here.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cn-tls-'));
let certs: Certificates;
let engine: SecondEngine;
let port = 0;
let portolan: Portolan | null = null;

beforeAll(async () => {
  certs = await makeCertificates(path.join(dir, 'pki'));
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as net.AddressInfo).port;
  engine = new SecondEngine(['--tlsverify', '--tlscacert', certs.ca, '--tlscert', certs.serverCert, '--tlskey', certs.serverKey], listener);
  await engine.start();
});

afterEach(async () => {
  await portolan?.close();
  portolan = null;
});

afterAll(async () => {
  await engine?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tlsEnv = (certPath: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DOCKER_HOST: `tcp://127.0.0.1:${port}`,
  DOCKER_TLS_VERIFY: '1',
  DOCKER_CERT_PATH: certPath,
});

it('syncs, follows events and acts over tcp with TLS verified both ways', async () => {
  portolan = await startTestPortolan(tlsEnv(certs.client));
  await portolan.store.settled();

  expect(portolan.store.status()).toEqual({ status: 'connected', endpoint: `tcp://127.0.0.1:${port}` });
  expect(portolan.store.snapshot().topology.engine.id).toBe(await docker(['info', '--format', '{{.ID}}'], engine.env));

  // Made through the daemon's unix socket: only the event stream over TLS can tell Portolan.
  await docker(['network', 'create', 'ptl-cn-tls-seen'], engine.env);
  await waitFor(
    'the network, from the event stream',
    () => portolan!.store.snapshot().topology.networks.some((n) => n.name === 'ptl-cn-tls-seen'),
    15_000,
  );

  const created = await new PortolanApi(portolan.url).post('/api/networks', { name: 'ptl-cn-tls-made' });
  expect(created.status).toBe(201);
  expect(await docker(['network', 'inspect', '-f', '{{.Name}}', 'ptl-cn-tls-made'], engine.env)).toBe('ptl-cn-tls-made');
});

it("says TLS failed, and why, when the engine's certificate is not signed by this ca.pem", async () => {
  const other = await makeCertificates(path.join(dir, 'other-pki'));
  portolan = await startTestPortolan(tlsEnv(other.client));
  const status = await waitFor(
    'the engine to be marked unreachable',
    () => (portolan!.store.status().status === 'unreachable' ? portolan!.store.status() : null),
    15_000,
  );

  expect(status.detail).toMatch(
    new RegExp(`^TLS with tcp://127\\.0\\.0\\.1:${port} failed: .+ \\([A-Z_]+\\)\\. Check that the ca\\.pem in use signed the engine's certificate`),
  );
  expect(status.detail).not.toContain('\n');
});

it('refuses to start when DOCKER_CERT_PATH lacks key.pem, naming the file, the folder and the variable', async () => {
  const partial = path.join(dir, 'partial');
  fs.mkdirSync(partial);
  for (const file of ['ca.pem', 'cert.pem']) fs.copyFileSync(path.join(certs.client, file), path.join(partial, file));

  await expect(startTestPortolan(tlsEnv(partial))).rejects.toThrow(
    `DOCKER_TLS_VERIFY is set, so TLS needs ca.pem, cert.pem and key.pem, but key.pem is missing from ${partial} (DOCKER_CERT_PATH): ` +
      "put the engine's CA and your client certificate there, or point DOCKER_CERT_PATH at the folder that holds them.",
  );
});

it("answers a TLS engine's docker line with the files it reads, as `docker --tlsverify` takes them, and that line reaches it", async () => {
  const endpoint = `tcp://127.0.0.1:${port}`;
  const local = process.env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
  portolan = await startTestPortolan({
    ...process.env,
    PORTOLAN_ENGINES: `here=${local},secure=${endpoint}`,
    PORTOLAN_ENGINE_SECURE_TLS_VERIFY: '1',
    PORTOLAN_ENGINE_SECURE_CERT_PATH: certs.client,
  });
  await Promise.all(portolan.sites.map((site) => (site.broken === undefined ? site.store.settled() : null)));
  const made = await new PortolanApi(portolan.url).post<{ command: string }>('/api/networks?engine=secure', { name: 'ptl-cn-tls-aimed' });
  expect(made.status).toBe(201);
  const file = (name: string) => path.join(certs.client, name);
  expect(made.body.command).toBe(
    `docker -H ${endpoint} --tlsverify --tlscacert ${file('ca.pem')} --tlscert ${file('cert.pem')} --tlskey ${file('key.pem')} ` +
      'network create --driver bridge ptl-cn-tls-aimed',
  );
  // Copied into a shell with no DOCKER_HOST, it reaches the TLS engine, not the local one.
  const { DOCKER_HOST: _host, DOCKER_TLS_VERIFY: _verify, DOCKER_CERT_PATH: _path, ...shell } = process.env;
  const [, ...words] = made.body.command.replace('network create --driver bridge', 'network rm').split(' ');
  expect(await docker(words, shell)).toBe('ptl-cn-tls-aimed');
  await expect(docker(['network', 'inspect', 'ptl-cn-tls-aimed'], engine.env)).rejects.toThrow();
});
