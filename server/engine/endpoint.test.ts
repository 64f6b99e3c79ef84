import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeConnection, EndpointError, parseEndpoint, type TlsSettings } from './endpoint';

const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cn-certs-'));
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ptl-cn-empty-'));
for (const file of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(certs, file), `${file} contents`);

afterAll(() => {
  fs.rmSync(certs, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
});

const tls = (certPath: string, certPathDefault = false): TlsSettings => ({
  verify: true,
  certPath,
  verifyVariable: 'DOCKER_TLS_VERIFY',
  certPathVariable: 'DOCKER_CERT_PATH',
  certPathDefault,
});

function refusal(raw: string, settings?: TlsSettings): string {
  try {
    parseEndpoint(raw, `DOCKER_HOST=${raw}`, settings);
  } catch (err) {
    expect(err).toBeInstanceOf(EndpointError);
    return (err as Error).message;
  }
  throw new Error(`${raw} was accepted`);
}

describe('parseEndpoint', () => {
  it('reads unix sockets, and nothing at all as the default socket', () => {
    expect(parseEndpoint('unix:///run/user/1000/docker.sock', 'DOCKER_HOST')).toEqual({ kind: 'unix', socketPath: '/run/user/1000/docker.sock' });
    expect(parseEndpoint('', 'DOCKER_HOST')).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(parseEndpoint('unix://', 'DOCKER_HOST')).toEqual({ kind: 'unix', socketPath: '/var/run/docker.sock' });
  });

  it('reads tcp addresses as the docker CLI does: a bare host:port is tcp, the port defaults to 2375, or 2376 with TLS', () => {
    expect(parseEndpoint('tcp://10.0.0.5:2375', 'DOCKER_HOST')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null });
    expect(parseEndpoint('10.0.0.5:4243', 'DOCKER_HOST')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 4243, tls: null });
    expect(parseEndpoint('tcp://docker.lan', 'DOCKER_HOST')).toMatchObject({ host: 'docker.lan', port: 2375 });
    expect(parseEndpoint('tcp://docker.lan/', 'DOCKER_HOST')).toMatchObject({ host: 'docker.lan', port: 2375 });
    expect(parseEndpoint('tcp://[::1]:2375', 'DOCKER_HOST')).toMatchObject({ host: '::1', port: 2375 });
    expect(parseEndpoint('tcp://:2375', 'DOCKER_HOST')).toMatchObject({ host: '127.0.0.1', port: 2375 });
    expect(parseEndpoint('tcp://docker.lan', 'DOCKER_HOST', tls(certs))).toMatchObject({ port: 2376, tls: { verify: true } });
  });

  it('reads ssh addresses with their user, port and remote socket', () => {
    expect(parseEndpoint('ssh://root@127.0.0.1:2222', 'DOCKER_HOST')).toEqual({ kind: 'ssh', host: '127.0.0.1', user: 'root', port: 2222 });
    expect(parseEndpoint('ssh://lab', 'DOCKER_HOST')).toEqual({ kind: 'ssh', host: 'lab' });
    expect(parseEndpoint('ssh://me@lab/run/user/1000/docker.sock', 'DOCKER_HOST')).toEqual({
      kind: 'ssh',
      host: 'lab',
      user: 'me',
      socketPath: '/run/user/1000/docker.sock',
    });
  });

  it('refuses schemes it cannot use, naming the setting and the ones it can', () => {
    expect(refusal('foo://bar')).toBe(
      'DOCKER_HOST=foo://bar: Portolan cannot use foo:// addresses; write unix:///path/to/docker.sock, tcp://host:port or ssh://user@host, as for the docker CLI.',
    );
    expect(refusal('https://10.0.0.5:2376')).toContain('Write tcp://10.0.0.5:2376 (with DOCKER_TLS_VERIFY for TLS).');
    expect(refusal('npipe:////./pipe/docker_engine')).toContain('Named pipes exist only on Windows.');
  });

  it.each([
    ['tcp://127.0.0.1:99999', 'DOCKER_HOST=tcp://127.0.0.1:99999: 99999 is not a port (1–65535).'],
    ['tcp://127.0.0.1:0', 'DOCKER_HOST=tcp://127.0.0.1:0: 0 is not a port (1–65535).'],
    ['tcp://a b:2375', 'DOCKER_HOST=tcp://a b:2375: "tcp://a b:2375" is not a tcp address; write tcp://host:port, e.g. tcp://127.0.0.1:2376.'],
    [
      'tcp://docker.lan:2375/v1.41',
      'DOCKER_HOST=tcp://docker.lan:2375/v1.41: Portolan reads no path or query after tcp://host:port; write tcp://docker.lan:2375.',
    ],
    ['tcp://me@docker.lan:2375', 'DOCKER_HOST=tcp://me@docker.lan:2375: a tcp address takes no user name or password; write tcp://host:port.'],
    [
      'ssh://me:secret@lab',
      'DOCKER_HOST=ssh://me:secret@lab: a password in the address is not supported (nor by the docker CLI); use an ssh key or ssh-agent.',
    ],
    ['ssh://lab?x=1', 'DOCKER_HOST=ssh://lab?x=1: an ssh address takes no ?query or #fragment; write ssh://user@host[:port].'],
    [
      'ssh://lab/run/$(reboot)',
      'DOCKER_HOST=ssh://lab/run/$(reboot): the remote socket path "/run/$(reboot)" may hold only letters, digits and / . _ + -.',
    ],
  ])('refuses %s in one line that says what to write', (raw, message) => {
    expect(refusal(raw)).toBe(message);
  });

  it('reads ca.pem, cert.pem and key.pem from the cert folder when TLS is asked for', () => {
    expect(parseEndpoint('tcp://127.0.0.1:2376', 'DOCKER_HOST', tls(certs))).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2376,
      tls: { ca: Buffer.from('ca.pem contents'), cert: Buffer.from('cert.pem contents'), key: Buffer.from('key.pem contents'), verify: true },
    });
    expect(parseEndpoint('tcp://127.0.0.1:2376', 'DOCKER_HOST', { ...tls(empty), verify: false })).toMatchObject({ tls: null });
  });

  it('names each missing TLS file, the folder it looked in, and the variable that sets the folder', () => {
    expect(refusal('tcp://127.0.0.1:2376', tls(empty))).toBe(
      `DOCKER_TLS_VERIFY is set, so TLS needs ca.pem, cert.pem and key.pem, but ca.pem, cert.pem and key.pem are missing from ${empty} (DOCKER_CERT_PATH): ` +
        "put the engine's CA and your client certificate there, or point DOCKER_CERT_PATH at the folder that holds them.",
    );
    fs.writeFileSync(path.join(empty, 'ca.pem'), 'ca');
    expect(refusal('tcp://127.0.0.1:2376', tls(empty))).toContain(`but cert.pem and key.pem are missing from ${empty} (DOCKER_CERT_PATH)`);
    fs.writeFileSync(path.join(empty, 'cert.pem'), 'cert');
    expect(refusal('tcp://127.0.0.1:2376', tls(empty, true))).toContain(
      `but key.pem is missing from ${empty} (the default folder; DOCKER_CERT_PATH sets another)`,
    );
    expect(refusal('tcp://127.0.0.1:2376', tls(path.join(empty, 'ca.pem')))).toContain('are missing from');
  });
});

describe('describeConnection', () => {
  it('writes each endpoint as DOCKER_HOST would take it', () => {
    for (const raw of [
      'unix:///var/run/docker.sock',
      'tcp://10.0.0.5:2375',
      'tcp://[::1]:2376',
      'ssh://root@127.0.0.1:2222',
      'ssh://lab',
      'ssh://me@lab/run/docker.sock',
    ])
      expect(describeConnection(parseEndpoint(raw, 'DOCKER_HOST'))).toBe(raw);
  });
});
