import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { storeOptions } from '../options.js';
import { openStoreToRead, type StoreArgs } from '../open-store.js';

interface ExportJsonArgs extends StoreArgs {
  run: string;
  output?: string;
  indent?: number;
}

export const exportJsonCommand: CommandModule<object, ExportJsonArgs> = {
  command: 'export-json <run>',
  describe: 'Write a run as summarize_stats JSON (same keys, order and values; metadata it has)',
  builder: (y) => y
    .positional('run', { type: 'string', demandOption: true, describe: 'run_id' })
    .options({
      ...storeOptions,
      output: { alias: 'o', type: 'string', describe: 'Output file (default: stdout)' },
      indent: { type: 'number', describe: "Indent like bench_runner's rewritten files (2); default: the script's compact form" },
    }) as never,
  handler: async (args) => {
    const { loadRunStats } = await import('../../pipeline/runs/read-runs.js');
    const { formatSummarizeJson } = await import('../../pipeline/json/summarize-json.js');
    const { resolveRun } = await import('../run-argument.js');
    const store = await openStoreToRead(args);
    try {
      const run = await resolveRun(store.conn, args.run);
      const text = formatSummarizeJson(await loadRunStats(store.conn, [run.runId]), args.indent);
      if (args.output) writeFileSync(args.output, text);
      else process.stdout.write(text + '\n');
    } finally {
      store.close();
    }
  },
};
