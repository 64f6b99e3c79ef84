// `npm test`: every suite (unit, integration, end-to-end) against a real
// Docker Engine and a real browser, then one closing line with the totals.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild, ensureDependencies, root, sh } from './prepare.mjs';

const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

sh('bash', ['scripts/test-host.sh']);
ensureDependencies();
ensureBuild();

function run(command, args) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } }).status;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const suites = [];

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitestExit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
suites.push({
  name: 'unit + integration (vitest)',
  passed: vitest?.numPassedTests ?? 0,
  failed: vitest ? vitest.numFailedTests + (vitestExit !== 0 && vitest.numFailedTests === 0 ? 1 : 0) : 1,
  skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0),
});

const e2eJson = path.join(results, 'e2e.json');
fs.rmSync(e2eJson, { force: true });
const e2eExit = run('npx', ['playwright', 'test']);
const e2e = readJson(e2eJson)?.stats;
suites.push({
  name: 'end-to-end (playwright)',
  passed: e2e ? e2e.expected + e2e.flaky : 0,
  failed: e2e ? e2e.unexpected + (e2eExit !== 0 && e2e.unexpected === 0 ? 1 : 0) : 1,
  skipped: e2e?.skipped ?? 0,
});

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
