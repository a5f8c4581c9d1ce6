/**
 * A killed ingest leaves no partial run, and running it again completes the work.
 * The ingest runs as its own process and gets SIGKILL right after its first run commits,
 * while the second is being written.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildCorpus } from '../bench/corpus.js';
import { fromRoot } from '../pipeline/package-root.js';
import { openStore } from '../pipeline/store/store.js';
import { count, tempDir } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');

function ingestUntilFirstRun(dirs: string[], db: string): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'ingest', ...dirs, '--db', db, '--workers', '1']);
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && /^run 1: /m.test(stderr)) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed }));
  });
}

async function storedRuns(db: string) {
  const store = await openStore(db);
  try {
    const runs = (await store.conn.runAndReadAll(
      `SELECT r.run_id, r.n_files, (SELECT count(*) FROM files f WHERE f.run_id = r.run_id),
              (SELECT count(*) FROM run_counters c WHERE c.run_id = r.run_id)
       FROM runs r ORDER BY run_id`,
    )).getRows().map((r) => r.map(Number));
    const orphans = await count(store,
      'SELECT count(*) FROM file_counters WHERE file_id NOT IN (SELECT file_id FROM files)');
    return { runs, orphans };
  } finally {
    store.close();
  }
}

describe('a killed ingest', () => {
  it('keeps only whole runs, and a second ingest completes the rest', async () => {
    const work = tempDir('pystats-kill-');
    const corpus = buildCorpus(join(work, 'corpus'), 3, 400);
    const db = join(work, 'store.duckdb');
    const { killed } = await ingestUntilFirstRun(corpus.dirs, db);
    expect(killed).toBe(true);

    const afterKill = await storedRuns(db);
    expect(afterKill.runs.length).toBeGreaterThanOrEqual(1);
    expect(afterKill.runs.length).toBeLessThan(3);
    for (const [, nFiles, files, counters] of afterKill.runs) {
      expect(nFiles).toBe(400);
      expect(files).toBe(400);
      expect(counters).toBeGreaterThan(1000);
    }
    expect(afterKill.orphans).toBe(0);

    const again = spawn(process.execPath, [CLI, 'ingest', ...corpus.dirs, '--db', db]);
    await new Promise((resolve) => again.on('exit', resolve));
    expect(again.exitCode).toBe(0);
    const complete = await storedRuns(db);
    expect(complete.runs).toHaveLength(3);
    for (const [, nFiles, files] of complete.runs) expect([nFiles, files]).toEqual([400, 400]);
    expect(complete.orphans).toBe(0);
  });
});
