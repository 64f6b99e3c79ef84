import { defineConfig } from '@playwright/test';
import { lessonVarsEnv } from './scripts/testkit/lessonVars';

const PORT = Number(process.env.PORTOLAN_E2E_PORT ?? 3199);

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.PORTOLAN_E2E_OUTPUT ?? 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: process.env.PORTOLAN_E2E_JSON ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1440, height: 900 },
    actionTimeout: 10_000,
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot reach its host here.
      executablePath: process.env.PORTOLAN_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    // The real 3-node swarm (scripts/swarm.sh) is up only when asked for: its spec is a project of its own.
    // So is Portolan's own image (scripts/image.sh builds it): e2e/image.spec.ts runs it as compose.yaml says.
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /(swarmLive|image)\.spec\.ts$/ },
    ...(process.env.PORTOLAN_E2E_SWARM ? [{ name: 'swarm', use: { browserName: 'chromium' as const }, testMatch: /swarmLive\.spec\.ts$/ }] : []),
    ...(process.env.PORTOLAN_E2E_IMAGE ? [{ name: 'image', use: { browserName: 'chromium' as const }, testMatch: /image\.spec\.ts$/ }] : []),
  ],
  webServer: {
    command: 'node scripts/start.mjs',
    url: `http://localhost:${PORT}/api/health`,
    // One log line per request would drown the test output: warnings and errors only, unless asked.
    env: { PORT: String(PORT), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', PORTOLAN_LESSON_VARS: lessonVarsEnv() },
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'pipe',
  },
});
