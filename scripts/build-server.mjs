// `npm run build:server`: the custom server and its dependencies in one file, dist/server/index.mjs, for the image
// (Dockerfile). Next stays outside: the image holds Next's own standalone tracing of it. A clone never needs this;
// npm start runs server/index.ts with tsx.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/index.ts'],
  outfile: 'dist/server/index.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // pino-pretty is for development only; ssh2's native helpers are optional and it falls back without them.
  external: ['next', 'pino-pretty', 'cpu-features', '*.node'],
  // The CommonJS dependencies (dockerode, ssh2…) ask for require, __dirname and __filename, which ESM lacks.
  banner: {
    js: [
      "import { createRequire as portolanRequire } from 'node:module';",
      "import { dirname as portolanDirname } from 'node:path';",
      "import { fileURLToPath as portolanFileURLToPath } from 'node:url';",
      'const require = portolanRequire(import.meta.url);',
      'const __filename = portolanFileURLToPath(import.meta.url);',
      'const __dirname = portolanDirname(__filename);',
    ].join('\n'),
  },
  logLevel: 'warning',
});
