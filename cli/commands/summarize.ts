import type { CommandModule } from 'yargs';
import { parsePool } from '../early-workers.js';
import { terminalSafeLines } from '../terminal-text.js';
import { UserError } from '../user-error.js';
import { dateOption, localDate, styleOption, parseOptions } from '../options.js';
import { mark } from '../../pipeline/timing.js';

interface SummarizeArgs {
  inputs: string[];
  'json-output'?: string;
  date?: string;
  style?: string;
  'python-version'?: string;
  order?: string;
  workers?: number;
}

export const summarizeCommand: CommandModule<object, SummarizeArgs> = {
  command: 'summarize <inputs..>',
  describe: "Drop-in for CPython's Tools/scripts/summarize_stats.py: INPUT (raw dir or JSON) prints the report; BASE HEAD prints the comparison",
  builder: (y) => y
    .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'A raw stats directory or a JSON file; two to compare' })
    .options({
      'json-output': { type: 'string', describe: 'Also write the summed stats as JSON (one input only)' },
      date: dateOption,
      style: styleOption,
      'python-version': { type: 'string', describe: 'CPython version of the data, e.g. 3.13.5 (default: detected from the keys)' },
      ...parseOptions,
      workers: { type: 'number', describe: 'Parse worker threads (default: one per 3,000 files, at most one per core)' },
    })
    .check((a) => {
      if ((a.inputs as string[]).length > 2) throw new Error('summarize takes one input, or two to compare');
      if (a.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(a.date as string)) throw new Error('--date must be YYYY-MM-DD');
      return true;
    }) as never,
  handler: async (args) => {
    mark('arguments (yargs)');
    // The workers are already booting (cli/early-workers.ts): startup is a large part of
    // a summarize.
    const workers = args.workers === undefined ? null : Math.max(1, args.workers);
    const pool = parsePool(workers ?? 1);
    try {
      const { DiscoveryError } = await import('../../pipeline/discover/raw-dir.js');
      const { startSummarize } = await import('../../pipeline/summarize/start.js');
      // Workers parse while the main thread loads DuckDB, Arrow and the exporters.
      const warn = (m: string) => process.stderr.write(`warning: ${terminalSafeLines(m)}\n`);
      const started = await startSummarize(args.inputs, pool, args.order ?? null, workers, warn).catch((err: unknown) => {
        throw err instanceof DiscoveryError ? new UserError(err.message) : err;
      });
      mark('inputs listed, jobs sent');
      const { summarize, SummarizeError } = await import('../../pipeline/summarize/summarize.js');
      const { ReportDataError } = await import('../../pipeline/report/errors.js');
      mark('modules (DuckDB API, loader, Arrow, report)');
      await summarize({
        inputs: args.inputs,
        jsonOutput: args['json-output'] ?? null,
        date: args.date ?? localDate(),
        style: args.style as never,
        pythonVersion: args['python-version'] ?? null,
        orderFile: args.order ?? null,
        pool,
        started,
        onWarning: warn,
        // The report is the command's last word (the JSON is already written): exit once
        // it is out, rather than close DuckDB (tens of ms) and wait for the worker threads
        // to wind down. On Linux stdout is written synchronously (files, pipes and TTYs
        // alike): when nothing is left buffered the bytes are with the OS already.
        emit: (report) => {
          mark('first byte of the report');
          const exit = () => {
            mark('report written');
            process.exit(0);
          };
          process.stdout.write(report, exit);
          if (process.stdout.writableLength === 0) exit();
        },
      }).catch((err: unknown) => {
        if (err instanceof SummarizeError || err instanceof DiscoveryError || err instanceof ReportDataError) {
          throw new UserError(err.message);
        }
        throw err;
      });
    } finally {
      await pool.close();
    }
  },
};
