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
    // DESIGN.md: server/engine is the one door to the Engine. Outside it no code holds a Docker client; Engine's own is private.
    files: ['server/**'],
    ignores: ['server/engine/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['dockerode', 'docker-modem'].map((name) => ({ name, message: 'Only server/engine talks to Docker: call a method of Engine.' })) },
      ],
    },
  },
  {
    // lib/testing builds pictures for unit tests: production code never imports it, so no bundle holds it.
    files: ['lib/**', 'components/**', 'app/**', 'server/**'],
    ignores: ['**/*.test.ts', 'lib/testing/**'],
    rules: {
      'import/no-restricted-paths': ['error', { zones: [{ target: '.', from: './lib/testing', message: 'Test builders are for *.test.ts files.' }] }],
    },
  },
  {
    // TypeScript lets `engine['docker']` past `private`; only the tests' request counter may (scripts/testkit/engineDials.ts).
    ignores: ['scripts/testkit/engineDials.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[computed=true][property.value='docker']",
          message: "Engine's Docker client is private: add a method to Engine that says what it does.",
        },
      ],
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
