import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../lib/apiError';
import type { EngineSummary, TopologySnapshot } from '../../lib/topology';
import { PortolanApi } from '../../scripts/testkit/api';
import { docker, waitFor } from '../../scripts/testkit/docker';
import { PortolanProcess } from '../../scripts/testkit/portolanProcess';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { makeCertificates } from '../../scripts/testkit/tlsCertificates';
import type { Portolan } from '../index';
import { engineSpecs } from './engineSpecs';

// Which engines the environment names, read as the docker CLI reads it, and what
// the server says, in one line each, about a setting it cannot use.

const run = promisify(execFile);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cn-home-'));
const local = process.env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
/** Docker 26.1 beside the test engine (scripts/engine-26.sh). */
const V26 = 'unix:///run/portolan-engines/26.1/docker.sock';
/** The engine the contexts point at: Docker 26.1 beside the test engine, or, when the suite runs on 26.1, the 20.10 one. */
const OTHER = local === V26 ? 'unix:///var/run/docker.sock' : V26;
let portolan: Portolan | null = null;

afterEach(async () => {
  await portolan?.close();
  portolan = null;
});

afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

/** The environment of a user whose home is the test's: no engine settings of the suite's own. */
function userEnv(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ...vars };
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'PORTOLAN_ENGINES'])
    if (!(name in vars)) delete env[name];
  return env;
}

describe("the docker CLI's contexts", () => {
  it('reads the contexts `docker context create` wrote, and watches the engine the current one names', async () => {
    const pki = (await makeCertificates(path.join(home, 'pki'))).client;
    const pem = (file: string) => fs.readFileSync(path.join(pki, file));
    const env = userEnv();
    await docker(['context', 'create', 'ptl-cn-here', '--docker', `host=${local}`], env);
    await docker(['context', 'create', 'ptl-cn-lab', '--docker', 'host=ssh://me@lab.example:2222'], env);
    await docker(
      ['context', 'create', 'ptl-cn-tls', '--docker', `host=tcp://10.0.0.5:2376,ca=${pki}/ca.pem,cert=${pki}/cert.pem,key=${pki}/key.pem`],
      env,
    );
    await docker(['context', 'use', 'ptl-cn-here'], env);

    expect(engineSpecs(env)).toEqual([
      { name: 'ptl-cn-here', endpoint: local, connection: expect.objectContaining({ kind: 'unix' }), dockerFlags: ['--context', 'ptl-cn-here'] },
    ]);
    const listed = engineSpecs({ ...env, PORTOLAN_ENGINES: 'ptl-cn-lab,ptl-cn-tls' });
    expect(listed).toEqual([
      {
        name: 'ptl-cn-lab',
        endpoint: 'ssh://me@lab.example:2222',
        connection: { kind: 'ssh', host: 'lab.example', user: 'me', port: 2222 },
        dockerFlags: ['--context', 'ptl-cn-lab'],
      },
      {
        name: 'ptl-cn-tls',
        endpoint: 'tcp://10.0.0.5:2376',
        connection: {
          kind: 'tcp',
          host: '10.0.0.5',
          port: 2376,
          tls: { ca: pem('ca.pem'), cert: pem('cert.pem'), key: pem('key.pem'), verify: true },
        },
        dockerFlags: ['--context', 'ptl-cn-tls'],
      },
    ]);

    portolan = await startTestPortolan(env);
    await portolan.store.settled();
    expect(portolan.store.status()).toEqual({ status: 'connected', endpoint: local });
    expect(portolan.store.snapshot().topology.engine.id).toBe(await docker(['info', '--format', '{{.ID}}']));
  });

  it('answers the docker line of an engine that came from a context as `docker --context NAME …`, which reaches it', async () => {
    const env = userEnv();
    await docker(['context', 'create', 'ptl-cn-v26', '--docker', `host=${OTHER}`, '--description', 'the engine beside the test engine'], env);
    portolan = await startTestPortolan(userEnv({ PORTOLAN_ENGINES: `here=${local},ptl-cn-v26` }));
    await Promise.all(portolan.sites.map((site) => (site.broken === undefined ? site.store.settled() : null)));
    const api = new PortolanApi(portolan.url);
    const net = `ptl-cn-ctx-${process.pid}`;
    const made = await api.post<{ command: string }>('/api/networks?engine=ptl-cn-v26', { name: net });
    try {
      expect(made.status).toBe(201);
      expect(made.body.command).toBe(`docker --context ptl-cn-v26 network create --driver bridge ${net}`);
      // The line a learner copies reaches the same engine: the context's, not the shell's.
      const [, ...words] = made.body.command.replace('network create --driver bridge', 'network inspect -f {{.Name}}').split(' ');
      expect(await docker(words, env)).toBe(net);
      await expect(docker(['network', 'inspect', net])).rejects.toThrow();
    } finally {
      await docker(['network', 'rm', net], { ...env, DOCKER_HOST: OTHER }).catch(() => undefined);
    }
    const listed = (await api.get<{ engines: EngineSummary[] }>('/api/engines')).body.engines;
    expect(listed.map((e) => e.dockerFlags)).toEqual([
      ['-H', local],
      ['--context', 'ptl-cn-v26'],
    ]);
  });
});

describe('settings the server cannot use', () => {
  const start = (vars: Record<string, string>) =>
    run('node', ['--import', 'tsx', 'server/index.ts'], { env: userEnv({ PORT: '3282', ...vars }), timeout: 60_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
  const nowhere = path.join(home, 'no-certs');

  it.each([
    [
      { DOCKER_HOST: 'foo://bar' },
      'portolan: DOCKER_HOST=foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.',
    ],
    [{ DOCKER_HOST: 'tcp://127.0.0.1:99999' }, 'portolan: DOCKER_HOST=tcp://127.0.0.1:99999: 99999 is not a port (1–65535).'],
    [
      { DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: nowhere },
      `portolan: DOCKER_TLS_VERIFY is set, so TLS needs ca.pem, cert.pem and key.pem, but ca.pem, cert.pem and key.pem are missing from ${nowhere} (DOCKER_CERT_PATH): ` +
        "put the engine's CA and your client certificate there, or point DOCKER_CERT_PATH at the folder that holds them.",
    ],
    [
      { DOCKER_CONTEXT: 'ptl-cn-nope' },
      'portolan: DOCKER_CONTEXT=ptl-cn-nope: there is no docker context named "ptl-cn-nope" ' +
        `(no ${path.join(home, '.docker', 'contexts', 'meta', createHash('sha256').update('ptl-cn-nope').digest('hex'), 'meta.json')}); ` +
        '`docker context ls` lists the ones there are.',
    ],
  ])('exits 2 after one line, no stack trace, for %j', async (vars, line) => {
    const { code, stderr } = await start(vars);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([line]);
  });

  it('exits 2 with one line per engine when no engine it is given can be configured', async () => {
    const { code, stderr } = await start({ PORTOLAN_ENGINES: 'odd=foo://bar,far=tcp://127.0.0.1:99999' });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      'portolan: PORTOLAN_ENGINES: odd=foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.',
      'portolan: PORTOLAN_ENGINES: far=tcp://127.0.0.1:99999: 99999 is not a port (1–65535).',
    ]);
  });

  it('starts when the first engine cannot be configured: it is listed broken with its line, the others work, and requests without ?engine= get a 503 naming it', async () => {
    // A TLS engine whose folder holds the client's pair but no ca.pem.
    const certs = path.join(home, 'no-ca');
    fs.mkdirSync(certs, { recursive: true });
    for (const file of ['cert.pem', 'key.pem']) fs.writeFileSync(path.join(certs, file), 'not used\n');
    const server = await PortolanProcess.start({
      env: userEnv({
        PORT: '0',
        NODE_ENV: 'production',
        PORTOLAN_ENGINES: `odd=tcp://127.0.0.1:2376,here=${local}`,
        PORTOLAN_ENGINE_ODD_TLS_VERIFY: '1',
        PORTOLAN_ENGINE_ODD_CERT_PATH: certs,
      }),
    });
    try {
      const api = new PortolanApi(server.url);
      const why =
        `PORTOLAN_ENGINE_ODD_TLS_VERIFY is set, so TLS needs ca.pem, cert.pem and key.pem, but ca.pem is missing from ${certs} (PORTOLAN_ENGINE_ODD_CERT_PATH): ` +
        "put the engine's CA and your client certificate there, or point PORTOLAN_ENGINE_ODD_CERT_PATH at the folder that holds them.";
      const listed = await waitFor(
        'the engine here connected',
        async () => {
          const { engines } = (await api.get<{ engines: EngineSummary[] }>('/api/engines')).body;
          return engines.find((e) => e.name === 'here')?.status === 'connected' ? engines : null;
        },
        30_000,
        100,
      );
      expect(listed.map(({ name, endpoint, status, detail }) => ({ name, endpoint, status, detail }))).toEqual([
        { name: 'odd', endpoint: 'tcp://127.0.0.1:2376', status: 'unreachable', detail: why },
        { name: 'here', endpoint: local, status: 'connected', detail: undefined },
      ]);
      for (const route of ['/api/topology', '/api/health', '/api/lessons']) {
        const refused = await api.get<ApiErrorBody>(route);
        expect(refused.status, route).toBe(503);
        expect(refused.body.error.code).toBe('engine_unusable');
        expect(refused.body.error.message).toBe(
          `Portolan cannot use the engine "odd", the first one, which a request without ?engine= is about: ${why}`,
        );
        expect(refused.body.error.hint).toBe('Fix its configuration and start Portolan again; meanwhile ask another engine (?engine=here).');
      }
      const picture = await api.get<TopologySnapshot>('/api/topology?engine=here');
      expect(picture.status).toBe(200);
      expect(picture.body.topology.engine.id).toBe(await docker(['info', '--format', '{{.ID}}']));
      // The others act too, and the broken one is still refused by name.
      const net = `ptl-cn-first-broken-${process.pid}`;
      const made = await api.post<{ command: string }>('/api/networks?engine=here', { name: net });
      try {
        expect(made.status).toBe(201);
        expect(await docker(['network', 'inspect', '-f', '{{.Name}}', net])).toBe(net);
      } finally {
        await docker(['network', 'rm', net]).catch(() => undefined);
      }
      expect((await api.get('/api/topology?engine=odd')).status).toBe(503);
      expect(server.stderr).toBe('');
    } finally {
      await server.stop();
    }
  });

  it('runs the engines it can configure and marks the one it cannot with its line', async () => {
    portolan = await startTestPortolan(userEnv({ PORTOLAN_ENGINES: `here=${local},odd=foo://bar` }));
    await portolan.store.settled();
    expect(portolan.sites.map((site) => [site.name, site.broken])).toEqual([
      ['here', undefined],
      [
        'odd',
        'PORTOLAN_ENGINES: odd=foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.',
      ],
    ]);
    expect(portolan.store.status()).toEqual({ status: 'connected', endpoint: local });
  });
});
