// `npm start`: install and build when needed, then run the production server.
import { spawn } from 'node:child_process';
import { ensureBuild, ensureDependencies, root } from './prepare.mjs';

ensureDependencies();
ensureBuild();

const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
