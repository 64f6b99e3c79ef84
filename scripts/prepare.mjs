// Shared by `npm start` and `npm test`: install dependencies when they are
// missing and build the app when the build is missing or older than its sources.
// Plain Node on purpose: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Portolan sends nothing anywhere: no build or usage telemetry.
process.env.NEXT_TELEMETRY_DISABLED = '1';

const BUILD_INPUTS = ['app', 'components', 'lib', 'public', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];

export function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
  }
}

function newestMtime(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('portolan: installing dependencies (npm ci)…');
  sh('npm', ['ci', '--no-audit', '--no-fund']);
}

export function ensureBuild() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (built > 0 && built >= Math.max(...BUILD_INPUTS.map(newestMtime))) return;
  console.log(built ? 'portolan: sources changed since the last build, building…' : 'portolan: building the app…');
  sh('npx', ['next', 'build']);
}
