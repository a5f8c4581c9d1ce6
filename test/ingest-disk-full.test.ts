/**
 * The disk fills up in the middle of an ingest. The store lives on a small tmpfs mounted
 * in a private mount namespace (unshare -m: nothing shows outside this test, and the mount
 * goes away with the namespace); the CLI runs inside it (nsenter). The ingest must fail
 * clearly (exit 1, the store and the cause named, never "internal error"), keep the run it
 * committed before the disk filled and leave every earlier run intact; once there is room
 * again the store opens and takes the run that failed. The test reads the store's files
 * (database and WAL, as the failed ingest left them) through /proc/PID/root into copies:
 * DuckDB resolves that path to this process's own root.
 * Needs root (mount); skipped, with the reason, where the mechanism is unavailable.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../pipeline/store/store.js';
import { fromRoot } from '../pipeline/package-root.js';
import { CPY, fixtureJson } from './helpers/fixtures.js';
import { tableChecksums } from './helpers/checksums.js';
import { runCounters, tempDir } from './helpers/store.js';
import { Namespace, unavailable } from './helpers/namespace.js';

const CLI = fromRoot('dist', 'cli', 'main.js');

/**
 * Every table's checksum, one checksum per stored run over its rows in every table, and the
 * runs' counters, read from a copy of the store's files (the WAL too: opening replays what
 * of it was committed).
 */
async function snapshot(ns: Namespace, db: string) {
  const copy = join(tempDir('pystats-full-copy-'), 'store.duckdb');
  for (const suffix of ['', '.wal']) {
    if (existsSync(ns.outside(db + suffix))) copyFileSync(ns.outside(db + suffix), copy + suffix);
  }
  const store = await openStore(copy);
  try {
    const rows = (await store.conn.runAndReadAll(
      `SELECT r.run_id,
              hash(r) + coalesce((SELECT sum(hash(f)) FROM files f WHERE f.run_id = r.run_id), 0)
              + coalesce((SELECT sum(hash(fc)) FROM file_counters fc JOIN files f USING (file_id) WHERE f.run_id = r.run_id), 0)
              + coalesce((SELECT sum(hash(rc)) FROM run_counters rc WHERE rc.run_id = r.run_id), 0)
       FROM runs r ORDER BY r.run_id`,
    )).getRows();
    const runs: Record<number, string> = {};
    const counters: Record<number, Array<[string, bigint]>> = {};
    for (const [id, hash] of rows) {
      runs[Number(id)] = String(hash);
      counters[Number(id)] = await runCounters(store, Number(id));
    }
    return { tables: await tableChecksums(store.conn), runs, counters };
  } finally {
    store.close();
  }
}

const reason = unavailable();

describe('the disk fills up mid-ingest', () => {
  (reason ? it.skip : it)(`ingest fails clearly; the store keeps every committed run${reason ? ` (skipped: ${reason})` : ''}`, async () => {
    const ns = await Namespace.start();
    try {
      const mnt = tempDir('pystats-full-');
      const db = join(mnt, 'store.duckdb');
      expect(ns.run('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt]).status).toBe(0);

      // Earlier runs: a raw directory and a JSON.
      const earlier = ns.run(process.execPath, [CLI, 'ingest', join(CPY, 'raw-multi-floats'), join(CPY, 'mixed.json'), '--db', db, '--per-file']);
      expect(earlier.status).toBe(0);
      const before = await snapshot(ns, db);
      expect(Object.keys(before.runs)).toEqual(['1', '2']);

      // Fill the disk but for 300 KiB: room for a one-file run's commit, not for the 60-file run after it
      // (its per-process rows kept: --per-file).
      const fill = ns.run('sh', ['-c', `dd if=/dev/zero of=${mnt}/filler bs=64k 2>/dev/null; truncate -s -300K ${mnt}/filler`]);
      expect(fill.status).toBe(0);
      const small = join(CPY, 'raw-single-coroutines');
      const big = join(CPY, 'raw-mixed');
      const failed = ns.run(process.execPath, [CLI, 'ingest', small, big, '--db', db, '--per-file']);
      expect(failed.stderr).not.toMatch(/internal error/);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain(`run 3: ${small} (1 files)`);
      expect(failed.stderr).toContain(
        `pystats: cannot write to the store ${db}: Could not write file "${db}.wal": No space left on device; ` +
        `run ${big} not stored; the runs stored before it are intact\n`,
      );

      // The store as the failed ingest left it: the earlier runs as they were, and the run
      // committed before the disk filled, with the counters the real script summed.
      const left = await snapshot(ns, db);
      expect(Object.keys(left.runs)).toEqual(['1', '2', '3']);
      expect([left.runs[1], left.runs[2]]).toEqual([before.runs[1], before.runs[2]]);
      const coroutines = fixtureJson(join(CPY, 'single-coroutines.json'));
      expect(left.counters[3]).toEqual(coroutines.keys.map((k, i) => [k, coroutines.values[i]]));

      // Room again: the store opens for writing and takes the run that failed, nothing else changed.
      expect(ns.run('rm', [`${mnt}/filler`]).status).toBe(0);
      const again = ns.run(process.execPath, [CLI, 'ingest', small, big, '--db', db, '--per-file']);
      expect(again.status).toBe(0);
      expect(again.stderr).toContain(`run 4: ${big} (60 files)`);
      const after = await snapshot(ns, db);
      expect(Object.keys(after.runs)).toEqual(['1', '2', '3', '4']);
      expect([after.runs[1], after.runs[2], after.runs[3]]).toEqual([left.runs[1], left.runs[2], left.runs[3]]);
      const mixed = fixtureJson(join(CPY, 'mixed.json'));
      expect(after.counters[4].map(([k]) => k).sort()).toEqual([...mixed.keys].sort());
    } finally {
      ns.stop();
    }
  });
});
