import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { ContainerAudit } from '../lib/audit';
import { docker } from '../scripts/testkit/docker';
import { expect, sidePort, test } from './fixtures';

// Portolan's own image (Dockerfile, built by scripts/image.sh as portolan:<version>), started against the test
// Engine by the README's own `docker compose up -d` on compose.yaml, with this run's token, socket group and port.
// Only the Playwright project `image` runs this file (PORTOLAN_E2E_IMAGE=1; npm test does). Docker Compose v2 comes
// from scripts/compose.sh (run by test-host.sh), offered to the docker CLI through a DOCKER_CONFIG of its own.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** The service as `docker compose config` resolves it: what compose.yaml says, with the variables filled in. */
interface ResolvedService {
  image: string;
  environment: Record<string, string>;
  ports: { host_ip: string; published: string; target: number; protocol: string }[];
  volumes: { type: string; source: string; target: string; read_only?: boolean }[];
  group_add: string[];
  read_only: boolean;
  tmpfs: string[];
  cap_drop: string[];
  security_opt: string[];
  mem_limit: string;
  pids_limit: number;
}

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const PORT = sidePort(1);
const TOKEN = randomBytes(24).toString('hex');
const PROJECT = `ptl-image-${randomBytes(3).toString('hex')}`;
/** Compose names a service's first container <project>-<service>-1. */
const NAME = `${PROJECT}-portolan-1`;
const NET = `${PROJECT}-net`;
const PROJECTOR = { width: 1280, height: 720 };
const DOCKER_GID = String(statSync('/var/run/docker.sock').gid);

/** What a person exports before `docker compose up -d` (README), with this run's port; DOCKER_CONFIG brings the plugin. */
let composeEnv: NodeJS.ProcessEnv;
const compose = (args: string[], env = composeEnv) => docker(['compose', '--project-name', PROJECT, '--file', 'compose.yaml', ...args], env);
const inspect = (format: string) => docker(['inspect', '-f', format, NAME]);

test.beforeAll(async () => {
  const { stdout } = await promisify(execFile)('bash', ['scripts/compose.sh']);
  composeEnv = { ...process.env, DOCKER_CONFIG: stdout.trim(), PORTOLAN_TOKEN: TOKEN, DOCKER_GID, PORTOLAN_PORT: String(PORT) };
  await compose(['up', '--detach']);
});

test.afterAll(async () => {
  await compose(['down', '--timeout', '5']).catch(() => undefined);
  await docker(['network', 'rm', NET]).catch(() => undefined);
});

test('compose.yaml runs the image by its fixed tag, on loopback only, with the socket, its group and no privileges', async () => {
  const config = JSON.parse(await compose(['config', '--format', 'json'])) as { services: { portolan: ResolvedService } };
  const service = config.services.portolan;
  expect(service.image).toBe(`portolan:${version}`);
  expect(service.ports).toEqual([expect.objectContaining({ host_ip: '127.0.0.1', published: String(PORT), target: 3000 })]);
  expect(service.volumes).toEqual([expect.objectContaining({ type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' })]);
  expect(service.group_add).toEqual([DOCKER_GID]);
  expect(service.environment.PORTOLAN_TOKEN).toBe(TOKEN);
  expect(service).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });

  // Without PORTOLAN_PORT the port is 3000; without a token or the socket's group compose refuses, saying what to set.
  const { PORTOLAN_PORT: _port, ...defaults } = composeEnv;
  const byDefault = JSON.parse(await compose(['config', '--format', 'json'], defaults)) as { services: { portolan: ResolvedService } };
  expect(byDefault.services.portolan.ports).toEqual([expect.objectContaining({ host_ip: '127.0.0.1', published: '3000' })]);
  const { PORTOLAN_TOKEN: _token, ...noToken } = composeEnv;
  await expect(compose(['config'], noToken)).rejects.toThrow(/set PORTOLAN_TOKEN to a long random secret/);
  const { DOCKER_GID: _gid, ...noGroup } = composeEnv;
  await expect(compose(['config'], noGroup)).rejects.toThrow(/set DOCKER_GID to the socket's group id/);
});

test('the container reports healthy, runs as node (uid 1000) with the socket group, on a read-only root file system', async () => {
  await expect.poll(() => inspect('{{.State.Health.Status}}'), { timeout: 60_000, intervals: [1000] }).toBe('healthy');
  expect(await inspect('{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}')).toBe('node true');
  // No shell or tools in the image: node itself answers.
  const node = (script: string) => docker(['exec', NAME, 'node', '-e', script]);
  expect(await node('process.stdout.write(String(process.getuid()))')).toBe('1000');
  expect((await node('process.stdout.write(process.getgroups().join(" "))')).split(' ')).toContain(DOCKER_GID);
  await expect(node('require("fs").writeFileSync("/app/x", "")')).rejects.toThrow(/EROFS: read-only file system/);
});

test('the image holds node and Portolan only: no shell, no npm, nothing else to run', async () => {
  for (const program of ['sh', '/bin/sh', 'bash', 'npm', 'apt-get', 'busybox'])
    await expect(docker(['exec', NAME, program, '--version']), program).rejects.toThrow(/executable file not found|no such file or directory/);
});

test('its page, opened once with the token, draws a network created with the CLI', async ({ map, page }) => {
  await page.setViewportSize(PROJECTOR);
  await page.goto(`http://localhost:${PORT}/?token=${TOKEN}`);
  await map.mounted();
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  const id = await docker(['network', 'create', NET]);
  await map.expectElement(`net:${id}`);
  // Its own HEALTHCHECK ran (healthy says so), three Engine events each time: none of them is a line in the ticker,
  // which holds every line it was sent (the rest scroll), the test's own docker exec among them.
  const activity = page.getByTestId('activity');
  await expect(activity).toContainText(`network ${NET} created`);
  await expect(activity).toContainText(`${NAME} runs: node -e`);
  await expect(activity).not.toContainText('api/health');
  await map.still();
  await page.screenshot({ path: test.info().outputPath('image-map-1280x720.png') });
});

test("Portolan's audit of its own container lists one finding, the socket it needs, low because every fence holds", async ({ request }) => {
  const res = await fetch(`http://localhost:${PORT}/api/audit`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  const { containers } = (await res.json()) as { containers: ContainerAudit[] };
  const own = containers.find((c) => c.name === NAME);
  expect(own, `${NAME} in the audit`).toBeDefined();
  expect(own!.findings).toEqual([
    expect.objectContaining({ rule: '5.32', severity: 'low', title: 'Mounts the Docker socket: Portolan itself, fenced in' }),
  ]);
  // To the Portolan this run serves from the host it is another container holding the socket: high.
  const fromOutside = (await (await request.get('/api/audit')).json()) as { containers: ContainerAudit[] };
  const seen = fromOutside.containers.find((c) => c.name === NAME);
  expect(seen?.findings.map((f) => [f.rule, f.severity])).toEqual([['5.32', 'high']]);
});

test('without the token another machine gets nothing: the port answers only what loopback may read', async () => {
  const res = await fetch(`http://localhost:${PORT}/api/topology`);
  expect(res.status).toBe(401);
});

test('docker compose stop ends it with exit code 0 well within the 10 s stop timeout', async () => {
  const started = performance.now();
  await compose(['stop']);
  const seconds = (performance.now() - started) / 1000;
  console.log(`docker compose stop took ${seconds.toFixed(2)} s`);
  expect(await inspect('{{.State.ExitCode}}')).toBe('0');
  expect(seconds).toBeLessThan(5);
});
