import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import type { ContainerAudit } from '../lib/audit';
import { docker } from '../scripts/testkit/docker';
import { expect, sidePort, test } from './fixtures';

// Portolan's own image (Dockerfile, built by scripts/image.sh as portolan:<version>), run with compose.yaml's
// settings against the test Engine. Only the Playwright project `image` runs this file (PORTOLAN_E2E_IMAGE=1; npm
// test does). `docker compose` is not on every test host and needs nothing compose.yaml does not say: the service's
// settings are read from compose.yaml and given to `docker run` as flags, with the published port moved to this run's.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

interface ComposeService {
  image: string;
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  group_add: string[];
  read_only: boolean;
  tmpfs: string[];
  cap_drop: string[];
  security_opt: string[];
  mem_limit: string;
  pids_limit: number;
}

const service = (parse(readFileSync('compose.yaml', 'utf8')) as { services: { portolan: ComposeService } }).services.portolan;
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const PORT = sidePort(1);
const TOKEN = randomBytes(24).toString('hex');
const NAME = `ptl-image-${randomBytes(3).toString('hex')}`;
const NET = `${NAME}-net`;
const PROJECTOR = { width: 1280, height: 720 };
/** compose.yaml's ${VAR:?message} for the variables a person sets: here, this run's values. */
const VARS: Record<string, string> = { PORTOLAN_TOKEN: TOKEN, DOCKER_GID: String(statSync('/var/run/docker.sock').gid) };
const interpolate = (value: string) => value.replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => VARS[name] ?? '');

/** compose.yaml's service as `docker run` flags, its published port moved to this run's. */
function runFlags(): string[] {
  const [hostIp, , containerPort] = service.ports[0]!.split(':');
  return [
    ...['-p', `${hostIp}:${PORT}:${containerPort}`],
    ...Object.entries(service.environment).flatMap(([k, v]) => ['-e', `${k}=${interpolate(v)}`]),
    ...service.volumes.flatMap((v) => ['-v', v]),
    ...service.group_add.flatMap((g) => ['--group-add', interpolate(g)]),
    ...(service.read_only ? ['--read-only'] : []),
    ...service.tmpfs.flatMap((t) => ['--tmpfs', t]),
    ...service.cap_drop.flatMap((c) => ['--cap-drop', c]),
    ...service.security_opt.flatMap((s) => ['--security-opt', s]),
    ...['--memory', service.mem_limit, '--pids-limit', String(service.pids_limit)],
  ];
}

const inspect = (format: string) => docker(['inspect', '-f', format, NAME]);

test.beforeAll(async () => {
  await docker(['run', '-d', '--name', NAME, ...runFlags(), service.image]);
});

test.afterAll(async () => {
  await docker(['rm', '-f', NAME]).catch(() => undefined);
  await docker(['network', 'rm', NET]).catch(() => undefined);
});

test('compose.yaml runs the image by its fixed tag, on loopback only, with the socket, its group and no privileges', () => {
  expect(service.image).toBe(`portolan:${version}`);
  expect(service.ports).toEqual(['127.0.0.1:3000:3000']);
  expect(service.volumes).toEqual(['/var/run/docker.sock:/var/run/docker.sock']);
  expect(service.group_add).toEqual([expect.stringMatching(/^\$\{DOCKER_GID:\?/)]);
  expect(service.environment.PORTOLAN_TOKEN).toMatch(/^\$\{PORTOLAN_TOKEN:\?/);
  expect(service).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
});

test('the container reports healthy, runs as node (uid 1000) with the socket group, on a read-only root file system', async () => {
  await expect.poll(() => inspect('{{.State.Health.Status}}'), { timeout: 60_000, intervals: [1000] }).toBe('healthy');
  expect(await inspect('{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}')).toBe('node true');
  expect(await docker(['exec', NAME, 'id', '-u'])).toBe('1000');
  expect((await docker(['exec', NAME, 'id', '-G'])).split(' ')).toContain(VARS.DOCKER_GID);
  await expect(docker(['exec', NAME, 'touch', '/app/x'])).rejects.toThrow(/Read-only file system/);
});

test('its page, opened once with the token, draws a network created with the CLI', async ({ map, page }) => {
  await page.setViewportSize(PROJECTOR);
  await page.goto(`http://localhost:${PORT}/?token=${TOKEN}`);
  await map.mounted();
  await expect(map.engineStatus).toHaveAttribute('data-status', 'connected');
  const id = await docker(['network', 'create', NET]);
  await map.expectElement(`net:${id}`);
  await map.still();
  await page.screenshot({ path: test.info().outputPath('image-map-1280x720.png') });
});

test("Portolan's audit of its own container finds nothing above low but the Docker socket (CIS 5.32)", async () => {
  const res = await fetch(`http://localhost:${PORT}/api/audit`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  const { containers } = (await res.json()) as { containers: ContainerAudit[] };
  const own = containers.find((c) => c.name === NAME);
  expect(own, `${NAME} in the audit`).toBeDefined();
  expect(own!.findings.filter((f) => f.severity !== 'low').map((f) => f.rule)).toEqual(['5.32']);
  expect(own!.findings.map((f) => f.rule)).toEqual(['5.32']);
});

test('without the token another machine gets nothing: the port answers only what loopback may read', async () => {
  const res = await fetch(`http://localhost:${PORT}/api/topology`);
  expect(res.status).toBe(401);
});

test('docker stop ends it with exit code 0 well within the 10 s stop timeout', async () => {
  const started = performance.now();
  await docker(['stop', NAME]);
  const seconds = (performance.now() - started) / 1000;
  console.log(`docker stop took ${seconds.toFixed(2)} s`);
  expect(await inspect('{{.State.ExitCode}}')).toBe('0');
  expect(seconds).toBeLessThan(5);
});
