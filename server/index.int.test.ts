import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('refuses to start on a non-loopback HOST without PORTOLAN_TOKEN, saying why', async () => {
  const outcome = await run('npx', ['tsx', 'server/index.ts'], {
    env: { ...process.env, HOST: '0.0.0.0', PORT: '0', PORTOLAN_TOKEN: '' },
    timeout: 30_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code: number; stderr: string }) => err,
  );
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toContain('HOST=0.0.0.0');
  expect(outcome.stderr).toContain('PORTOLAN_TOKEN');
});

it('refuses to start with a one-character PORTOLAN_TOKEN, in one line that says how to make one', async () => {
  const outcome = await run('npx', ['tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', PORTOLAN_TOKEN: 'x' },
    timeout: 30_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code: number; stderr: string }) => err,
  );
  expect(outcome.code).toBe(2);
  expect(outcome.stderr.trim().split('\n')).toEqual([
    'portolan: PORTOLAN_TOKEN is too short (1 of at least 16 characters). Make a strong one with: PORTOLAN_TOKEN=$(openssl rand -hex 32)',
  ]);
});
