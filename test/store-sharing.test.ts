/**
 * A store shared by people and processes (issue 11): ad hoc SQL cannot damage it, and a
 * second process that finds it held waits, says by whom, and gives up with exit 75.
 * Every check runs the built CLI against a real DuckDB lock held by another process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { lockHolder } from '../pipeline/store/lock-wait.js';
import { tempDir } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');
const SAMPLE = fromRoot('data', 'raw', 'raw-multi-coroutines');
let filled: string;

function pystats(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

/** A fresh copy of a store holding the sample run. */
function storeCopy(): string {
  const db = join(tempDir('pystats-share-'), 'store.duckdb');
  copyFileSync(filled, db);
  return db;
}

/** sha256 of every table's rows, in a stable order: "the store is unchanged". */
function checksum(db: string): string {
  const r = pystats('sql', `SELECT 'runs' t, count(*) n, sum(hash(run_id, content_hash, fork, commit_hash)) h FROM runs
    UNION ALL SELECT 'keys', count(*), sum(hash(key_id, key)) FROM keys
    UNION ALL SELECT 'files', count(*), sum(hash(file_id, run_id, path, content_hash)) FROM files
    UNION ALL SELECT 'file_counters', count(*), sum(hash(file_id, key_id, value)) FROM file_counters
    UNION ALL SELECT 'run_counters', count(*), sum(hash(run_id, key_id, ord, value)) FROM run_counters ORDER BY t`,
  '--db', db, '--format', 'csv');
  expect(r.status, r.stderr).toBe(0);
  return createHash('sha256').update(r.stdout).digest('hex');
}

/** Another process holding the store: a writer, or a reader, until killed. */
const holders: ChildProcess[] = [];
async function holdStore(db: string, mode: 'READ_WRITE' | 'READ_ONLY'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    import { DuckDBInstance } from '@duckdb/node-api';
    await DuckDBInstance.create(${JSON.stringify(db)}, { access_mode: '${mode}' });
    process.stdout.write('held\\n');
    setInterval(() => {}, 1000);
  `], { cwd: fromRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

beforeAll(() => {
  filled = join(tempDir('pystats-share-'), 'filled.duckdb');
  const r = pystats('ingest', SAMPLE, '--db', filled, '--quiet');
  expect(r.status, r.stderr).toBe(0);
});

afterEach(() => {
  for (const h of holders.splice(0)) h.kill('SIGKILL');
});

describe('sql is read-only unless --write', () => {
  it('refuses DROP, DELETE, UPDATE and CREATE with a message naming --write, and the store is unchanged', () => {
    const db = storeCopy();
    const before = checksum(db);
    for (const stmt of ['DROP TABLE run_records', 'DELETE FROM run_counters_u64', "UPDATE run_records SET fork = 'x'", 'CREATE TABLE notes (x INT)']) {
      const r = pystats('sql', stmt, '--db', db);
      expect(r.status, stmt).toBe(1);
      expect(r.stderr).toMatch(/read-only.*--write/);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    // `runs` is a view (its rows are in run_records, their texts in texts), and so is
    // run_counters (its rows in run_counters_u64 and run_counters_wide): said so, with or without --write.
    for (const flags of [[], ['--write']]) {
      const r = pystats('sql', "UPDATE runs SET fork = 'x'", '--db', db, ...flags);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/runs is a view.*run_records/);
      const c = pystats('sql', 'DELETE FROM run_counters WHERE run_id = 1', '--db', db, ...flags);
      expect(c.status).toBe(1);
      expect(c.stderr).toMatch(/run_counters is a view.*run_counters_u64.*run_counters_wide/);
    }
    expect(checksum(db)).toBe(before);
    expect(pystats('runs', '--db', db, '--format', 'csv').stdout.split('\n')[1]).toMatch(/^1,/);
  });

  it('reads through the views, and writes with --write', () => {
    const db = storeCopy();
    const q = pystats('sql', "SELECT count(*) AS n FROM counters WHERE family = 'opcode'", '--db', db, '--format', 'csv');
    expect(q.status, q.stderr).toBe(0);
    expect(Number(q.stdout.split('\n')[1])).toBeGreaterThan(0);
    expect(pystats('sql', 'CREATE TABLE notes AS SELECT 1 AS x', '--db', db, '--write').status).toBe(0);
    expect(pystats('sql', 'SELECT x FROM notes', '--db', db, '--format', 'csv').stdout).toBe('x\n1\n');
  });

  it('a reader names a missing store instead of creating an empty one', () => {
    const db = join(tempDir('pystats-share-'), 'none.duckdb');
    const r = pystats('runs', '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`no store at ${db}`);
  });
});

describe('a store held by another process', () => {
  it('an ingest waits, says who holds it once, and exits 75 when --wait runs out; the store is intact', async () => {
    const db = storeCopy();
    const before = checksum(db);
    const holder = await holdStore(db, 'READ_WRITE');
    const r = spawnSync(process.execPath, [CLI, 'ingest', fromRoot('data', 'bench_runner'), '--db', db, '--wait', '1'], { encoding: 'utf8' });
    expect(r.status).toBe(75);
    expect(r.stderr.match(/waiting for the store/g)).toHaveLength(1);
    expect(r.stderr).toContain(`held by PID ${holder.pid}`);
    expect(r.stderr).not.toMatch(/internal error/);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(checksum(db)).toBe(before);
  });

  it('a reader waits for a writer and goes on once it lets go', async () => {
    const db = storeCopy();
    const holder = await holdStore(db, 'READ_WRITE');
    // The holder lets go only once the reader says it waits: no race with a loaded machine.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'runs', '--db', db, '--format', 'csv', '--wait', '60']);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => { stdout += d; });
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('waiting for the store')) holder.kill('SIGKILL');
      });
      child.on('exit', (status) => resolve({ status, stdout, stderr }));
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`waiting for the store ${db} (held by PID ${holder.pid})`);
    expect(r.stdout.split('\n')[1]).toMatch(/^1,/);
  });

  it('readers share the store with other readers without waiting', async () => {
    const db = storeCopy();
    await holdStore(db, 'READ_ONLY');
    const r = pystats('runs', '--db', db, '--wait', '0', '--format', 'csv');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('lockHolder', () => {
  it("reads the PID from DuckDB's lock conflict and nothing from other errors", () => {
    const msg = 'IO Error: Could not set lock on file "/x/s.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242). See also …';
    expect(lockHolder(new Error(msg))).toBe(4242);
    expect(lockHolder(new Error('IO Error: Could not set lock on file "/x": Conflicting lock is held in /usr/bin/node by user root'))).toBeNull();
    expect(lockHolder(new Error('Catalog Error: Table with name runs does not exist!'))).toBeUndefined();
  });
});
