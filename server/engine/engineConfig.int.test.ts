import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { docker } from '../../scripts/testkit/docker';
import { startTestPortolan } from '../../scripts/testkit/portolan';
import { makeCertificates } from '../../scripts/testkit/tlsCertificates';
import type { Portolan } from '../index';
import { engineSpecs } from './engineSpecs';

// Which engines the environment names, read as the docker CLI reads it, and what
// the server says, in one line each, about a setting it cannot use.

const run = promisify(execFile);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cn-home-'));
const local = process.env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
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

    expect(engineSpecs(env)).toEqual([{ name: 'ptl-cn-here', endpoint: local, connection: expect.objectContaining({ kind: 'unix' }) }]);
    const listed = engineSpecs({ ...env, PORTOLAN_ENGINES: 'ptl-cn-lab,ptl-cn-tls' });
    expect(listed).toEqual([
      { name: 'ptl-cn-lab', endpoint: 'ssh://me@lab.example:2222', connection: { kind: 'ssh', host: 'lab.example', user: 'me', port: 2222 } },
      {
        name: 'ptl-cn-tls',
        endpoint: 'tcp://10.0.0.5:2376',
        connection: {
          kind: 'tcp',
          host: '10.0.0.5',
          port: 2376,
          tls: { ca: pem('ca.pem'), cert: pem('cert.pem'), key: pem('key.pem'), verify: true },
        },
      },
    ]);

    portolan = await startTestPortolan(env);
    await portolan.store.settled();
    expect(portolan.store.status()).toEqual({ status: 'connected', endpoint: local });
    expect(portolan.store.snapshot().topology.engine.id).toBe(await docker(['info', '--format', '{{.ID}}']));
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

  it('exits 2 with one line per broken engine when the first one, the default, cannot be configured', async () => {
    const { code, stderr } = await start({ PORTOLAN_ENGINES: `odd=foo://bar,here=${local},far=tcp://127.0.0.1:99999` });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      'portolan: PORTOLAN_ENGINES: odd=foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.',
      'portolan: PORTOLAN_ENGINES: far=tcp://127.0.0.1:99999: 99999 is not a port (1–65535).',
    ]);
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
