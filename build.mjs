/**
 * Builds dist/ with esbuild, then warms the code caches.
 *
 * Why bundles and not tsc's one-file-per-module output: on Node 20 a short command spends
 * most of its time loading modules. The ESM loader opens, stats and compiles every file
 * (yargs, apache-arrow and @duckdb/node-api are several hundred), in each worker thread
 * again. `tsc --noEmit` still type-checks (make build runs both).
 *
 * Layout:
 *  - dist/bundles/cli.cjs, dist/bundles/parse-worker.cjs: the command line and the parse
 *    worker, each one CommonJS file, so that V8 can cache their compiled code
 *    (pipeline/code-cache.ts); dynamic imports inside stay lazy (esbuild wraps each module
 *    in an initializer), so `pystats runs` never evaluates the report renderer.
 *  - dist/bundles/detect-thread.cjs: the site's step detection thread, one CommonJS file too
 *    (small enough to need no code cache).
 *  - dist/cli/main.js, dist/workers/main.cjs: the small launchers that run them, CommonJS
 *    too (dist/package.json says so for main.js): a process or a thread started on an ES
 *    module sets up the ESM loader first, 4 ms of every worker's start.
 *  - dist/bench/*.cjs: the benchmark harnesses (`make bench`, `make eval-trends`, `make eval-otava`).
 *  - dist/site/report.js: the report renderer and marked for the browser, which `pystats
 *    site` copies into a site's assets (its report pages are rendered by the browser).
 * The bundles are made pure ASCII (asciiOnly, below). Then a summarize of the bundled
 * sample, with PYSTATS_CODE_CACHE=write, leaves
 * dist/bundles/*.v8cache behind.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // The native DuckDB binding is a .node file found at run time; vega is only loaded by
  // `trend --plot` and is ESM, so it stays in node_modules.
  external: ['@duckdb/node-bindings', 'vega', 'vega-lite'],
  // yargs' string-width costs 15 ms to load; cli/string-width.cjs says why and what replaces it.
  alias: { 'string-width': './cli/string-width.cjs' },
};

rmSync('dist', { recursive: true, force: true });

await build({
  ...common,
  entryPoints: {
    'cli/main': 'cli/main.ts',
    'bundles/cli': 'cli/cli.ts',
    'bundles/parse-worker': 'workers/parse-worker.ts',
    'bundles/detect-thread': 'pipeline/trend/detect/detect-thread.ts',
    'workers/main': 'workers/main.ts',
    'bench/run-all': 'bench/run-all.ts',
    'bench/eval-trends': 'bench/eval-trends.ts',
    'bench/eval-otava': 'bench/eval-otava.ts',
    'bench/archive-main': 'bench/archive-main.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // package-root.ts finds the package from its own URL.
  define: { 'import.meta.url': '__pystatsModuleUrl' },
  banner: { js: "const __pystatsModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  entryPoints: { 'site/report': 'pipeline/site/browser/report-page.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  logLevel: 'warning',
});

// The launcher keeps its name (`pystats` is dist/cli/main.js) and is CommonJS like the
// rest: an ES module entry makes Node set up its ESM loader before running a line of it.
renameSync('dist/cli/main.cjs', 'dist/cli/main.js');
renameSync('dist/cli/main.cjs.map', 'dist/cli/main.js.map');
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

asciiOnly(['dist/bundles/cli.cjs', 'dist/bundles/parse-worker.cjs', 'dist/cli/main.js', 'dist/workers/main.cjs']);

const scratch = mkdtempSync(join(tmpdir(), 'pystats-build-'));
try {
  execFileSync(process.execPath, [
    'dist/cli/main.js', 'summarize', 'data/raw/raw-multi-coroutines', '--json-output', join(scratch, 'warm-up.json'),
  ], { env: { ...process.env, PYSTATS_CODE_CACHE: 'write' }, stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * esbuild escapes non-ASCII characters in code (charset: ascii) but keeps the comments it
 * preserves as they are, and three `±`, `≤` or `—` in them made the whole 1.4 MB bundle a
 * two-byte string: read as UTF-8 on the slow path, scanned at twice the size when V8
 * compiles a function lazily. Escaped, the files are ASCII. Only comment lines may hold
 * such characters (anything else would mean esbuild's escaping changed): the build fails
 * otherwise.
 */
function asciiOnly(files) {
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    let changed = false;
    lines.forEach((line, i) => {
      if (!/[^\x00-\x7f]/.test(line)) return;
      if (!/^\s*(\/\/|\/\*|\*)/.test(line)) throw new Error(`${file}:${i + 1}: non-ASCII outside a comment`);
      lines[i] = line.replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
      changed = true;
    });
    if (changed) writeFileSync(file, lines.join('\n'));
  }
}
