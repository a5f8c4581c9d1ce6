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
import { mark } from '../pipeline/timing.js';

mark('node boot + launcher');
startEarlyWorkers(process.argv.slice(2));
mark('workers started');
lendImport((specifier) => import(specifier));
runCommonJsBundle(fromRoot('dist', 'bundles', 'cli.cjs'));
