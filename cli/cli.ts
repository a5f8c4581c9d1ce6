/**
 * The `pystats` command line, run by the launcher (cli/main.ts) with the parse workers it
 * started already booting (cli/early-workers.ts). Each command lives in its own module
 * under cli/commands/; adding a command is adding a module and a line to COMMANDS.
 */
import { writeFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandModule } from 'yargs';
import { ingestCommand } from './commands/ingest.js';
import { runsCommand } from './commands/runs.js';
import { sqlCommand } from './commands/sql.js';
import { exportJsonCommand } from './commands/export-json.js';
import { reportCommand } from './commands/report.js';
import { summarizeCommand } from './commands/summarize.js';
import { trendCommand } from './commands/trend.js';
import { lakeCommand } from './commands/lake.js';
import { siteCommand } from './commands/site.js';
import { tablesCommand } from './commands/tables.js';
import { terminalSafeLines } from './terminal-text.js';
import { UserError } from './user-error.js';
import { duckdbFileError } from '../pipeline/store/file-errors.js';
import { mark } from '../pipeline/timing.js';

mark('cli bundle (yargs, commands)');

const COMMANDS: CommandModule<any, any>[] = [
  ingestCommand, runsCommand, sqlCommand, exportJsonCommand, reportCommand, summarizeCommand, trendCommand,
  lakeCommand, siteCommand, tablesCommand,
];

// `make bench` reads peak memory and CPU from here: the parse workers are threads of this
// process, so its maxRSS covers them all.
if (process.env.PYSTATS_RUSAGE_FILE) {
  const file = process.env.PYSTATS_RUSAGE_FILE;
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}

// `pystats … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(): Promise<void> {
  let cli = yargs(hideBin(process.argv))
    .scriptName('pystats')
    .usage('$0 <command> [options]\n\nCPython pystats counters into DuckDB: exact reports, comparisons and trends.')
    .strict()
    .demandCommand(1, 'Name a command; see --help.')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      // A handler's own error comes without a message; a failed .check() comes with one.
      if (err && !msg) throw err;
      process.stderr.write(`${y.help()}\n\npystats: ${msg}\n`);
      process.exit(2);
    });
  for (const c of COMMANDS) cli = cli.command(c);
  await cli.parseAsync();
}

main().catch((err: unknown) => {
  // Bad data and bad arguments get one clear line, never a stack trace.
  if (err instanceof UserError) {
    process.stderr.write(`pystats: ${terminalSafeLines(err.message)}\n`);
    process.exit(err.exitCode);
  }
  const fileError = duckdbFileError(err);
  if (fileError !== null) {
    process.stderr.write(`pystats: ${terminalSafeLines(fileError)}\n`);
    process.exit(1);
  }
  process.stderr.write(`pystats: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(70);
});
