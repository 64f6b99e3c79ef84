import { execFileSync } from 'node:child_process';
import { TEST_IMAGE } from './docker';
import { REGISTRY_IMAGE } from './registry';

/**
 * The names the end-to-end server's lessons use: the test engine's image and objects under a prefix of their
 * own, so a lesson done in a test creates nothing a person made or another test uses.
 */
export const E2E_LESSON_PREFIX = 'ptl-e2e-lesson';

const PORTS_ENV = 'PORTOLAN_E2E_LESSON_PORTS';

/**
 * Two distinct loopback ports nothing listens on, for the Day 47 steps that publish on the host (8080 and 5000
 * by default, which a developer's machine may well be using). Found once per run, in the process that loads
 * the config first, and kept in the environment: Playwright's workers load this file again and must see the
 * same ports as the server. Both are held open at once, so they cannot be the same one.
 */
function freeHostPorts(): [string, string] {
  process.env[PORTS_ENV] ??= execFileSync(
    process.execPath,
    [
      '-e',
      `const net = require('node:net');
       const listen = () => new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => resolve(s)); });
       Promise.all([listen(), listen()]).then((servers) => {
         process.stdout.write(servers.map((s) => s.address().port).join(','));
         for (const s of servers) s.close();
       });`,
    ],
    { encoding: 'utf8' },
  ).trim();
  const [web = '', registry = ''] = process.env[PORTS_ENV].split(',');
  return [web, registry];
}

const [webPort, registryPort] = freeHostPorts();

export const E2E_LESSON_VARS: Record<string, string> = {
  image: TEST_IMAGE,
  ...Object.fromEntries(['front', 'back', 'db', 'web', 'api', 'c1', 'c2', 'app', 'registry'].map((n) => [n, `${E2E_LESSON_PREFIX}-${n}`])),
  net: `${E2E_LESSON_PREFIX}-net`,
  registry_image: REGISTRY_IMAGE,
  web_port: webPort,
  registry_port: registryPort,
};

export const lessonVarsEnv = (): string =>
  Object.entries(E2E_LESSON_VARS)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
