import { TEST_IMAGE } from './docker';
import { REGISTRY_IMAGE } from './registry';

/**
 * The names the end-to-end server's lessons use: the test engine's image and objects under a prefix of their
 * own, so a lesson done in a test creates nothing a person made or another test uses.
 */
export const E2E_LESSON_PREFIX = 'ptl-e2e-lesson';
export const E2E_LESSON_VARS: Record<string, string> = {
  image: TEST_IMAGE,
  ...Object.fromEntries(['front', 'back', 'db', 'web', 'api', 'c1', 'c2', 'app', 'registry'].map((n) => [n, `${E2E_LESSON_PREFIX}-${n}`])),
  net: `${E2E_LESSON_PREFIX}-net`,
  registry_image: REGISTRY_IMAGE,
};

export const lessonVarsEnv = (): string =>
  Object.entries(E2E_LESSON_VARS)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
