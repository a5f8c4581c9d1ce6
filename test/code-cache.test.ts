/**
 * The code caches `make build` leaves next to the bundles: V8 takes them for the bundles
 * as built, and a cache that does not fit is refused without harm.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheOf, compileBundle } from '../pipeline/code-cache.js';
import { fromRoot } from '../pipeline/package-root.js';
import { tempDir } from './helpers/store.js';

const BUNDLES = ['cli.cjs', 'parse-worker.cjs'].map((b) => fromRoot('dist', 'bundles', b));

describe('code cache', () => {
  it.each(BUNDLES)('the build warmed %s: V8 accepts its cache, which holds more than the top level', (bundle) => {
    const cache = readFileSync(codeCacheOf(bundle));
    expect(compileBundle(bundle, cache).cachedDataRejected).toBe(false);
    // A cache made right after compiling holds only the eagerly compiled code.
    const coldCache = compileBundle(bundle).createCachedData();
    expect(cache.length).toBeGreaterThan(coldCache.length);
  });

  it('refuses the cache of a bundle that changed since, and the bundle still compiles', () => {
    // A copy with one more line: what a rebuild without a fresh warm-up would leave.
    const [cli] = BUNDLES;
    const changed = join(tempDir(), 'cli.cjs');
    writeFileSync(changed, `${readFileSync(cli, 'utf8')}\n// changed\n`);
    const script = compileBundle(changed, readFileSync(codeCacheOf(cli)));
    expect(script.cachedDataRejected).toBe(true);
    expect(typeof script.runInThisContext()).toBe('function');
  });
});
