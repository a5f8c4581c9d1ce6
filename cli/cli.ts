/**
 * The `pystats` command line, loaded by cli/main.ts. Each command lives in its own module
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
import { UserError } from './user-error.js';

const COMMANDS: CommandModule<any, any>[] = [
  ingestCommand, runsCommand, sqlCommand, exportJsonCommand, reportCommand, summarizeCommand, trendCommand,
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

// Help is wrapped to the terminal only when it is printed. yargs renders the help text
// after every command's handler starts (to have it at hand), and wrapping is most of that
// rendering: about 15 ms of each command, a twentieth of a `pystats summarize`.
const HELP_WIDTH = Math.min(110, process.stdout.columns || 100);

async function main(): Promise<void> {
  const args = hideBin(process.argv);
  let cli = yargs(args)
    .scriptName('pystats')
    .usage('$0 <command> [options]\n\nCPython pystats counters into DuckDB: exact reports, comparisons and trends.')
    .strict()
    .demandCommand(1, 'Name a command; see --help.')
    .recommendCommands()
    .wrap(args.includes('--help') ? HELP_WIDTH : null)
    .fail((msg, err, y) => {
      // A handler's own error comes without a message; a failed .check() comes with one.
      if (err && !msg) throw err;
      y.wrap(HELP_WIDTH);
      process.stderr.write(`${y.help()}\n\npystats: ${msg}\n`);
      process.exit(2);
    });
  for (const c of COMMANDS) cli = cli.command(c);
  await cli.parseAsync();
}

main().catch((err: unknown) => {
  // Bad data and bad arguments get one clear line, never a stack trace.
  if (err instanceof UserError) {
    process.stderr.write(`pystats: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`pystats: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(70);
});
