import type { CommandModule } from 'yargs';
import type { TabularFormat } from '../../pipeline/export/tabular.js';
import { dbOption, formatOption } from '../options.js';
import { UserError } from '../user-error.js';

interface SqlArgs {
  query: string;
  db: string;
  format: TabularFormat;
}

export const sqlCommand: CommandModule<object, SqlArgs> = {
  command: 'sql <query>',
  describe: 'Run an SQL query on the store (tables runs, files, keys, file_counters, run_counters; views key_parts, counters, file_counter_rows)',
  builder: (y) => y
    .positional('query', { type: 'string', demandOption: true })
    .options({ db: dbOption, format: formatOption }) as never,
  handler: async (args) => {
    const { openStore } = await import('../../pipeline/load/store.js');
    const { formatRows } = await import('../../pipeline/export/tabular.js');
    const store = await openStore(args.db);
    try {
      let reader;
      try {
        reader = await store.conn.runAndReadAll(args.query);
      } catch (err) {
        throw new UserError(`SQL: ${(err as Error).message}`);
      }
      process.stdout.write(formatRows(reader.columnNames(), reader.getRowsJS(), args.format));
    } finally {
      store.close();
    }
  },
};
