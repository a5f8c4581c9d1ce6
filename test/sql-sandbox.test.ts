/**
 * Issue 17, finding 1: read-only `sql` can only read. Each probe of the issue is retried
 * exactly as it was filed, over a store file (--db, opened READ_ONLY) and over a lake (an
 * in-memory DuckDB confined to the lake's directory), and every file is byte-identical after.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CLI, ingested, ok, pystats, SAMPLE } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

let filled: string;

/** sha256 of every file under a path (a file or a directory), by relative name. */
function digest(path: string): string {
  const h = createHash('sha256');
  const walk = (p: string, rel: string) => {
    if (!existsSync(p)) return;
    const entries = readdirSync(p, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(p, e.name);
      if (e.isDirectory()) walk(full, `${rel}/${e.name}`);
      else h.update(`${rel}/${e.name}\0`).update(readFileSync(full));
    }
  };
  if (statSync(path).isDirectory()) walk(path, '');
  else h.update(readFileSync(path));
  return h.digest('hex');
}

/** A directory with a copy of the sample store as S.duckdb, another as other.duckdb, and a lake. */
function workspace(): { dir: string; db: string; other: string; lake: string } {
  const dir = tempDir('pystats-sandbox-');
  const db = join(dir, 'S.duckdb');
  const other = join(dir, 'other.duckdb');
  copyFileSync(filled, db);
  copyFileSync(filled, other);
  const lake = join(dir, 'lake');
  ok('lake', 'export', '--db', db, '--out', lake);
  return { dir, db, other, lake };
}

function refused(args: string[], why: RegExp): void {
  const r = pystats(...args);
  expect(r.status, `${args.join(' ')}: ${r.stdout}`).toBe(1);
  expect(r.stderr).toMatch(why);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

beforeAll(() => {
  filled = ingested([SAMPLE[0]], 'filled.duckdb');
});

describe('read-only sql over --db', () => {
  it('COPY … TO the store itself does not overwrite it (was: replaced by 4 bytes, exit 0)', () => {
    const w = workspace();
    const before = digest(w.db);
    const r = pystats('sql', `COPY (SELECT 1) TO '${w.db}' (FORMAT csv)`, '--db', w.db);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/read-only.*COPY.*--write/);
    expect(digest(w.db)).toBe(before);
    // The same from the store's own directory, with the relative name of the report.
    const rel = spawnSync(process.execPath, [CLI, 'sql', "COPY (SELECT 1) TO 'S.duckdb' (FORMAT csv)", '--db', 'S.duckdb'], { cwd: w.dir, encoding: 'utf8' });
    expect(rel.status, rel.stderr).toBe(1);
    expect(digest(w.db)).toBe(before);
  });

  it('ATTACH another store READ_WRITE and DROP its table changes nothing, alone or as a second statement', () => {
    const w = workspace();
    const before = digest(w.other);
    refused(['sql', `ATTACH '${w.other}' AS o (READ_WRITE); DROP TABLE o.run_counters`, '--db', w.db], /2 statements.*nothing was run/);
    refused(['sql', `ATTACH '${w.other}' AS o (READ_WRITE)`, '--db', w.db], /read-only.*ATTACH/);
    expect(digest(w.other)).toBe(before);
    expect(ok('sql', 'SELECT count(*) AS n FROM run_counters', '--db', w.other, '--format', 'csv')).not.toBe('n\n0\n');
  });

  it('no file written, no extension installed or loaded, no setting changed back, nothing outside read', () => {
    const w = workspace();
    const before = digest(w.db);
    const out = join(w.dir, 'exported');
    refused(['sql', `EXPORT DATABASE '${out}'`, '--db', w.db], /read-only.*EXPORT|file system operations are disabled/);
    refused(['sql', 'INSTALL httpfs', '--db', w.db], /read-only.*LOAD/);
    refused(['sql', 'LOAD parquet', '--db', w.db], /read-only.*LOAD/);
    refused(['sql', 'SET enable_external_access = true', '--db', w.db], /read-only.*SET/);
    refused(['sql', 'RESET lock_configuration', '--db', w.db], /read-only.*SET/);
    refused(['sql', `EXPLAIN ANALYZE COPY (SELECT 1) TO '${w.db}'`, '--db', w.db], /read-only.*EXPLAIN/);
    // A SELECT may not reach outside the store either (DuckDB's own external-access lock).
    refused(['sql', "SELECT * FROM read_csv('/etc/hostname')", '--db', w.db], /file system operations are disabled/);
    expect(existsSync(out)).toBe(false);
    expect(digest(w.db)).toBe(before);
    // What it may do: read, explain, describe.
    expect(ok('sql', 'SELECT count(*) AS n FROM runs', '--db', w.db, '--format', 'csv')).toBe('n\n1\n');
    expect(ok('sql', 'EXPLAIN SELECT * FROM counters', '--db', w.db)).toMatch(/physical_plan|PROJECTION|SEQ_SCAN|TABLE_SCAN/i);
    expect(ok('sql', 'DESCRIBE runs', '--db', w.db)).toMatch(/content_hash/);
  });

  it('--write still writes, one statement at a time', () => {
    const w = workspace();
    expect(ok('sql', 'CREATE TABLE notes AS SELECT 1 AS x', '--db', w.db, '--write')).toBeDefined();
    refused(['sql', 'CREATE TABLE a (x INT); CREATE TABLE b (x INT)', '--db', w.db, '--write'], /2 statements/);
    expect(ok('sql', 'SELECT x FROM notes', '--db', w.db, '--format', 'csv')).toBe('x\n1\n');
  });
});

describe('read-only sql over --lake', () => {
  it("ATTACH a store and DROP its table: refused, the store unchanged (was: the table dropped)", () => {
    const w = workspace();
    const before = digest(w.db);
    refused(['sql', `ATTACH '${w.db}' AS s; DROP TABLE s.run_counters`, '--lake', w.lake], /2 statements/);
    refused(['sql', `ATTACH '${w.db}' AS s`, '--lake', w.lake], /read-only.*ATTACH/);
    expect(digest(w.db)).toBe(before);
  });

  it('a committed lake file cannot be overwritten, nor a file added to the lake', () => {
    const w = workspace();
    const before = digest(w.lake);
    const runsFile = join(w.lake, 'runs', readdirSync(join(w.lake, 'runs'))[0]);
    refused(['sql', `COPY (SELECT 1 AS x) TO '${runsFile}' (FORMAT parquet)`, '--lake', w.lake], /read-only.*COPY/);
    refused(['sql', `COPY (SELECT 1 AS x) TO '${join(w.lake, 'x.csv')}'`, '--lake', w.lake], /read-only.*COPY/);
    refused(['sql', `ATTACH '${join(w.lake, 'new.duckdb')}' AS n`, '--lake', w.lake], /read-only.*ATTACH/);
    refused(['sql', 'CREATE TABLE t AS SELECT 1', '--lake', w.lake], /read-only.*CREATE/);
    expect(digest(w.lake)).toBe(before);
    // Only the lake's own files may be read.
    refused(['sql', `SELECT * FROM read_csv('${join(w.dir, '..', 'x.csv')}')`, '--lake', w.lake], /file system operations are disabled/);
    expect(ok('sql', `SELECT count(*) AS n FROM read_parquet('${runsFile}')`, '--lake', w.lake, '--format', 'csv')).toBe('n\n1\n');
  });

  it('--write is refused over a lake', () => {
    const w = workspace();
    refused(['sql', 'CREATE TABLE t AS SELECT 1', '--lake', w.lake, '--write'], /lake is written only by 'pystats lake export'/);
  });
});
