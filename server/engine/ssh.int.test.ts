import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { EngineStatus } from '../../lib/topology';
import { PortolanApi } from '../../scripts/testkit/api';
import { TEST_IMAGE, TestObjects, docker, waitFor } from '../../scripts/testkit/docker';
import { Feed } from '../../scripts/testkit/feed';
import { waitForOp } from '../../scripts/testkit/portolan';
import { PortolanProcess } from '../../scripts/testkit/portolanProcess';
import { TestSshd } from '../../scripts/testkit/sshd';
import type { ProbeResult } from './probe';
import { SSH_MAX_CONNECTIONS } from './sshDial';

// DOCKER_HOST=ssh://… as the docker CLI does it: Portolan runs the system's ssh
// against an sshd this test starts on loopback, with a key only in ~/.ssh and no
// ssh-agent; the remote `docker system dial-stdio` talks to this suite's engine.

const run = promisify(execFile);
const PORT = '3281';
const objects = new TestObjects('cn');
const sshd = new TestSshd();
let portolan: PortolanProcess | null = null;
let feed: Feed | null = null;

beforeAll(async () => {
  await sshd.start();
});

afterEach(async () => {
  feed?.close();
  feed = null;
  await portolan?.stop();
  portolan = null;
});

afterAll(async () => {
  await sshd.stop();
  await objects.cleanup();
});

/** This suite's engine, through the sshd: a socket other than the default goes after the host, as the docker CLI reads it. */
function endpoint(): string {
  const local = process.env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
  if (!local.startsWith('unix://')) throw new Error(`this suite reaches its engine through ssh and a unix socket, not ${local}`);
  const socket = local.slice('unix://'.length);
  return `ssh://${os.userInfo().username}@127.0.0.1:${sshd.port}${socket === '/var/run/docker.sock' ? '' : socket}`;
}

function env(): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: endpoint(), PORT, HOST: '127.0.0.1', NODE_ENV: 'production' };
  for (const name of ['SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'PORTOLAN_ENGINES', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'])
    delete vars[name];
  return vars;
}

/** The ssh children talking to the test's sshd, by pid. */
async function sshChildren(): Promise<string[]> {
  const { stdout } = await run('pgrep', ['-f', `^ssh .* -p ${sshd.port} -- 127[.]0[.]0[.]1 docker`]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean);
}

async function unreachableStatus(api: PortolanApi): Promise<EngineStatus & { detail: string }> {
  const answer = await waitFor(
    'the engine to be marked unreachable',
    async () => {
      const a = await api.get<{ engine: EngineStatus & { detail: string } }>('/api/health');
      return a.status === 503 && a.body.engine.status === 'unreachable' ? a : null;
    },
    60_000,
    250,
  );
  return answer.body.engine;
}

it('syncs, follows events and acts through the system ssh, with the key in ~/.ssh/id_ed25519 and no ssh-agent', async () => {
  portolan = await PortolanProcess.start({ env: env(), home: sshd.home('good') });
  const api = new PortolanApi(portolan.url);
  const health = await waitFor(
    'the engine to connect over ssh',
    async () => {
      const a = await api.get<{ engine: EngineStatus }>('/api/health');
      return a.status === 200 ? a : null;
    },
    60_000,
    250,
  );
  expect(health.body.engine).toMatchObject({ status: 'connected', endpoint: endpoint() });

  feed = new Feed(portolan.url);
  const snapshot = await feed.ready(30_000);
  expect(snapshot.topology.engine.id).toBe(await docker(['info', '--format', '{{.ID}}']));
  expect(snapshot.topology.networks.map((n) => n.name)).toContain('bridge');

  const net = objects.name('net');
  const created = await api.post<{ command: string }>('/api/networks', { name: net });
  expect(created.status).toBe(201);
  expect(created.body.command).toMatch(new RegExp(`^docker network create .*${net}$`));
  expect(await docker(['network', 'inspect', '-f', '{{.Name}}', net])).toBe(net);

  // Made with the CLI beside Portolan: only the event stream through ssh can tell it.
  const since = feed.patches.length;
  const web = objects.name('web');
  await docker(['run', '-d', '--name', web, '--network', net, TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/var/www']);
  await objects.sleeper('client', ['--network', net]);
  await waitForOp(
    feed,
    since,
    'the web container, from the event stream',
    (op) => op.op === 'upsert' && op.kind === 'container' && op.value.name === web,
    30_000,
  );

  // An exec: the Engine hijacks the connection, which here is an ssh child's standard input and output.
  const probe = await api.post<ProbeResult>(`/api/containers/${objects.name('client')}/probe`, { target: web, port: 80 });
  expect(probe.status).toBe(200);
  expect(probe.body).toMatchObject({ reachable: true, via: { network: net } });

  const children = await sshChildren();
  expect(children.length).toBeGreaterThanOrEqual(1);
  expect(children.length).toBeLessThanOrEqual(SSH_MAX_CONNECTIONS);
  expect(portolan.stderr).not.toMatch(/DEP0170|DeprecationWarning|is invalid/);

  await portolan.stop();
  await waitFor('the ssh children to end with Portolan', async () => (await sshChildren()).length === 0, 10_000, 100);
});

it('says in one line that the server accepted none of the keys when ~/.ssh holds another one, and never prompts', async () => {
  const stranger = await sshd.strangerKey();
  portolan = await PortolanProcess.start({ env: env(), home: sshd.home('stranger', { key: stranger.file }) });
  const status = await unreachableStatus(new PortolanApi(portolan.url));

  expect(status.endpoint).toBe(endpoint());
  expect(status.detail).toMatch(/^ssh: \S+@127\.0\.0\.1: Permission denied \(publickey\)\. The server accepted none of your keys\./);
  expect(status.detail).toContain(`ssh -p ${sshd.port} ${os.userInfo().username}@127.0.0.1 docker version`);
  expect(status.detail).not.toContain('\n');
});

it('says the host key is not the one ~/.ssh/known_hosts holds, and never answers the question itself', async () => {
  const stranger = await sshd.strangerKey();
  portolan = await PortolanProcess.start({ env: env(), home: sshd.home('moved', { hostKey: stranger.publicKey }) });
  const status = await unreachableStatus(new PortolanApi(portolan.url));

  expect(status.detail).toMatch(/^ssh: Host key verification failed\. The host's key is not in ~\/\.ssh\/known_hosts, or has changed/);
  expect(status.detail).not.toContain('\n');
});
