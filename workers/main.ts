/**
 * A parse worker thread's entry: runs the worker (workers/parse-worker.ts, bundled into
 * dist/bundles/parse-worker.cjs) through V8's code cache (pipeline/code-cache.ts).
 */
import { runCommonJsBundle } from '../pipeline/code-cache.js';
import { fromRoot } from '../pipeline/package-root.js';
import { threadId } from 'node:worker_threads';
import { mark } from '../pipeline/timing.js';

mark(`worker ${threadId}: thread boot`);
runCommonJsBundle(fromRoot('dist', 'bundles', 'parse-worker.cjs'));
