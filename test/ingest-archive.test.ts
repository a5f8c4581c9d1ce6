/**
 * A bench_runner archive in one command (issue 18): many JSON runs per transaction give
 * the same store as one run per command; a result folder is read as results wherever the
 * user points; an ingest that is killed, or whose commit fails mid-way, leaves a store the
 * same command then completes, every run stored exactly once.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildArchive } from '../bench/archive.js';
import { fromRoot } from '../pipeline/package-root.js';
import { openStore } from '../pipeline/store/store.js';
import { tempDir } from './helpers/store.js';
import { Namespace, unavailable } from './helpers/namespace.js';

const CLI = fromRoot('dist', 'cli', 'main.js');
const RESULTS = fromRoot('data', 'bench_runner', 'benchmarking-public', 'results');

function pystats(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 300_000 });
}

/** Every stored run by content hash: identity, n_files and a checksum of its counters in order. */
async function runsByContent(db: string): Promise<Map<string, string>> {
  const store = await openStore(db);
  try {
    const rows = (await store.conn.runAndReadAll(
      `SELECT r.content_hash,
              concat_ws('|', r.fork, r.commit_hash, r.commit_date, r.python_version, r.benchmark, r.flags, r.n_files,
                        r.metadata IS NOT NULL, (SELECT count(*) FROM files f WHERE f.run_id = r.run_id)),
              (SELECT sum(hash(rc.ord, k.key, rc.value)) FROM run_counters rc JOIN keys k USING (key_id) WHERE rc.run_id = r.run_id),
              (SELECT count(*) FROM run_counters rc WHERE rc.run_id = r.run_id)
       FROM runs r`,
    )).getRows();
    // Ids are the writer's to keep unique (the tables have no index to refuse a second one).
    const [[runIds, fileIds, textIds, texts]] = (await store.conn.runAndReadAll(
      `SELECT (SELECT count(*) - count(DISTINCT run_id) FROM run_records), (SELECT count(*) - count(DISTINCT file_id) FROM files),
              (SELECT count(*) - count(DISTINCT text_id) FROM texts), (SELECT count(*) - count(DISTINCT text) FROM texts)`,
    )).getRows();
    expect([runIds, fileIds, textIds, texts].map(Number), 'repeated run, file or text ids, or texts').toEqual([0, 0, 0, 0]);
    const out = new Map<string, string>();
    for (const [hash, id, sum, n] of rows) {
      expect(out.has(hash as string), `run ${hash as string} stored twice`).toBe(false);
      out.set(hash as string, `${id as string} ${String(sum)} ${String(n)}`);
    }
    return out;
  } finally {
    store.close();
  }
}

describe('archive ingest', () => {
  it('many runs per transaction store what one command per run stores', async () => {
    const work = tempDir('pystats-archive-');
    const files = readdirSync(RESULTS).sort().flatMap((folder) =>
      readdirSync(join(RESULTS, folder)).filter((f) => f.endsWith('.json')).map((f) => join(RESULTS, folder, f)));
    const some = files.filter((_, i) => i % 4 === 0); // aggregated and per-benchmark, 3.12 to 3.15
    const batched = join(work, 'batched.duckdb');
    expect(pystats(['ingest', ...some, '--db', batched, '--quiet']).status).toBe(0);
    const single = join(work, 'single.duckdb');
    for (const file of some) expect(pystats(['ingest', file, '--db', single, '--quiet']).status).toBe(0);
    const a = await runsByContent(batched);
    expect(a.size).toBe(some.length);
    expect(await runsByContent(single)).toEqual(a);
  });

  it('reads a bm-… result folder as its results, the same as the tree root and the file', async () => {
    const work = tempDir('pystats-archive-');
    const folder = join(RESULTS, 'bm-20240701-3.14.0a0-33903c5-JIT');
    const file = join(folder, readdirSync(folder).find((f) => f.endsWith('-pystats.json'))!);
    const byFolder = join(work, 'folder.duckdb');
    const out = pystats(['ingest', folder, '--db', byFolder]);
    expect(out.stderr).not.toMatch(/truncated|error/);
    expect(out.status).toBe(0);
    expect(out.stderr).toContain(`run 1: ${file} (1 files)`);
    const byFile = join(work, 'file.duckdb');
    expect(pystats(['ingest', file, '--db', byFile]).status).toBe(0);
    const fromFolder = await runsByContent(byFolder);
    expect(fromFolder).toEqual(await runsByContent(byFile));
    // The same run, with the same identity (JIT from the folder's name), as the whole tree gives it.
    const byRoot = join(work, 'root.duckdb');
    expect(pystats(['ingest', RESULTS, '--db', byRoot, '--quiet']).status).toBe(0);
    const [[hash, value]] = [...fromFolder];
    expect(value).toMatch(/\|JIT\|/);
    expect((await runsByContent(byRoot)).get(hash)).toBe(value);
  });

  it('a killed ingest of an archive, then the same command: every run stored exactly once', async () => {
    const work = tempDir('pystats-archive-');
    const archive = buildArchive(join(work, 'archive'), 2000);
    const db = join(work, 'store.duckdb');
    const child = spawn(process.execPath, [CLI, 'ingest', archive.root, '--db', db]);
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && /^run \d+: /m.test(stderr)) killed = child.kill('SIGKILL');
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(killed).toBe(true);
    const partial = await runsByContent(db);
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan(2000);

    const again = pystats(['ingest', archive.root, '--db', db, '--quiet']);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`ingested ${2000 - partial.size} runs (${partial.size} already stored, 0 failed)`);
    const fresh = join(work, 'fresh.duckdb');
    expect(pystats(['ingest', archive.root, '--db', fresh, '--quiet']).status).toBe(0);
    expect(await runsByContent(db)).toEqual(await runsByContent(fresh));
  });

  const reason = unavailable();
  (reason ? it.skip : it)(`a commit that fails mid-ingest (disk full) leaves a store the same command completes${reason ? ` (skipped: ${reason})` : ''}`, async () => {
    const work = tempDir('pystats-archive-');
    const archive = buildArchive(join(work, 'archive'), 600);
    const fresh = join(work, 'fresh.duckdb');
    expect(pystats(['ingest', archive.root, '--db', fresh, '--quiet']).status).toBe(0);
    const expected = await runsByContent(fresh);

    const ns = await Namespace.start();
    try {
      const mnt = tempDir('pystats-archive-full-');
      const db = join(mnt, 'store.duckdb');
      expect(ns.run('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mnt]).status).toBe(0);
      // Room for part of the archive's store only: a commit fails mid-way through it.
      const fill = ns.run('sh', ['-c', `dd if=/dev/zero of=${mnt}/filler bs=64k 2>/dev/null; truncate -s -3M ${mnt}/filler`]);
      expect(fill.status).toBe(0);
      const failed = ns.run(process.execPath, [CLI, 'ingest', archive.root, '--db', db, '--quiet']);
      expect(failed.stderr).not.toMatch(/internal error/);
      expect(failed.stderr).toMatch(new RegExp(`pystats: cannot write to the store ${db}: .*No space left on device`));
      expect(failed.status).toBe(1);

      expect(ns.run('rm', [`${mnt}/filler`]).status).toBe(0);
      const again = ns.run(process.execPath, [CLI, 'ingest', archive.root, '--db', db, '--quiet']);
      expect(again.stderr).not.toMatch(/error/);
      expect(again.status).toBe(0);
      const copy = join(work, 'copy.duckdb');
      expect(ns.run('cp', [db, copy]).status).toBe(0);
      expect(await runsByContent(copy)).toEqual(expected);
    } finally {
      ns.stop();
    }
  });
});

describe('a JSON run stored once', () => {
  it('keeps no per-file copy of its sums; per-file views and trends print what a store with the copy prints', async () => {
    const work = tempDir('pystats-archive-');
    const db = join(work, 'store.duckdb');
    expect(pystats(['ingest', fromRoot('data', 'bench_runner'), fromRoot('data', 'raw', 'raw-multi-coroutines'), '--db', db, '--quiet']).status).toBe(0);
    const jsonRows = `SELECT count(*) FROM file_counters JOIN files USING (file_id) JOIN runs USING (run_id) WHERE source_kind = 'json'`;
    const csv = (args: string[]) => {
      const out = pystats([...args, '--db', db]);
      expect(out.status, out.stderr).toBe(0);
      return out.stdout;
    };
    expect(csv(['sql', jsonRows, '--format', 'csv'])).toBe('count_star()\n0\n');
    const commands = [
      ['trend', 'instructions', '--per-file', '--benchmark', 'all', '--format', 'csv'],
      ['trend', 'spec.hit:LOAD_ATTR', '--per-file', '--by', 'benchmark', '--format', 'csv'],
      ['sql', 'SELECT run_id, file_ord, count(*), sum(value), sum(hash(key, value)) FROM file_counter_rows GROUP BY ALL ORDER BY ALL', '--format', 'csv'],
    ];
    const now = commands.map(csv);
    // A store as pystats wrote it before: each JSON run's sums copied into file_counters.
    csv(['sql', `INSERT INTO file_counters SELECT f.file_id, rc.key_id, rc.value::UBIGINT FROM run_counters rc
      JOIN runs r USING (run_id) JOIN files f USING (run_id) WHERE r.source_kind = 'json'`, '--write']);
    expect(csv(['sql', jsonRows, '--format', 'csv'])).not.toBe('count_star()\n0\n');
    expect(commands.map(csv)).toEqual(now);
  });
});
