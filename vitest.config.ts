import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{lib,server,components}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.swarm.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{lib,server,components,scripts}/**/*.int.test.ts'],
          environment: 'node',
          // One real Engine is shared: files run one after another so event bursts stay attributable.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'swarm',
          // A 3-node swarm of the suite's own (scripts/swarm.sh): built before, removed after. Its own run keeps `npm test` short.
          include: ['{lib,server,scripts}/**/*.swarm.test.ts'],
          environment: 'node',
          fileParallelism: false,
          // A node that stops is seen down after the manager's heartbeat timeout; its tasks then move.
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
