/**
 * Issue 17, findings 5 (medium and low), each retried as filed: a bad --db, --lake, --wait
 * or date, a full disk under lake export, control characters in stored metadata, a tree's
 * raw directories, a run of 1,000,000 distinct keys. Every bad case: one line naming the
 * path and the cause, exit 1, never "internal error", nothing written.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ingested, ok, pystats, SAMPLE } from './helpers/lake.js';
import { CPY } from './helpers/fixtures.js';
import { tempDir } from './helpers/store.js';

let filled: string;

beforeAll(() => {
  filled = ingested([SAMPLE[0]], 'filled.duckdb');
});

function clearFailure(args: string[], message: RegExp, timeout = 60_000): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout });
  expect(r.error, `pystats ${args.join(' ')} did not finish`).toBeUndefined();
  expect(r.status, `pystats ${args.join(' ')}: ${r.stderr}`).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('a bad --db', () => {
  it('a text file, a directory, /dev/full, a truncated or damaged store: the path and the cause, exit 1', () => {
    const dir = tempDir('pystats-baddb-');
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n');
    const directory = join(dir, 'adir');
    mkdirSync(directory);
    const truncated = join(dir, 'truncated.duckdb');
    copyFileSync(filled, truncated);
    truncateSync(truncated, Math.floor(readFileSync(truncated).length / 2));
    for (const cmd of [['runs'], ['ingest', SAMPLE[0], '--quiet']]) {
      clearFailure([...cmd, '--db', text], /cannot open the store .*notes\.txt: not a DuckDB store file/);
      clearFailure([...cmd, '--db', directory], /cannot open the store .*adir: it is a directory, not a store file/);
      clearFailure([...cmd, '--db', truncated], /(damaged or truncated|not a DuckDB store).*truncated\.duckdb|truncated\.duckdb.*(damaged or truncated|not a DuckDB store)/);
      clearFailure([...cmd, '--db', join(text, 'x.duckdb')], /notes\.txt (is not a directory|.*no store)|no store at .*notes\.txt/);
    }
    clearFailure(['runs', '--db', '/dev/full'], /cannot open the store \/dev\/full: not a DuckDB store file/);
    clearFailure(['ingest', SAMPLE[0], '--quiet', '--db', '/dev/full'], /cannot open the store \/dev\/full: (no space left on device|not a DuckDB store file)/);
    expect(readFileSync(text, 'utf8')).toBe('hello\n');
  });

  it('a store with damaged blocks: the query that meets them says so', () => {
    const damaged = join(tempDir('pystats-baddb-'), 'damaged.duckdb');
    const bytes = readFileSync(filled);
    // Every block after the header overwritten: whatever the command reads is damaged.
    for (let i = 12288; i < bytes.length; i += 4096) bytes.fill(0xa5, i + 8, i + 64);
    writeFileSync(damaged, bytes);
    const r = pystats('export-json', '1', '--db', damaged);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/damaged\.duckdb/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('/proc/nope/x.duckdb ends at once (was: 100 % CPU forever), to read and to write', () => {
    clearFailure(['runs', '--db', '/proc/nope/x.duckdb'], /no store at \/proc\/nope\/x\.duckdb/, 20_000);
    clearFailure(['ingest', SAMPLE[0], '--quiet', '--db', '/proc/nope/x.duckdb'], /cannot create the directory \/proc\/nope: /, 20_000);
    clearFailure(['lake', 'export', '--db', filled, '--out', '/proc/nope/lake'], /cannot create the directory \/proc\/nope: /, 20_000);
  });

  it('a permission-denied store file, and a directory that cannot be created', () => {
    const dir = tempDir('pystats-baddb-');
    spawnSync('chmod', ['755', dir]);
    const db = join(dir, 'closed.duckdb');
    copyFileSync(filled, db);
    spawnSync('chmod', ['600', db]);
    // Root may read anything: as root the CLI runs as nobody (setpriv), else as this user.
    const asOther = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    if (asOther.length === 0) spawnSync('chmod', ['000', db]);
    const run = (...args: string[]) => spawnSync(asOther[0] ?? process.execPath, [...asOther.slice(1), ...(asOther.length ? [process.execPath] : []), CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
    if (asOther.length && run('--version').status !== 0) return; // setpriv unavailable here
    for (const cmd of [['runs'], ['ingest', SAMPLE[0], '--quiet']]) {
      const r = run(...cmd, '--db', db);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toBe(`pystats: cannot open the store ${db}: permission denied\n`);
    }
    if (asOther.length) {
      const r = run('ingest', SAMPLE[0], '--quiet', '--db', '/root/pystats-nope/x.duckdb');
      expect(r.stderr).toBe('pystats: cannot create the directory /root/pystats-nope: permission denied\n');
    }
  });
});

describe('bad options', () => {
  it('--wait abc or -1 is refused at once (was: retried every millisecond forever)', () => {
    clearFailure(['runs', '--db', filled, '--wait', 'abc'], /--wait must be a number of seconds, 0 or more/, 20_000);
    clearFailure(['ingest', SAMPLE[0], '--db', filled, '--wait', '-1'], /--wait must be a number of seconds/, 20_000);
  });

  it('impossible dates at ingest and in --since are refused before anything is written', () => {
    const db = join(tempDir('pystats-dates-'), 'store.duckdb');
    for (const date of ['2024-02-30', '99999-01-01', '<b>', '2024-13-45', '2024-01-01T24:00:00+00:00']) {
      clearFailure(['ingest', SAMPLE[0], '--db', db, '--commit-date', date], /--commit-date must be a day of the calendar/);
      expect(existsSync(db)).toBe(false);
    }
    clearFailure(['trend', 'instructions', '--db', filled, '--since', '2024-13-45'], /--since must be YYYY-MM-DD, a day of the calendar; got "2024-13-45"/);
    clearFailure(['runs', '--db', filled, '--until', '2023-02-29'], /--until must be YYYY-MM-DD/);
    ok('ingest', SAMPLE[0], '--db', db, '--quiet', '--commit-date', '2024-02-29T23:59:59-05:00');
  });

  it('an input that is not there, or an order file that cannot be read, is refused before the store is touched', () => {
    // Ingest opens the store while it walks the inputs: these are checked before it does.
    const db = join(tempDir('pystats-bad-input-'), 'new', 'store.duckdb');
    clearFailure(['ingest', SAMPLE[0], '/nonexistent/pystats-input', '--db', db], /\/nonexistent\/pystats-input: no such file or directory/);
    clearFailure(['ingest', SAMPLE[0], '--order', '/nonexistent/order.txt', '--db', db], /\/nonexistent\/order.txt: cannot read the order file/);
    expect(existsSync(join(db, '..'))).toBe(false);
  });

  it('--lake on a directory that is not a lake is refused (was: empty results, exit 0)', () => {
    clearFailure(['runs', '--lake', tempDir('pystats-notlake-')], /no lake at .*it has no runs\/ folder: it is not a pystats lake/);
    clearFailure(['trend', 'instructions', '--lake', filled], /no lake at .*it is not a directory/);
  });
});

describe('what is stored', () => {
  it('control characters in stored metadata reach the terminal escaped (table), kept in CSV', () => {
    const db = join(tempDir('pystats-ctl-'), 'store.duckdb');
    ok('ingest', SAMPLE[0], '--db', db, '--quiet', '--fork', 'ev\u001b[2Jil\u0007\rX', '--ref', 'a\u009bb');
    const table = ok('runs', '--db', db);
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(table).toContain('ev\\x1b[2Jil\\x07\\rX');
    expect(table).toContain('a\\x9bb');
    expect(ok('trend', 'instructions', '--db', db)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(ok('runs', '--db', db, '--format', 'csv')).toContain('ev\u001b[2Jil\u0007\rX');
    // A report's header names the fork: escaped to the terminal, exact with -o.
    const json = join(tempDir('pystats-ctl-'), 'store.duckdb');
    const results = join(SAMPLE[1], 'benchmarking-public', 'results');
    const dir = join(results, readdirSync(results).sort()[0]);
    const published = join(dir, readdirSync(dir).filter((f) => f.endsWith('-pystats.json'))[0]);
    ok('ingest', published, '--db', json, '--quiet', '--fork', 'ev\u001b[2Jil');
    const report = ok('report', '1', '--db', json, '--date', '2024-01-01');
    expect(report).toContain('- fork: ev\\x1b[2Jil\n');
    expect(report).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const out = join(json, '..', 'report.md');
    ok('report', '1', '--db', json, '--date', '2024-01-01', '-o', out);
    expect(readFileSync(out, 'utf8')).toContain('- fork: ev\u001b[2Jil\n');
  });

  it('control characters quoted from the inputs reach the terminal escaped in warnings and errors too', () => {
    const dir = tempDir('pystats-ctl-warn-');
    const raw = join(dir, 'raw');
    mkdirSync(raw);
    // A real raw file with one unparsable line that carries ESC and BEL (a CR would end the
    // line: raw files are read with universal newlines, as the reference reads them).
    const lines = readFileSync(join(CPY, 'raw-single-floats', readdirSync(join(CPY, 'raw-single-floats'))[0]), 'utf8');
    writeFileSync(join(raw, 'a.txt'), `oops \u001b[2J\u0007bad\n${lines}`);
    const r = pystats('ingest', raw, '--db', join(dir, 'store.duckdb'));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("unparsable line 'oops \\x1b[2J\\x07bad' skipped");
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const bad = pystats('ingest', join(dir, 'no\u001b[2Jsuch'), '--db', join(dir, 'store.duckdb'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no\\x1b[2Jsuch');
    expect(bad.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("a tree's raw directory is read as when given directly: every regular file, not only *.txt", () => {
    const root = tempDir('pystats-tree-');
    const raw = join(root, 'archive', 'run-a');
    cpSync(join(CPY, 'raw-multi-floats'), raw, { recursive: true });
    // CPython names them *.txt; a copy may not: the reference reads every file of the directory.
    const names = readdirSync(raw).sort();
    renameSync(join(raw, names[0]), join(raw, 'stats-0'));
    mkdirSync(join(root, 'archive', 'other'));
    cpSync(join(CPY, 'multi-floats.json'), join(root, 'archive', 'other', 'x.json'));
    const fromTree = join(root, 'tree.duckdb');
    const direct = join(root, 'direct.duckdb');
    ok('ingest', join(root, 'archive'), '--db', fromTree, '--quiet');
    ok('ingest', raw, '--db', direct, '--quiet');
    const q = ['sql', 'SELECT content_hash, n_files FROM runs', '--format', 'csv'];
    expect(ok(...q, '--db', fromTree)).toBe(ok(...q, '--db', direct));
    expect(ok(...q, '--db', direct)).toMatch(new RegExp(`,${names.length}\\n$`));
  });

  it('a run of 1,000,000 distinct keys is stored, exactly (was: internal error)', () => {
    const dir = join(tempDir('pystats-keys-'), 'run');
    mkdirSync(dir);
    const lines: string[] = [];
    for (let i = 0; i < 1_000_000; i++) lines.push(`Object key ${String(i).padStart(7, '0')}: ${i + 1}`);
    writeFileSync(join(dir, 'big.txt'), `${lines.join('\n')}\n`);
    const db = join(dir, '..', 'store.duckdb');
    const r = pystats('ingest', dir, '--db', db, '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(ok('sql', "SELECT count(*) AS n, sum(value) AS s FROM run_counters WHERE key_id <> (SELECT key_id FROM keys WHERE key = '__nfiles__')", '--db', db, '--format', 'csv'))
      .toBe('n,s\n1000000,500000500000\n');
  }, 300_000);
});

describe('a full disk under lake export', () => {
  it('says which file and why, exit 1, and commits no batch', () => {
    if (process.getuid?.() !== 0) return; // mounting a small tmpfs needs root
    const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']);
    if (probe.status !== 0) return; // no private mount namespace here
    const mnt = tempDir('pystats-full-');
    const script = `mount -t tmpfs -o size=48k tmpfs '${mnt}' && '${process.execPath}' '${CLI}' lake export --db '${filled}' --out '${mnt}/lake'; echo "rc=$?"; ls '${mnt}/lake/runs' 2>/dev/null | wc -l`;
    const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8' });
    expect(r.stdout).toBe('rc=1\n0\n');
    expect(r.stderr).toMatch(/^pystats: cannot (read or write a file|write to the lake).*No space left on device|no space left on device/i);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
