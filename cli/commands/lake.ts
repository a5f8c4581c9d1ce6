/**
 * `pystats lake export|import`: the store as a Parquet lake that any engine reads
 * (pipeline/store/lake/layout.ts), and lakes back into a store. Reading a lake needs no command
 * of its own: every read command takes --lake DIR.
 */
import type { Argv, CommandModule } from 'yargs';
import { storeOptions, writeStoreOptions } from '../options.js';
import { UserError } from '../user-error.js';
import { asUserError, openStoreToRead, openStoreToWrite, storeDb, type StoreArgs } from '../open-store.js';

interface ExportArgs extends StoreArgs {
  out: string;
  'per-file': boolean;
}

interface ImportArgs extends StoreArgs {
  dirs: string[];
}

const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'Write the runs of a store that the lake does not hold yet into it (one batch of Parquet files)',
  builder: (y) => y.options({
    ...storeOptions,
    out: { type: 'string', demandOption: true, describe: 'The lake directory (created when missing)' },
    'per-file': { type: 'boolean', default: false, describe: "Also write each process's counters (file_counters), for per-file trends" },
  }) as never,
  handler: async (args) => {
    const { exportLake } = await import('../../pipeline/store/lake/export/export.js');
    const store = await openStoreToRead(args, { extraDirs: [args.out] });
    try {
      const r = await exportLake(store, args.out, { perFile: args['per-file'] }).catch(async (err: unknown) => { throw await asUserError(err); });
      for (const batch of r.cleaned) process.stderr.write(`removed the leftovers of an interrupted export (batch ${batch})\n`);
      if (r.batch === null) {
        process.stdout.write(`nothing to export: ${args.out} already holds the store's ${r.present} runs\n`);
      } else {
        process.stdout.write(`exported ${r.runs} runs (${r.present} already in the lake) as batch ${r.batch}: ${r.parquetFiles} Parquet files → ${args.out}\n`);
      }
      if (args['per-file']) {
        const { runsWithoutProcessRows, missingProcessRowsNote } = await import('../../pipeline/store/process-rows.js');
        const note = missingProcessRowsNote(await runsWithoutProcessRows(store.conn), 'the lake gets none of theirs');
        if (note) process.stderr.write(`${note}\n`);
      }
    } finally {
      store.close();
    }
  },
};

const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <dirs..>',
  describe: 'Bring the runs of one or more lakes into a store, each run once',
  builder: (y) => y
    .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Lake directories' })
    .options(writeStoreOptions) as never,
  handler: async (args) => {
    const { importLake } = await import('../../pipeline/store/lake/import/import.js');
    const store = await openStoreToWrite(args);
    try {
      for (const dir of args.dirs) {
        const r = await importLake(store, dir).catch(async (err: unknown) => { throw await asUserError(err); });
        process.stdout.write(`imported ${r.added} runs from ${dir} (${r.present} already stored) → ${storeDb(args)}\n`);
      }
    } finally {
      store.close();
    }
  },
};

const verifyCommand: CommandModule<object, { dir: string }> = {
  command: 'verify <dir>',
  describe: "Check every file of a lake against its export's sha256 manifest (exit 1 naming each bad file)",
  builder: (y) => y.positional('dir', { type: 'string', demandOption: true, describe: 'The lake directory' }) as never,
  handler: async (args) => {
    const { verifyLake } = await import('../../pipeline/store/lake/verify.js');
    let r;
    try {
      r = await verifyLake(args.dir);
    } catch (err) {
      throw await asUserError(err);
    }
    for (const p of r.problems) process.stderr.write(`lake file ${p.file}: ${p.reason}\n`);
    if (r.problems.length > 0) {
      throw new UserError(`lake ${args.dir}: ${r.problems.length} bad file${r.problems.length === 1 ? '' : 's'} of ${r.files} (${r.batches} batches)`);
    }
    process.stdout.write(`lake ${args.dir}: ${r.files} files of ${r.batches} batches match their manifests (sha256)\n`);
  },
};

export const lakeCommand: CommandModule = {
  command: 'lake',
  describe: 'The store as a Parquet lake (Hive partitions) that DuckDB, Spark, Trino or pandas read: export, import',
  builder: (y: Argv) => y.command(exportCommand).command(importCommand).command(verifyCommand).demandCommand(1, 'Name a lake command: export, import or verify'),
  handler: () => {},
};
