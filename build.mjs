/**
 * Bundles the command line, the parse worker and the bench harness into dist/ with esbuild.
 *
 * Why a bundle and not tsc's one-file-per-module output: on Node 20 a short command spends
 * most of its time loading modules. The ESM loader opens, stats and compiles every file
 * (yargs, apache-arrow and @duckdb/node-api are several hundred), in each worker thread
 * again. One bundle per entry cut `pystats summarize` on the bench corpus from 0.90 s to
 * 0.60 s. `tsc --noEmit` still type-checks (make build runs both).
 *
 * Layout: dist/cli/main.js, dist/workers/parse-worker.js and dist/bench/*.js, with the code
 * they share in dist/chunk-*.js. Commands import their heavy modules dynamically, and
 * splitting keeps those imports lazy: `pystats runs` never loads the report renderer.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const entryPoints = [
  'cli/main.ts',
  'workers/parse-worker.ts',
  'bench/run-all.ts',
  'bench/eval-trends.ts',
];

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints,
  outbase: '.',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // The native DuckDB binding is a .node file found at run time; vega is only loaded by
  // `trend --plot` and is ESM already, so it stays in node_modules.
  external: ['@duckdb/node-bindings', 'vega', 'vega-lite'],
  // Bundled CommonJS dependencies (cli-progress, @duckdb/node-api) call require(); an ESM
  // bundle has none, so give it Node's.
  banner: {
    js: "import { createRequire as __pystatsCreateRequire } from 'node:module'; const require = __pystatsCreateRequire(import.meta.url);",
  },
});
