// Builds the package:
// - dist/cli.js and dist/index.js: esbuild bundles of src/ with its dependencies (one file to
//   load instead of hundreds cuts lambkin's start time by about 40%); esbuild itself stays
//   external (it is a native binary) and so does chokidar's optional fsevents.
// - dist/preboot.js: a small bundle the bin loads first for `dev` and `invoke`, which starts the
//   first environment's worker booting while dist/cli.js loads (src/runtime/preboot.ts).
// - dist/bootstrap.js: the worker's entry, copied as it is (the bundles find it beside them).
// - dist/*.d.ts: declarations from tsc for the programmatic API.
// - schema.json: the config schema for editors.
// Type errors are reported but do not stop the build: `npm run typecheck` is the gate for them
// (CI runs it), and a half-edited file elsewhere should not block running the tests.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * mime-db's 2,500 types were a fifth of the bundle and ~15 ms of every start, for express's
 * res.json/res.type, which look up only a handful of types. The bundle keeps the common ones,
 * with mime-db's own data.
 */
const COMMON_MIME_TYPES = [
  'application/json', 'application/xml', 'application/javascript', 'application/octet-stream', 'application/pdf',
  'application/zip', 'application/gzip', 'application/wasm', 'application/x-www-form-urlencoded', 'application/yaml',
  'text/html', 'text/plain', 'text/css', 'text/csv', 'text/javascript', 'text/markdown', 'text/xml',
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/x-icon', 'image/avif',
  'audio/mpeg', 'video/mp4', 'font/woff', 'font/woff2', 'multipart/form-data',
];
const commonMimeDb = {
  name: 'common-mime-db',
  setup(b) {
    // The mime-db that the importing package would load (versions differ across the tree).
    b.onResolve({ filter: /^mime-db$/ }, (args) => ({ path: createRequire(`${args.resolveDir}/`).resolve('mime-db'), namespace: 'common-mime-db' }));
    b.onLoad({ filter: /.*/, namespace: 'common-mime-db' }, (args) => {
      const db = require(args.path);
      const common = Object.fromEntries(COMMON_MIME_TYPES.map((type) => {
        if (!db[type]) throw new Error(`build: mime-db has no ${type}`);
        return [type, db[type]];
      }));
      return { contents: JSON.stringify(common), loader: 'json' };
    });
  },
};

const root = new URL('..', import.meta.url);
// Built beside dist/ and swapped in at the end, so a test run using dist/ meanwhile keeps working.
const dist = new URL(`dist.${process.pid}.tmp/`, root);
const final = new URL('dist/', root);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', preboot: 'src/preboot-entry.ts' },
  absWorkingDir: fileURLToPath(root),
  outdir: fileURLToPath(dist),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['esbuild', 'fsevents'],
  alias: { 'iconv-lite': './scripts/iconv-lite-utf8.cjs', qs: './scripts/qs-unused.cjs' },
  plugins: [commonMimeDb],
  // CommonJS dependencies bundled into ES modules still call require() for Node built-ins.
  banner: { js: "import { createRequire as __lambkinCreateRequire } from 'node:module'; const require = __lambkinCreateRequire(import.meta.url);" },
  // Pure-ASCII output without comments: one non-ASCII character (in a dependency's comment, say)
  // makes V8 read the whole file as two-byte text, which parses slower. Names stay readable.
  charset: 'ascii',
  legalComments: 'none',
  minifyWhitespace: true,
  sourcemap: true,
  logLevel: 'warning',
});
// worker-launcher finds the worker entry beside the module it is bundled into.
copyFileSync(new URL('src/runtime/bootstrap.js', root), new URL('bootstrap.js', dist));

const tsc = require.resolve('typescript/bin/tsc');
const types = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--outDir', fileURLToPath(dist)], { stdio: 'inherit' });
if (types.status !== 0) process.stderr.write('build: TypeScript reported errors (see above); dist/ was written anyway\n');

const { configJsonSchema } = await import(new URL('index.js', dist).href);
writeFileSync(new URL('schema.json', root), `${JSON.stringify({ title: 'lambkin.config.json', ...configJsonSchema() }, null, 2)}\n`);

const old = new URL(`dist.${process.pid}.old/`, root);
if (existsSync(final)) renameSync(final, old);
renameSync(dist, final);
rmSync(old, { recursive: true, force: true });
