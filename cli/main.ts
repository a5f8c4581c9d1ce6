#!/usr/bin/env node
/**
 * The `pystats` executable: starts the parse workers a command will need (before reading
 * anything else: they take longest to boot), then runs the command line (cli/cli.ts,
 * bundled into dist/bundles/cli.cjs) through V8's code cache (pipeline/code-cache.ts).
 */
import { runCommonJsBundle } from '../pipeline/code-cache.js';
import { lendImport } from '../pipeline/import-esm.js';
import { fromRoot } from '../pipeline/package-root.js';
import { startEarlyWorkers } from './early-workers.js';
import { openEarly } from '../pipeline/summarize/early-store.js';
import { mark } from '../pipeline/timing.js';

mark('node boot + launcher');
const argv = process.argv.slice(2);
startEarlyWorkers(argv);
mark('workers started');
if (argv[0] === 'summarize' && !argv.includes('--help')) openEarly();
lendImport((specifier) => import(specifier));
runCommonJsBundle(fromRoot('dist', 'bundles', 'cli.cjs'));
