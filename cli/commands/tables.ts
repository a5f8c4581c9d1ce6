import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { UserError } from '../user-error.js';

interface TablesArgs {
  'from-cpython': string;
  output?: string;
  'cpython-version'?: string;
  commit?: string;
}

/**
 * `pystats tables --from-cpython DIR`: the per-version table file (schemas/versions/<minor>.json)
 * from a CPython checkout, derived as summarize_stats.py derives its tables. Every
 * bundled table was made this way (schemas/versions/sources); a user with a newer CPython
 * runs it on their checkout and puts the file in the folder PYSTATS_TABLES_DIR names
 * (schemas/versions/index.ts reads tables there first).
 */
export const tablesCommand: CommandModule<object, TablesArgs> = {
  command: 'tables',
  describe: "Write a CPython version's tables (specialized instructions, failure and call kinds, families) from its source tree",
  builder: (y) => y.options({
    'from-cpython': { type: 'string', demandOption: true, describe: 'Top folder of a CPython checkout (or of just the files it reads: see README)' },
    output: { alias: 'o', type: 'string', describe: 'Write the table file here (default: standard output)' },
    'cpython-version': { type: 'string', describe: 'Version of the tree, e.g. 3.16.0a2 (default: Include/patchlevel.h)' },
    commit: { type: 'string', describe: 'Commit of the tree (default: its git HEAD, else "unknown")' },
  }) as never,
  handler: async (args) => {
    const { buildVersionTable, formatVersionTable } = await import('../../pipeline/tables/build-table.js');
    const { SourceTreeError } = await import('../../pipeline/tables/source-tree.js');
    const { SourceFormatError } = await import('../../pipeline/tables/read-sources.js');
    let text: string;
    try {
      text = formatVersionTable(buildVersionTable(args['from-cpython'], {
        version: args['cpython-version'] ?? null, commit: args.commit ?? null,
      }));
    } catch (err) {
      if (err instanceof SourceTreeError || err instanceof SourceFormatError) throw new UserError(err.message);
      throw err;
    }
    if (args.output === undefined) {
      process.stdout.write(text);
      return;
    }
    try {
      writeFileSync(args.output, text);
    } catch (err) {
      throw new UserError(`cannot write ${args.output}: ${(err as Error).message}`);
    }
  },
};
