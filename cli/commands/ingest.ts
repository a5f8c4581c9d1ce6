import type { CommandModule } from 'yargs';
import { openStore } from '../../pipeline/load/store.js';
import { ingest } from '../../pipeline/load/ingest.js';
import { defaultWorkerCount } from '../../pipeline/load/worker-pool.js';
import { DiscoveryError } from '../../pipeline/discover/discover-inputs.js';
import { dbOption, identityOptions } from '../options.js';
import { identityOverrides } from '../identity-overrides.js';
import { createProgress } from '../progress.js';
import { UserError } from '../user-error.js';

interface IngestArgs {
  paths: string[];
  db: string;
  workers: number;
  strict: boolean;
  replace: boolean;
  order?: string;
  quiet: boolean;
  [identity: string]: unknown;
}

export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <paths..>',
  describe: 'Load raw /tmp/py_stats directories, summarize_stats JSON files or bench_runner result trees into the store',
  builder: (y) => y
    .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'Directories and files' })
    .options({
      db: dbOption,
      workers: { type: 'number', default: defaultWorkerCount(), describe: 'Parse worker threads' },
      strict: { type: 'boolean', default: false, describe: 'Unparsable lines fail their run instead of being skipped' },
      replace: { type: 'boolean', default: false, describe: 'Re-ingest runs already in the store' },
      order: { type: 'string', describe: 'File listing raw file names in the order to visit them' },
      quiet: { type: 'boolean', default: false, describe: 'No per-run lines' },
      ...identityOptions,
    }) as never,
  handler: async (args) => {
    const store = await openStore(args.db);
    const progress = createProgress();
    try {
      const report = await ingest(store, args.paths, {
        workers: args.workers,
        strict: args.strict,
        replace: args.replace,
        orderFile: args.order ?? null,
        identity: identityOverrides(args),
        onPlan: (files) => progress.start(files),
        onProgress: (files, bytes) => progress.advance(files, bytes),
        onWarning: (msg) => progress.log(`warning: ${msg}`),
        onRun: (o) => {
          if (o.status === 'failed') progress.log(`error: ${o.reason} (run ${describe(o.plan.source)} not stored)`);
          else if (!args.quiet && o.status === 'added') progress.log(`run ${o.runId}: ${describe(o.plan.source)} (${o.files.length} files)`);
          else if (!args.quiet && o.status === 'skipped') progress.log(`skipped ${describe(o.plan.source)}: ${o.reason}`);
        },
      });
      progress.stop();
      process.stderr.write(
        `ingested ${report.added} runs (${report.skipped} already stored, ${report.failed} failed): ` +
        `${report.files} files, ${report.lines} lines, ${(report.bytes / 1e6).toFixed(1)} MB` +
        (report.unparsableLines > 0 ? `, ${report.unparsableLines} unparsable lines skipped` : '') + ` → ${args.db}\n`,
      );
      if (report.failed > 0) process.exitCode = 1;
    } catch (err) {
      if (err instanceof DiscoveryError) throw new UserError(err.message);
      throw err;
    } finally {
      progress.stop();
      store.close();
    }
  },
};

function describe(source: { kind: string; dir?: string; path?: string }): string {
  return source.kind === 'raw' ? source.dir! : source.path!;
}
