import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { dateOption, localDate, runFilterOptions, storeOptions, styleOption, checkDays } from '../options.js';
import { openStoreToRead, type StoreArgs } from '../open-store.js';
import { parseRunId } from '../run-argument.js';
import { UserError } from '../user-error.js';

type ReportArgs = StoreArgs & {
  run?: string;
  base?: string;
  output?: string;
  style?: string;
  date?: string;
  header?: boolean;
  benchmarks?: string;
} & Record<string, unknown>;

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report [run]',
  describe: "A run's summarize_stats.py report from the store (with bench_runner's header); --base RUN compares; filters without RUN sum the selected runs",
  builder: (y) => y
    .positional('run', { type: 'string', describe: 'run_id (see pystats runs)' })
    .options({
      ...storeOptions,
      base: { type: 'string', describe: 'Compare against this run_id (the -pystats-vs-base report)' },
      output: { alias: 'o', type: 'string', describe: 'Write to this file (default: stdout)' },
      style: styleOption,
      date: dateOption,
      header: { type: 'boolean', describe: "bench_runner's '# Pystats results' header (default: when the run's identity is known)" },
      benchmarks: { type: 'string', describe: 'Benchmarks for the links line of an aggregated report, comma-separated' },
      ...runFilterOptions,
    }) as never,
  handler: async (args) => {
    const { selectRuns, reportForRuns, comparisonForRuns, ReportSelectionError } = await import('../../pipeline/report/stored-report.js');
    const { ReportDataError } = await import('../../pipeline/report/errors.js');
    checkDays({ since: args.since as string | undefined, until: args.until as string | undefined });
    const store = await openStoreToRead(args);
    try {
      const filters = {
        fork: str(args.fork), ref: str(args.ref), benchmark: str(args.benchmark), machine: str(args.machine),
        flags: str(args.flags), pythonVersion: str(args['python-version']), commit: str(args.commit),
        commitDate: str(args['commit-date']), since: str(args.since), until: str(args.until),
      };
      const opts = {
        date: args.date ?? localDate(), style: args.style as never, header: args.header,
        benchmarks: args.benchmarks ? args.benchmarks.split(',').map((b) => b.trim()).filter(Boolean) : null,
      };
      const selected: number[] = [];
      const text = await (async () => {
        const head = await selectRuns(store.conn, args.run ? parseRunId(args.run) : null, filters);
        selected.push(...head.map((r) => r.runId));
        if (args.base) {
          const base = await selectRuns(store.conn, parseRunId(args.base), {});
          selected.push(...base.map((r) => r.runId));
          return comparisonForRuns(store.conn, base, head, opts);
        }
        return reportForRuns(store.conn, head, opts);
      })().catch((err: unknown) => {
        if (err instanceof ReportSelectionError || err instanceof ReportDataError) throw new UserError(err.message);
        throw err;
      });
      if (args.output) writeFileSync(args.output, text);
      // -o keeps the report's exact bytes; a terminal gets control characters escaped.
      else process.stdout.write((await import('../terminal-text.js')).terminalSafeLines(text));
      // The report is the script's, byte for byte; what it cannot say goes to stderr.
      const { freeThreadedRuns } = await import('../../pipeline/runs/free-threading.js');
      const ft = await freeThreadedRuns(store.conn, selected);
      for (const id of selected) {
        const caveat = ft.get(id)?.caveat;
        if (caveat) process.stderr.write(`pystats: note: run ${id} is a free-threaded build; ${caveat}\n`);
      }
    } finally {
      store.close();
    }
  },
};

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
