import type { CommandModule } from 'yargs';
import type { TabularFormat } from '../tabular.js';
import { formatOption, storeOptions } from '../options.js';
import { openStoreToRead, openStoreToWrite, type StoreArgs } from '../open-store.js';
import { UserError } from '../user-error.js';

interface SqlArgs extends StoreArgs {
  query: string;
  format: TabularFormat;
  write: boolean;
}

export const sqlCommand: CommandModule<object, SqlArgs> = {
  command: 'sql <query>',
  describe: 'Run an SQL query on the store, read-only unless --write (tables run_records, texts, files, keys, file_counters, run_counters_u64, run_counters_wide; views runs, run_counters, key_parts, counters, file_counter_rows)',
  builder: (y) => y
    .positional('query', { type: 'string', demandOption: true })
    .options({
      ...storeOptions,
      format: formatOption,
      write: { type: 'boolean', default: false, describe: 'Let the SQL change the store (it is opened read-only otherwise)' },
    }) as never,
  handler: async (args) => {
    const { formatRows } = await import('../tabular.js');
    const { isReadOnlyRefusal } = await import('../../pipeline/store/store.js');
    const { checkOneStatement, SqlRefusedError } = await import('../../pipeline/store/sandbox.js');
    // Ad hoc SQL is the store's main use, so a typo must not be able to destroy it:
    // writing is an explicit choice.
    const store = await (args.write ? openStoreToWrite(args) : openStoreToRead(args));
    try {
      let reader;
      try {
        await checkOneStatement(store.conn, args.query, !args.write);
        reader = await store.conn.runAndReadAll(args.query);
      } catch (err) {
        if (err instanceof SqlRefusedError) throw new UserError(`SQL: ${err.message}`);
        if (isReadOnlyRefusal(err)) {
          throw new UserError(`SQL: the store is opened read-only, and this statement would change it; pass --write to allow that (${(err as Error).message})`);
        }
        throw new UserError(`SQL: ${(err as Error).message}${viewHint((err as Error).message, args.query)}`);
      }
      process.stdout.write(formatRows(reader.columnNames(), reader.getRowsJS(), args.format));
      // Per-process rows are kept only by `ingest --per-file`: say which runs the query could not see.
      if (!args.write && /\b(file_counters|process_counters|file_counter_rows)\b/i.test(args.query)) {
        const { runsWithoutProcessRows, missingProcessRowsNote } = await import('../../pipeline/store/process-rows.js');
        const note = missingProcessRowsNote(await runsWithoutProcessRows(store.conn), 'the query sees none of theirs');
        if (note) process.stderr.write(`${note}\n`);
      }
    } finally {
      store.close();
    }
  },
};

/** Where the rows of each view a writer may try to change are kept (ddl.sql). */
const VIEW_TABLES: Record<string, string> = {
  runs: 'runs is a view: its rows are in the table run_records (their JSON texts in texts, by id)',
  run_counters: 'run_counters is a view: its rows are in the table run_counters_u64 (a sum past 64 bits in run_counters_wide)',
};

/** DuckDB refuses to change a view, without naming it: the views the statement names, and where their rows are. */
function viewHint(message: string, query: string): string {
  const refused = /Can only \w+( from| into)? base table|\b(runs|run_counters) is not an? table/i.test(message);
  const named = Object.keys(VIEW_TABLES).filter((view) => new RegExp(`\\b${view}\\b`, 'i').test(query));
  return refused && named.length > 0 ? `; ${named.map((view) => VIEW_TABLES[view]).join('; ')}` : '';
}
