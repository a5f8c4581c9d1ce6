/**
 * The fuzz suite's second half (issue 17): the commands' options, not the inputs. Seeded
 * random command lines over a real store and its lake: option values from a palette of
 * hostile ones (control characters, NULL-looking words, 300-byte and CJK names, impossible
 * dates, numbers that are not, paths that are a text file, a directory, /proc, /dev/full).
 * Every command must end within its time with exit 0 or 1, one clear line on failure,
 * never "internal error" or a stack, and the store and lake must be byte-identical after
 * (nothing that reads may write). PYSTATS_FUZZ_SEED / PYSTATS_FUZZ_RUNS as in ingest-fuzz.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ingested, ok, SAMPLE } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

const SEED = Number(process.env.PYSTATS_FUZZ_SEED ?? 20_250_611);
const SCALE = Number(process.env.PYSTATS_FUZZ_RUNS ?? 1);

let db: string;
let lake: string;
let work: string;

function digest(path: string): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else h.update(p).update(readFileSync(p));
  };
  walk(path);
  return h.digest('hex');
}

beforeAll(() => {
  db = ingested([SAMPLE[0]], 'fuzz.duckdb');
  work = tempDir('pystats-optfuzz-');
  lake = join(work, 'lake');
  ok('lake', 'export', '--db', db, '--out', lake);
  writeFileSync(join(work, 'notes.txt'), 'not a store\n');
  mkdirSync(join(work, 'adir'));
});

const TEXT = fc.constantFrom(
  '', 'python', 'NULL', 'null', '__HIVE_DEFAULT_PARTITION__', 'x'.repeat(300), '漢'.repeat(40),
  'ev\u001b[2Jil', 'bell\u0007', 'cr\rlf\n', "quote'\"", '../../etc/passwd', '-1', 'NaN', '1e309', '%00', '*',
);
const DATE = fc.constantFrom('2024-02-30', '99999-01-01', '<b>', '2024-13-45', '2024-02-29', '2023-06-19', '', 'abc', '0000-00-00');
const NUMBER = fc.constantFrom('abc', '-1', '0', '1e309', 'NaN', '0.5', '');
const PATHS = (): string[] => [db, lake, join(work, 'notes.txt'), join(work, 'adir'), '/proc/nope/x.duckdb', '/dev/full', join(work, 'missing.duckdb')];

/** A random command line, and whether it reads (so must leave every file as it was). */
const commandLine = fc.oneof(
  fc.tuple(fc.constantFrom('runs', 'trend'), fc.constantFrom('--fork', '--benchmark', '--flags', '--machine'), TEXT, fc.nat(6))
    .map(([cmd, opt, v, p]) => (cmd === 'runs' ? ['runs', opt, v] : ['trend', 'instructions', opt, v]).concat(p % 2 ? ['--lake', lake] : ['--db', db])),
  fc.tuple(fc.constantFrom('runs', 'trend instructions', 'site'), fc.constantFrom('--since', '--until'), DATE)
    .map(([cmd, opt, v]) => [...cmd.split(' '), opt, v, '--db', db, ...(cmd === 'site' ? ['-o', join(work, 'never')] : [])]),
  fc.tuple(fc.constantFrom('runs', 'export-json 1', 'report 1', 'sql SELECT 1'), fc.nat(6), NUMBER)
    .map(([cmd, p, wait]) => [...cmd.split(' ').slice(0, cmd.startsWith('sql') ? 1 : 2), ...(cmd.startsWith('sql') ? ['SELECT 1'] : []), '--db', PATHS()[p], '--wait', wait]),
  fc.tuple(fc.constantFrom('export-json', 'report'), TEXT).map(([cmd, run]) => [cmd, run, '--db', db]),
  fc.tuple(TEXT, fc.boolean()).map(([q, overLake]) => ['sql', q, ...(overLake ? ['--lake', lake] : ['--db', db])]),
  fc.tuple(fc.nat(6)).map(([p]) => ['runs', '--lake', PATHS()[p]]),
  fc.tuple(fc.nat(6)).map(([p]) => ['lake', 'verify', PATHS()[p]]),
  fc.tuple(fc.constantFrom('--fork', '--ref', '--commit', '--python-version', '--machine', '--benchmark', '--flags', '--commit-date'), fc.oneof(TEXT, DATE))
    .map(([opt, v]) => ['ingest', SAMPLE[0], '--db', join(work, 'ingested.duckdb'), '--quiet', opt, v]),
);

describe('fuzzed command options: exit 0 or 1, one clear line, nothing written by a reader', () => {
  it('random command lines over a real store and lake', () => {
    const cases = fc.sample(commandLine, { seed: SEED, numRuns: Math.round(40 * SCALE) });
    const before = { db: digest(db), lake: digest(lake) };
    for (const args of cases) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, TZ: 'UTC' } });
      const what = `pystats ${JSON.stringify(args)}: ${r.stderr}`;
      expect(r.error, what).toBeUndefined();
      expect([0, 1], what).toContain(r.status);
      expect(r.stderr, what).not.toMatch(/internal error|\n\s+at /);
      // The error's line (an SQL error may go on with DuckDB's pointer under the query).
      if (r.status === 1) expect(r.stderr, what).toMatch(/^pystats: \S/m);
      expect(digest(db), what).toBe(before.db);
      expect(digest(lake), what).toBe(before.lake);
    }
  }, 1_200_000);
});
