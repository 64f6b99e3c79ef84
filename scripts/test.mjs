// `npm test`: every suite (unit, integration, end-to-end) against a real
// Docker Engine and a real browser, the unit and integration suites again on
// Node 24, then the integration suite and an
// end-to-end smoke test again against Docker 26.1, then the swarm suite on a
// 3-node test swarm of its own and the browser test on that swarm, then
// Portolan's own image run as compose.yaml says, then one closing line with the totals.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild, ensureDependencies, root, sh } from './prepare.mjs';

const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

sh('bash', ['scripts/test-host.sh']);
ensureDependencies();
ensureBuild();

/** Runs a command in `netns` (a network namespace), or here when none is given. */
function run(command, args, { env = {}, netns } = {}) {
  const [cmd, argv] = netns ? ['nsenter', [`--net=/run/netns/${netns}`, command, ...args]] : [command, args];
  return spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...env } }).status;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const suites = [];

function vitest(name, file, args, options) {
  const json = path.join(results, file);
  fs.rmSync(json, { force: true });
  const exit = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], options);
  const report = readJson(json);
  suites.push({
    name,
    passed: report?.numPassedTests ?? 0,
    failed: report ? report.numFailedTests + (exit !== 0 && report.numFailedTests === 0 ? 1 : 0) : 1,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
    failures: report ? vitestFailures(report) : [`${file}: no report (exit ${exit})`],
  });
}

/** The first line of an error message, short enough for one line of the summary. */
const firstLine = (message = '') => (message.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 200);

/** Each failed test of a vitest JSON report, and each file that failed outside its tests (a hook, an import). */
function vitestFailures(report) {
  return report.testResults.flatMap((file) => {
    const name = path.relative(root, file.name);
    const tests = file.assertionResults
      .filter((t) => t.status === 'failed')
      .map((t) => `${name} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    return tests.length || file.status !== 'failed' ? tests : [`${name}: ${firstLine(file.message)}`];
  });
}

/** Each failed test of a Playwright JSON report, by file and title, with its error's first line. */
function playwrightFailures(report) {
  const walk = (suite) => [
    ...(suite.suites ?? []).flatMap(walk),
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((t) => t.status === 'unexpected')
        .map((t) => `${spec.file}:${spec.line} › ${spec.title}: ${firstLine(t.results.at(-1)?.error?.message)}`),
    ),
  ];
  return (report.suites ?? []).flatMap(walk);
}

/**
 * A Playwright suite, counted from its JSON report. A suite that ran no test is a failure; with `mustRun`, so is every
 * test it skipped: a spec that did not run never counts as passed.
 */
function playwright(name, file, args, { mustRun = false, ...options } = {}) {
  const json = path.join(results, file);
  fs.rmSync(json, { force: true });
  const exit = run('npx', ['playwright', 'test', ...args], { ...options, env: { ...options.env, PORTOLAN_E2E_JSON: json } });
  const report = readJson(json);
  const stats = report?.stats;
  const ran = stats ? stats.expected + stats.flaky + stats.unexpected : 0;
  const skipped = stats?.skipped ?? 0;
  const failed = stats ? stats.unexpected + (exit !== 0 && stats.unexpected === 0 ? 1 : 0) + (ran === 0 ? 1 : 0) + (mustRun ? skipped : 0) : 1;
  const failures = report ? playwrightFailures(report) : [`${file}: no report (exit ${exit})`];
  if (report && ran === 0) failures.push(`${file}: ran no test`);
  suites.push({ name, passed: stats ? stats.expected + stats.flaky : 0, failed, skipped: mustRun ? 0 : skipped, failures });
}

vitest('unit + integration (vitest)', 'vitest.json', ['--project', 'unit', '--project', 'integration']);
playwright('end-to-end (playwright)', 'e2e.json', []);

// The unit and integration suites again on Node 24 LTS (scripts/node24.sh unpacks it), first on PATH so that
// vitest's workers and every `node` a test starts are Node 24 too. The suite's name is the version that answered.
const node24 = spawnSync('bash', ['scripts/node24.sh'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).stdout.trim();
const node24Version = node24 ? spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout?.trim() : '';
if (node24Version.startsWith('v24.')) {
  vitest(`unit + integration on Node ${node24Version.slice(1)} (vitest)`, 'vitest-node24.json', ['--project', 'unit', '--project', 'integration'], {
    env: { PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}` },
  });
} else {
  suites.push({ name: 'Node 24: scripts/node24.sh did not unpack it', passed: 0, failed: 1, skipped: 0 });
}

// Docker 26.1 in its network namespace (scripts/engine-26.sh): its published
// ports answer on that namespace's loopback, so the suites run there too.
const engine26 = Object.fromEntries(
  spawnSync('bash', ['scripts/engine-26.sh'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .stdout.split('\n')
    .filter((line) => line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const on26 = { netns: engine26.NETNS, env: { DOCKER_HOST: engine26.DOCKER_HOST } };
if (engine26.NETNS && engine26.DOCKER_HOST) {
  vitest('integration on Docker 26.1 (vitest)', 'vitest-26.1.json', ['--project', 'integration'], on26);
  playwright('end-to-end smoke on Docker 26.1 (playwright)', 'e2e-26.1.json', ['e2e/map.spec.ts', 'e2e/security.spec.ts'], {
    ...on26,
    env: { ...on26.env, PORTOLAN_E2E_OUTPUT: 'test-results/e2e-26.1' },
  });
} else {
  suites.push({ name: 'Docker 26.1: scripts/engine-26.sh did not start it', passed: 0, failed: 1, skipped: 0 });
}

// Three daemons in network namespaces of their own (scripts/swarm.sh), which the suite builds and removes.
// A swarm that was up before the run (someone demoing) is left up, as the suites themselves leave it.
const swarmWasUp = spawnSync('bash', ['scripts/swarm.sh', 'status'], { cwd: root, encoding: 'utf8' }).stdout?.includes('swarm active') ?? false;
// Up once for both suites (the vitest one leaves a swarm it found up), down after them.
const swarmUp = run('bash', ['scripts/swarm.sh', 'up']) === 0;
vitest('swarm, 3 nodes (vitest)', 'vitest-swarm.json', ['--project', 'swarm']);

// The same swarm in a browser (e2e/swarmLive.spec.ts, the Playwright project `swarm`).
if (swarmUp && run('bash', ['scripts/swarm.sh', 'up']) === 0) {
  playwright('end-to-end on the 3-node swarm (playwright)', 'e2e-swarm.json', ['--project', 'swarm'], {
    mustRun: true,
    env: { PORTOLAN_E2E_SWARM: '1', PORTOLAN_E2E_OUTPUT: 'test-results/e2e-swarm' },
  });
} else {
  suites.push({ name: 'end-to-end on the 3-node swarm: scripts/swarm.sh up failed', passed: 0, failed: 1, skipped: 0 });
}
if (!swarmWasUp) run('bash', ['scripts/swarm.sh', 'down']);

// Portolan's own image (scripts/image.sh, run by test-host.sh; this only checks it is current), run as compose.yaml says.
if (run('bash', ['scripts/image.sh']) === 0) {
  playwright("end-to-end on Portolan's image (playwright)", 'e2e-image.json', ['--project', 'image'], {
    mustRun: true,
    env: { PORTOLAN_E2E_IMAGE: '1', PORTOLAN_E2E_OUTPUT: 'test-results/e2e-image' },
  });
} else {
  suites.push({ name: "end-to-end on Portolan's image: scripts/image.sh did not build it", passed: 0, failed: 1, skipped: 0 });
}

// What failed, by name, just above the totals: the end of a long CI log is often all that is kept.
for (const s of suites) for (const f of s.failures ?? []) console.log(`failed in ${s.name}: ${f}`);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const s of suites) {
  console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
  passed += s.passed;
  failed += s.failed;
  skipped += s.skipped;
}
if (passed === 0) failed += 1; // a run that executed no test is not a green run
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
