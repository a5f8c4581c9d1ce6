#!/usr/bin/env node
/**
 * The `pystats` executable: runs the command line (cli/pystats.ts, bundled into
 * dist/bundles/cli.cjs) through V8's code cache (pipeline/code-cache.ts).
 */
import { runCommonJsBundle } from '../pipeline/code-cache.js';
import { lendImport } from '../pipeline/import-esm.js';
import { fromRoot } from '../pipeline/package-root.js';

lendImport((specifier) => import(specifier));
runCommonJsBundle(fromRoot('dist', 'bundles', 'cli.cjs'));
