/**
 * The command line, as the launcher (cli/main.ts) runs it, with the parse workers it
 * started already booting (cli/early-workers.ts): yargs and the commands (cli/cli.ts).
 */
import './cli.js';
