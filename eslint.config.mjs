import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'dist/**'] },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // DESIGN.md: lib is isomorphic and pure; the browser side never imports the server.
    files: ['lib/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/server/**', '**/components/**', '**/app/**', 'node:*', 'dockerode'] }] },
  },
  {
    files: ['components/**', 'app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/server/**', 'dockerode'] }] },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
