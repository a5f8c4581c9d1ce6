import { existsSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { parsePool } from '../early-workers.js';
import { identityOptions, parseOptions, writeStoreOptions } from '../options.js';
import { openStoreToWrite, storeDb, type StoreArgs } from '../open-store.js';
import { identityOverrides } from '../identity-overrides.js';
import { UserError } from '../user-error.js';
import { mark } from '../../pipeline/timing.js';

interface IngestArgs extends StoreArgs {
  paths: string[];
  workers: number;
  strict: boolean;
  replace: boolean;
  order?: string;
  quiet: boolean;
  'per-file': boolean;
  [identity: string]: unknown;
}

export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <paths..>',
  describe: 'Load raw /tmp/py_stats directories, summarize_stats JSON files or bench_runner result trees into the store',
  builder: (y) => y
    .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'Directories and files' })
    .options({
      ...writeStoreOptions,
      strict: { type: 'boolean', default: false, describe: 'Unparsable lines fail their run instead of being skipped' },
      replace: { type: 'boolean', default: false, describe: 'Re-ingest runs already in the store' },
      quiet: { type: 'boolean', default: false, describe: 'No per-run lines' },
      'per-file': {
        type: 'boolean', default: false,
        describe: "Also keep each process's counters of raw runs (file_counters: per-file trends, file_counter_rows); " +
          "without it only each run's sums are stored, which is faster",
      },
      ...parseOptions,
      ...identityOptions,
    }) as never,
  handler: async (args) => {
    // The parse workers are already booting (cli/early-workers.ts). They start on the
    // inputs before DuckDB and the loader are loaded and the store opened, as summarize's
    // do (pipeline/load/start-ingest.ts); runs the store holds are dropped once it is open.
    mark('arguments (yargs)');
    const pool = parsePool(Math.max(1, args.workers));
    const { startIngest } = await import('../../pipeline/load/start-ingest.js');
    const { checkInputs } = await import('../../pipeline/discover/discover-inputs.js');
    const { DiscoveryError } = await import('../../pipeline/discover/raw-dir.js');
    // Here, not at the top: cli-progress loads Node's readline, which no other command needs.
    const { createProgress } = await import('../progress.js');
    // Checked before anything is read or opened: a bad identity flag writes nothing.
    const identity = identityOverrides(args);
    const progress = createProgress();
    const rowMode = args['per-file'] ? 'files' : 'sums';
    const warn = (msg: string) => progress.log(`warning: ${msg}`);
    const mayHoldRuns = !args.replace && existsSync(storeDb(args));
    const inputError = async (err: unknown) => {
      await pool.close();
      throw err instanceof DiscoveryError ? new UserError(err.message) : err;
    };
    // A path that is not there, or an order file that cannot be read, is refused before
    // the store is touched. Then DuckDB opens the store on its own threads while the inputs
    // are walked and parsing starts (after them, the main thread waited 0.1-0.2 s for it).
    // An input found unreadable later on leaves the store opened, unchanged (or new, empty).
    await checkInputs(args.paths, args.order ?? null).catch(inputError);
    const { INGEST_MEMORY_LIMIT } = await import('../../pipeline/store/store.js');
    const opening = openStoreToWrite(args, { memoryLimit: INGEST_MEMORY_LIMIT });
    opening.catch(() => undefined); // awaited below, once the inputs are found
    const started = await startIngest(args.paths, pool, { orderFile: args.order ?? null, rowMode, mayHoldRuns, onWarning: warn })
      .catch(async (err: unknown) => {
        (await opening.catch(() => null))?.close();
        return inputError(err);
      });
    mark('parsing started');
    const { ingestSources } = await import('../../pipeline/load/ingest.js');
    const { StoreWriteError } = await import('../../pipeline/store/write-error.js');
    mark('modules (DuckDB API, loader)');
    const store = await opening.catch(async (err: unknown) => {
      await pool.close();
      throw err;
    });
    mark('DuckDB ready');
    try {
      const report = await ingestSources(store, started.sources, {
        workers: args.workers,
        rowMode,
        strict: args.strict,
        replace: args.replace,
        identity,
        onPlan: (files) => progress.start(files),
        onProgress: (files, bytes) => progress.advance(files, bytes),
        onWarning: warn,
        onRun: (o) => {
          const where = o.plan.source.kind === 'raw' ? o.plan.source.dir : o.plan.source.path;
          if (o.status === 'failed') progress.log(`error: ${o.reason} (run ${where} not stored)`);
          else if (!args.quiet && o.status === 'added') progress.log(`run ${o.runId}: ${where} (${o.files.length} files)`);
          else if (!args.quiet && o.status === 'skipped') progress.log(`skipped ${where}: ${o.reason}`);
        },
      }, pool, started.parse).catch((err: unknown) => {
        throw err instanceof StoreWriteError ? new UserError(err.message) : err;
      });
      progress.stop();
      process.stderr.write(
        `ingested ${report.added} runs (${report.skipped} already stored, ${report.failed} failed): ` +
        `${report.files} files, ${report.lines} lines, ${(report.bytes / 1e6).toFixed(1)} MB` +
        (report.unparsableLines > 0 ? `, ${report.unparsableLines} unparsable lines skipped` : '') + ` → ${storeDb(args)}\n`,
      );
      if (report.failed > 0) process.exitCode = 1;
    } finally {
      progress.stop();
      mark('load (parse, append, sum)');
      // The workers wind down while DuckDB writes its checkpoint on close.
      const closed = pool.close();
      store.close();
      mark('store closed');
      await closed;
    }
  },
};
