import type { CommandModule } from 'yargs';
import type { TabularFormat } from '../tabular.js';
import { formatOption, runFilterOptions, storeOptions, checkDays } from '../options.js';
import { openStoreToRead, type StoreArgs } from '../open-store.js';

type RunsArgs = StoreArgs & { format: TabularFormat } & Record<string, string | undefined>;

export const runsCommand: CommandModule<object, RunsArgs> = {
  command: 'runs',
  describe: 'List stored runs with their identity (filters narrow the list)',
  builder: (y) => y.options({ ...storeOptions, format: formatOption, ...runFilterOptions }) as never,
  handler: async (args) => {
    const { listRuns, RUN_COLUMNS } = await import('../../pipeline/runs/read-runs.js');
    const { formatRows } = await import('../tabular.js');
    const { freeThreadedRuns } = await import('../../pipeline/runs/free-threading.js');
    checkDays({ since: args.since as string | undefined, until: args.until as string | undefined });
    const store = await openStoreToRead(args);
    try {
      const runs = await listRuns(store.conn, {
        fork: args.fork, ref: args.ref, benchmark: args.benchmark, machine: args.machine, flags: args.flags,
        pythonVersion: args['python-version'], commit: args.commit, commitDate: args['commit-date'],
        since: args.since, until: args.until,
      });
      // Free-threaded builds are known by their counters; their FT counters may carry a caveat.
      const ft = await freeThreadedRuns(store.conn);
      const rows = runs.map((r) => [
        r.runId, r.fork, r.ref, r.commitHash, r.commitDate, r.pythonVersion, r.machine, r.nickname,
        r.benchmark, r.flags, r.nFiles, r.sourceKind, r.sourcePath,
        ft.has(r.runId), ft.get(r.runId)?.caveat ?? null,
      ]);
      process.stdout.write(formatRows([...RUN_COLUMNS, 'free_threaded', 'caveat'], rows, args.format));
    } finally {
      store.close();
    }
  },
};
