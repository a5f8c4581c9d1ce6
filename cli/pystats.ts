/**
 * The command line, as the launcher (cli/main.ts) runs it. Commands that parse files get
 * their worker threads started first; then the command line itself (yargs and the
 * commands, cli/cli.ts) loads.
 */
import { startEarlyWorkers } from './early-workers.js';

startEarlyWorkers(process.argv.slice(2));
void import('./cli.js');
