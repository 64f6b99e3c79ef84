import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import { defaultEngine, engineSpecs, variableName } from './engineSpecs';

// A home folder with docker contexts in it, written as `docker context create`
// (docker CLI 28.2) writes them: meta.json under the sha256 of the name, and the
// TLS files it was given copied under contexts/tls/<sha256>/docker/.

let home: string;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cn-home-'));
});

afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

const sha = (name: string) => createHash('sha256').update(name).digest('hex');

function context(name: string, host: string, { skipTlsVerify = false, tls = [] as string[], description = '' } = {}): void {
  const meta = path.join(home, '.docker', 'contexts', 'meta', sha(name));
  fs.mkdirSync(meta, { recursive: true });
  const metadata = description ? { Description: description } : {};
  fs.writeFileSync(
    path.join(meta, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: metadata, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } } }),
  );
  if (tls.length === 0) return;
  const folder = path.join(home, '.docker', 'contexts', 'tls', sha(name), 'docker');
  fs.mkdirSync(folder, { recursive: true });
  for (const file of tls) fs.writeFileSync(path.join(folder, file), `${name} ${file}`);
}

function dockerConfig(text: string): void {
  fs.mkdirSync(path.join(home, '.docker'), { recursive: true });
  fs.writeFileSync(path.join(home, '.docker', 'config.json'), text);
}

function certFolder(name: string, files = ['ca.pem', 'cert.pem', 'key.pem']): string {
  const folder = path.join(home, name);
  fs.mkdirSync(folder, { recursive: true });
  for (const file of files) fs.writeFileSync(path.join(folder, file), `${name} ${file}`);
  return folder;
}

describe('the default engine, as the docker CLI picks it', () => {
  it('is the local socket when nothing is set, named default as `docker context ls` names it', () => {
    expect(engineSpecs({ HOME: home })).toEqual([
      {
        name: 'default',
        endpoint: 'unix:///var/run/docker.sock',
        connection: { kind: 'unix', socketPath: '/var/run/docker.sock' },
        dockerFlags: ['-H', 'unix:///var/run/docker.sock'],
      },
    ]);
  });

  it('is DOCKER_HOST when set, over DOCKER_CONTEXT and the current context', () => {
    context('lab', 'ssh://me@lab');
    dockerConfig('{"auths": {}, "currentContext": "lab"}');
    expect(defaultEngine({ HOME: home, DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_CONTEXT: 'lab' })).toEqual({
      name: 'default',
      endpoint: 'tcp://10.0.0.5:2375',
      connection: { kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null },
      dockerFlags: ['-H', 'tcp://10.0.0.5:2375'],
    });
  });

  it("is DOCKER_CONTEXT's context, then config.json's currentContext", () => {
    context('lab', 'ssh://me@lab');
    context('ci', 'unix:///run/ci/docker.sock');
    dockerConfig('{\n\t"auths": {},\n\t"currentContext": "lab"\n}');
    expect(defaultEngine({ HOME: home, DOCKER_CONTEXT: 'ci' })).toMatchObject({ name: 'ci', endpoint: 'unix:///run/ci/docker.sock' });
    expect(defaultEngine({ HOME: home })).toEqual({
      name: 'lab',
      endpoint: 'ssh://me@lab',
      connection: { kind: 'ssh', host: 'lab', user: 'me' },
      dockerFlags: ['--context', 'lab'],
    });
    expect(defaultEngine({ HOME: home, DOCKER_CONTEXT: 'default' })).toMatchObject({ name: 'default', endpoint: 'unix:///var/run/docker.sock' });
    context('ci+2', 'unix:///run/ci2/docker.sock');
    // The name in URLs loses the +; the docker line keeps the context's own name.
    expect(defaultEngine({ HOME: home, DOCKER_CONTEXT: 'ci+2' })).toMatchObject({
      name: 'ci-2',
      endpoint: 'unix:///run/ci2/docker.sock',
      dockerFlags: ['--context', 'ci+2'],
    });
  });

  it('reads DOCKER_CONFIG instead of ~/.docker', () => {
    const elsewhere = path.join(home, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'config.json'), '{"currentContext": "gone"}');
    expect(defaultEngine({ HOME: home, DOCKER_CONFIG: elsewhere }).error).toContain(
      `there is no docker context named "gone" (no ${path.join(elsewhere, 'contexts', 'meta', sha('gone'), 'meta.json')})`,
    );
  });

  it('says which setting names a context that does not exist, and where it looked', () => {
    const meta = path.join(home, '.docker', 'contexts', 'meta', sha('nope'), 'meta.json');
    expect(defaultEngine({ HOME: home, DOCKER_CONTEXT: 'nope' })).toEqual({
      name: 'nope',
      endpoint: '',
      error: `DOCKER_CONTEXT=nope: there is no docker context named "nope" (no ${meta}); \`docker context ls\` lists the ones there are.`,
    });
    dockerConfig('{"currentContext": "nope"}');
    expect(defaultEngine({ HOME: home }).error).toBe(
      `currentContext "nope" in ${path.join(home, '.docker', 'config.json')}: there is no docker context named "nope" (no ${meta}); \`docker context ls\` lists the ones there are.`,
    );
  });

  it('says config.json cannot be read when it is not JSON', () => {
    dockerConfig('{"currentContext": ');
    expect(defaultEngine({ HOME: home }).error).toMatch(
      /^\/.*\/\.docker\/config\.json is not valid JSON \(.+\); the docker CLI cannot read it either\.$/,
    );
  });

  it('takes TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, or ~/.docker, and names what is missing', () => {
    const certs = certFolder('certs');
    expect(defaultEngine({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }).connection).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2376,
      tls: { ca: Buffer.from('certs ca.pem'), cert: Buffer.from('certs cert.pem'), key: Buffer.from('certs key.pem'), verify: true },
    });
    // The docker line names the files it read, as `docker --tlsverify` takes them.
    expect(defaultEngine({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }).dockerFlags).toEqual([
      '-H',
      'tcp://127.0.0.1:2376',
      '--tlsverify',
      '--tlscacert',
      path.join(certs, 'ca.pem'),
      '--tlscert',
      path.join(certs, 'cert.pem'),
      '--tlskey',
      path.join(certs, 'key.pem'),
    ]);
    expect(
      defaultEngine({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/tmp/ptl-cn-nowhere' }),
    ).toEqual({
      name: 'default',
      endpoint: 'tcp://127.0.0.1:2376',
      error:
        'DOCKER_TLS_VERIFY is set, so TLS needs ca.pem, cert.pem and key.pem, but ca.pem, cert.pem and key.pem are missing from /tmp/ptl-cn-nowhere (DOCKER_CERT_PATH): ' +
        "put the engine's CA and your client certificate there, or point DOCKER_CERT_PATH at the folder that holds them.",
    });
    expect(defaultEngine({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' }).error).toContain(
      `missing from ${path.join(home, '.docker')} (the default folder; DOCKER_CERT_PATH sets another)`,
    );
    expect(defaultEngine({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_TLS_VERIFY: '0' }).connection).toMatchObject({ tls: null });
  });

  it('carries a DOCKER_HOST it cannot use as its one-line error', () => {
    expect(defaultEngine({ HOME: home, DOCKER_HOST: 'foo://bar' })).toEqual({
      name: 'default',
      endpoint: 'foo://bar',
      error:
        'DOCKER_HOST=foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.',
    });
  });
});

describe('docker contexts', () => {
  it('take TLS from the files the context holds, and SkipTLSVerify turns verification off', () => {
    context('secure', 'tcp://10.0.0.5:2376', { tls: ['ca.pem', 'cert.pem', 'key.pem'], description: 'a tcp one' });
    context('lax', 'tcp://10.0.0.6:2376', { skipTlsVerify: true });
    context('plain', 'tcp://10.0.0.7:2375');
    context('half', 'tcp://10.0.0.8:2376', { tls: ['ca.pem', 'cert.pem'] });
    const specs = engineSpecs({ HOME: home, PORTOLAN_ENGINES: 'secure,lax,plain,half' });
    expect(specs.map((s) => s.connection)).toEqual([
      {
        kind: 'tcp',
        host: '10.0.0.5',
        port: 2376,
        tls: { ca: Buffer.from('secure ca.pem'), cert: Buffer.from('secure cert.pem'), key: Buffer.from('secure key.pem'), verify: true },
      },
      { kind: 'tcp', host: '10.0.0.6', port: 2376, tls: { verify: false } },
      { kind: 'tcp', host: '10.0.0.7', port: 2375, tls: null },
      // As the docker CLI: a certificate without its key is not used.
      { kind: 'tcp', host: '10.0.0.8', port: 2376, tls: { ca: Buffer.from('half ca.pem'), verify: true } },
    ]);
    // The docker line reaches each as the CLI would, by the context's name: its TLS is the context's business.
    expect(specs.map((s) => s.dockerFlags)).toEqual(['secure', 'lax', 'plain', 'half'].map((name) => ['--context', name]));
  });

  it('name the context in the error when its endpoint cannot be used', () => {
    context('odd', 'foo://bar');
    const [odd] = engineSpecs({ HOME: home, PORTOLAN_ENGINES: 'odd' });
    expect(odd?.error).toBe(
      "PORTOLAN_ENGINES: context odd: the context's endpoint foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.",
    );
  });
});

describe('PORTOLAN_ENGINES', () => {
  it('lists engines as name=endpoint or a context name, in order', () => {
    context('lab', 'ssh://me@lab:2222');
    const specs = engineSpecs({
      HOME: home,
      DOCKER_HOST: 'unix:///run/user/1000/docker.sock',
      PORTOLAN_ENGINES: ' local=unix:///var/run/docker.sock , lab, ci=ssh://ci@10.0.0.9, default ,',
    });
    expect(specs.map(({ name, endpoint }) => ({ name, endpoint }))).toEqual([
      { name: 'local', endpoint: 'unix:///var/run/docker.sock' },
      { name: 'lab', endpoint: 'ssh://me@lab:2222' },
      { name: 'ci', endpoint: 'ssh://ci@10.0.0.9' },
      { name: 'default', endpoint: 'unix:///run/user/1000/docker.sock' },
    ]);
    expect(specs.every((s) => s.error === undefined)).toBe(true);
  });

  it('reads `default` as the docker CLI does: DOCKER_HOST, else the local socket, never the current context', () => {
    context('lab', 'ssh://me@lab:2222');
    dockerConfig('{"currentContext": "lab"}');
    expect(
      engineSpecs({ HOME: home, PORTOLAN_ENGINES: 'lab,default' }).map(({ name, endpoint, dockerFlags }) => ({ name, endpoint, dockerFlags })),
    ).toEqual([
      { name: 'lab', endpoint: 'ssh://me@lab:2222', dockerFlags: ['--context', 'lab'] },
      { name: 'default', endpoint: 'unix:///var/run/docker.sock', dockerFlags: ['-H', 'unix:///var/run/docker.sock'] },
    ]);
  });

  it("takes each tcp engine's TLS from PORTOLAN_ENGINE_<NAME>_TLS_VERIFY and _CERT_PATH, not from DOCKER_TLS_VERIFY", () => {
    const certs = certFolder('prod-certs');
    const specs = engineSpecs({
      HOME: home,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/tmp/ptl-cn-nowhere',
      PORTOLAN_ENGINES: 'prod-eu=tcp://10.0.0.5,test=tcp://10.0.0.6:2375',
      PORTOLAN_ENGINE_PROD_EU_TLS_VERIFY: '1',
      PORTOLAN_ENGINE_PROD_EU_CERT_PATH: certs,
    });
    expect(specs[0]).toMatchObject({
      name: 'prod-eu',
      endpoint: 'tcp://10.0.0.5:2376',
      connection: { tls: { verify: true, ca: Buffer.from('prod-certs ca.pem') } },
    });
    expect(specs[0]!.dockerFlags).toEqual([
      '-H',
      'tcp://10.0.0.5:2376',
      '--tlsverify',
      '--tlscacert',
      path.join(certs, 'ca.pem'),
      '--tlscert',
      path.join(certs, 'cert.pem'),
      '--tlskey',
      path.join(certs, 'key.pem'),
    ]);
    expect(specs[1]).toMatchObject({ name: 'test', connection: { tls: null }, dockerFlags: ['-H', 'tcp://10.0.0.6:2375'] });
  });

  it('marks an engine it cannot configure with its one line, and keeps the others', () => {
    const specs = engineSpecs({
      HOME: home,
      PORTOLAN_ENGINES: 'good=unix:///var/run/docker.sock,tls=tcp://10.0.0.5:2376,bad=foo://bar,gone,empty=',
      PORTOLAN_ENGINE_TLS_TLS_VERIFY: 'yes',
      PORTOLAN_ENGINE_TLS_CERT_PATH: '/tmp/ptl-cn-nowhere',
    });
    expect(specs.map(({ name, endpoint, error }) => ({ name, endpoint, error }))).toEqual([
      { name: 'good', endpoint: 'unix:///var/run/docker.sock', error: undefined },
      {
        name: 'tls',
        endpoint: 'tcp://10.0.0.5:2376',
        error:
          'PORTOLAN_ENGINE_TLS_TLS_VERIFY is set, so TLS needs ca.pem, cert.pem and key.pem, but ca.pem, cert.pem and key.pem are missing from /tmp/ptl-cn-nowhere (PORTOLAN_ENGINE_TLS_CERT_PATH): ' +
          "put the engine's CA and your client certificate there, or point PORTOLAN_ENGINE_TLS_CERT_PATH at the folder that holds them.",
      },
      {
        name: 'bad',
        endpoint: 'foo://bar',
        error:
          'PORTOLAN_ENGINES: bad=foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.',
      },
      {
        name: 'gone',
        endpoint: '',
        error: `PORTOLAN_ENGINES: context gone: there is no docker context named "gone" (no ${path.join(home, '.docker', 'contexts', 'meta', sha('gone'), 'meta.json')}); \`docker context ls\` lists the ones there are.`,
      },
      {
        name: 'empty',
        endpoint: '',
        error:
          'PORTOLAN_ENGINES: empty= names no endpoint; write empty=unix:///path, empty=tcp://host:port or empty=ssh://user@host, or just empty for a docker context.',
      },
    ]);
  });

  it.each([
    [
      'a b=tcp://x',
      'PORTOLAN_ENGINES: "a b" is not an engine name; use letters, digits, ".", "-" and "_" (e.g. PORTOLAN_ENGINES=here=unix:///var/run/docker.sock,lab=ssh://me@lab).',
    ],
    ['lab+2=tcp://x', 'PORTOLAN_ENGINES: "lab+2" is not an engine name; use letters, digits, ".", "-" and "_"'],
    ['good=unix:///a.sock,good=tcp://10.0.0.6', 'PORTOLAN_ENGINES names the engine "good" twice; give each engine its own name.'],
    [
      'prod-eu=tcp://10.0.0.5,prod.eu=tcp://10.0.0.6',
      'PORTOLAN_ENGINES: "prod-eu" and "prod.eu" would share the variables PORTOLAN_ENGINE_PROD_EU_*; rename one.',
    ],
  ])('refuses a list it cannot read (%s) as a whole, in one line', (list, message) => {
    expect(() => engineSpecs({ HOME: home, PORTOLAN_ENGINES: list })).toThrow(ConfigError);
    expect(() => engineSpecs({ HOME: home, PORTOLAN_ENGINES: list })).toThrow(message);
  });

  it('names the variables of an engine in upper case, other characters as _', () => {
    expect(variableName('prod-eu.2')).toBe('PROD_EU_2');
  });

  it('is the default engine when it lists nothing', () => {
    expect(engineSpecs({ HOME: home, PORTOLAN_ENGINES: ' , ' })).toEqual([defaultEngine({ HOME: home })]);
  });
});
