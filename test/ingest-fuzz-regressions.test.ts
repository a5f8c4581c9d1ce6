/**
 * Bugs the fuzz suite (ingest-fuzz.test.ts) found, each kept as a plain regression test
 * on the smallest input that showed it.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../pipeline/load/ingest.js';
import { ParsePool } from '../pipeline/load/worker-pool.js';
import { CPY, fixtureJson } from './helpers/fixtures.js';
import { runCounters, tempStore } from './helpers/store.js';

describe('one parse pool serving several ingests', () => {
  it('a later ingest, into the same store or another, learns the keys its workers announced before', async () => {
    const pool = new ParsePool(1);
    const first = await tempStore();
    const second = await tempStore();
    try {
      const expected = fixtureJson(join(CPY, 'single-floats.json'));
      await ingest(first, [join(CPY, 'raw-single-floats')], {}, pool);
      // The worker has announced every key of this file already: it will not again.
      for (const store of [first, second]) {
        const report = await ingest(store, [join(CPY, 'raw-single-floats')], { replace: true }, pool);
        expect(report.errors).toEqual([]);
        const got = await runCounters(store, report.runIds[0]);
        expect(got.map(([k]) => k)).toEqual(expected.keys);
        expect(got.map(([, v]) => v)).toEqual(expected.values);
      }
    } finally {
      first.close();
      second.close();
      await pool.close();
    }
  });
});
