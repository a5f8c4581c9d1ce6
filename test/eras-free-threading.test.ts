/**
 * 3.15 eras: free-threaded builds' counters, tier-2 register variants, the 3.14.5 GC break.
 *
 * The raw directory in the 3.15 print format is made here from a real published 3.15 JSON
 * (e27d994, 2025-06-18, 20 processes; its specialized-instruction list is the bundled
 * 3.15 table's): one file prints every counter as Python/pystats.c print_stats does
 * (`    opcode[X].specialization.hit : N`, `Calls via PyEval_EvalFrame[i] : N`,
 * `Object …: N`), with print_ft_stats' three lines where a free-threaded build prints
 * them (after the GC and tier-2 stats, before the rare events); the other 19 files are
 * further threads' processes writing only those three lines.
 *
 * The expected report, derived by hand from 3.15's summarize_stats.py:
 *  - load_raw_data sums `key: value` over every file (key = the text before ':', stripped),
 *    so the counters are the JSON's, plus "Mutex sleeps (mutex_sleeps)", "QSBR polls
 *    (qsbr_polls)", "World stops (world_stops)" summed over the 20 files, and
 *    __nfiles__ = 20, as the JSON's;
 *  - no section of the script reads those three keys (none starts with "Object", "GC[",
 *    "Rare event", "Calls", "Optimization", …; they are printed nowhere), so the report is
 *    the report of the JSON, byte for byte;
 *  - --json-output keeps first-appearance order: the three keys sit just before
 *    "Rare event (set_class)".
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED } from './helpers/fixtures.js';
import { ok, pystats } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';
import { KNOWN_BREAKS, markBreaks } from '../pipeline/trend/breaks.js';
import { FT_MERGE_CAVEAT } from '../pipeline/runs/free-threading.js';
import type { TrendSeries } from '../pipeline/trend/series.js';

const R = join(PUBLISHED, 'benchmarking-public', 'results');
const JSON_315 = join(R, 'bm-20250618-3.15.0a0-e27d994', 'bm-20250618-azure-x86_64-faster%2dcpython-specialize_for_compa-3.15.0a0-e27d994-pystats-coroutines.json');
const UOPS_313 = join(R, 'bm-20240416-3.13.0a6+-acf69e0-PYTHON_UOPS', 'bm-20240416-azure-x86_64-python-acf69e09c66f8473399f-3.13.0a6+-acf69e0-pystats.json');
const GC_314 = [
  join(R, 'bm-20250207-3.14.0a4+-a3d5aab', 'bm-20250207-azure-x86_64-python-a3d5aab9a89e311cded9-3.14.0a4+-a3d5aab-pystats-coroutines.json'),
  join(R, 'bm-20250322-3.14.0a6+-bc26f95', 'bm-20250322-azure-x86_64-python-bc26f95e8ff60ccca981-3.14.0a6+-bc26f95-pystats-coroutines.json'),
  join(R, 'bm-20250423-3.14.0a7+-5f50541', 'bm-20250423-azure-x86_64-python-5f50541ebd420a2d21a2-3.14.0a7+-5f50541-pystats-coroutines.json'),
];

/** Per process: mutex sleeps, QSBR polls, world stops. */
const FT = [
  ['Mutex sleeps (mutex_sleeps)', (i: number) => [3, 0, 1][i % 3]],
  ['QSBR polls (qsbr_polls)', (i: number) => [11, 2, 5][i % 3]],
  ['World stops (world_stops)', (i: number) => [4, 1, 1][i % 3]],
] as const;
const FT_SUMS = FT.map(([, f]) => Array.from({ length: 20 }, (_, i) => f(i)).reduce((a, b) => a + b, 0));

/** A counter line as Python/pystats.c prints it. */
function printLine(key: string, value: string): string {
  if (/^opcode\[[^\]]+\]\.(specialization\.|execution_count)/.test(key)) return `    ${key} : ${value}`;
  if (/^(opcode|uops?|unsupported_opcode|error_in_opcode)\[|^Calls via PyEval_EvalFrame\[/.test(key)) return `${key} : ${value}`;
  return `${key}: ${value}`;
}

/** The JSON's counters (raw text kept, so no number is rounded) in its key order. */
function jsonCounters(path: string): Array<[string, string]> {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/^ {2}"([^"]+)": (\d+),?$/gm)].map((m) => [m[1], m[2]] as [string, string]).filter(([k]) => k !== '__nfiles__');
}

let rawDir = '';
let orderFile = '';

beforeAll(() => {
  const work = tempDir('pystats-ft-');
  rawDir = join(work, 'raw-3.15-ft');
  mkdirSync(rawDir);
  const lines: string[] = [];
  for (const [key, value] of jsonCounters(JSON_315)) {
    if (key === 'Rare event (set_class)') for (const [name, f] of FT) lines.push(`${name}: ${f(0)}`);
    lines.push(printLine(key, value));
  }
  const names = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}.txt`);
  writeFileSync(join(rawDir, names[0]), lines.join('\n') + '\n');
  for (let i = 1; i < 20; i++) writeFileSync(join(rawDir, names[i]), FT.map(([name, f]) => `${name}: ${f(i)}\n`).join(''));
  // The script visits files in directory order; the process with every counter first.
  orderFile = join(work, 'order.txt');
  writeFileSync(orderFile, names.join('\n'));
});

describe('a raw 3.15 directory of a free-threaded build', () => {
  it('summarize prints the report of the JSON its files sum to (the FT lines are in no section)', () => {
    const fromRaw = ok('summarize', rawDir, '--order', orderFile, '--date', '2025-06-19');
    expect(fromRaw).toBe(ok('summarize', JSON_315, '--date', '2025-06-19'));
    expect(fromRaw).not.toMatch(/Mutex|QSBR|World stops/);
  });

  it('--json-output sums the FT counters and keeps them before the rare events', () => {
    const out = join(tempDir(), 'out.json');
    ok('summarize', rawDir, '--order', orderFile, '--date', '2025-06-19', '--json-output', out);
    // The script's json.dump: one line, keys in first-appearance order.
    const keys = [...readFileSync(out, 'utf8').matchAll(/"([^"]+)": (\d+)(?=[,}])/g)].map((m) => [m[1], m[2]]);
    const at = keys.findIndex(([k]) => k === 'Rare event (set_class)');
    expect(keys.slice(at - 3, at)).toEqual(FT.map(([name], i) => [name, String(FT_SUMS[i])]));
    expect(FT_SUMS).toEqual([27, 121, 41]);
    const expected = jsonCounters(JSON_315);
    expect(keys.filter(([k]) => !FT.some(([n]) => n === k) && k !== '__nfiles__' && !/^\d+$/.test(k))).toEqual(expected);
    expect(keys.find(([k]) => k === '__nfiles__')).toEqual(['__nfiles__', '20']);
  });

  it('ingest: key_parts puts the FT counters in family free_threading; runs marks the build and its caveat', () => {
    const db = join(tempDir(), 'store.duckdb');
    ok('ingest', rawDir, '--order', orderFile, '--db', db, '--quiet', '--fork', 'python', '--ref', 'main',
      '--commit', 'e27d994', '--commit-date', '2025-06-18', '--python-version', '3.15.0a0');
    const parts = ok('sql', "SELECT family, name, key FROM key_parts WHERE family = 'free_threading' ORDER BY name", '--db', db, '--format', 'csv');
    expect(parts.trim().split('\n').slice(1)).toEqual([
      'free_threading,mutex_sleeps,Mutex sleeps (mutex_sleeps)',
      'free_threading,qsbr_polls,QSBR polls (qsbr_polls)',
      'free_threading,world_stops,World stops (world_stops)',
    ]);
    const [run] = JSON.parse(ok('runs', '--db', db, '--format', 'json')) as Array<Record<string, unknown>>;
    expect(run.free_threaded).toBe(true);
    expect(run.caveat).toMatch(/last thread's count.*PR #155069/);
    // The report stays the script's; the caveat goes to stderr.
    const r = pystats('report', String(run.run_id), '--db', db, '--date', '2025-06-19', '--header', 'false');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(ok('summarize', JSON_315, '--date', '2025-06-19'));
    expect(r.stderr).toMatch(/run 1 is a free-threaded build; .*PR #155069/);
    // A default build's run has neither.
    ok('ingest', JSON_315, '--db', db, '--quiet');
    const runs = JSON.parse(ok('runs', '--db', db, '--format', 'json')) as Array<Record<string, unknown>>;
    expect(runs.map((x) => [x.free_threaded, x.caveat === null])).toEqual([[true, false], [false, true]]);
    // The trend metric, one line per counter.
    const csv = ok('trend', 'ft', '--db', db, '--format', 'csv', '--flags', '', '--fork', 'python', '--method', 'none');
    expect(csv).toContain('mutex_sleeps');
    expect(csv).toMatch(/,27,/);
    expect(csv).toMatch(/,121,/);
    // Every point of a build before the merge fix carries the caveat, in every format.
    const md = ok('trend', 'ft:world_stops', '--db', db, '--flags', '', '--fork', 'python', '--method', 'none');
    expect(md).toMatch(/\| 3\.15\.0a0 † \|/);
    expect(md).toContain(`† caveat: ${FT_MERGE_CAVEAT}.`);
    const rows = csv.trim().split('\n').slice(1);
    expect(rows.every((l) => l.endsWith(`,"${FT_MERGE_CAVEAT}"`))).toBe(true); // quoted: it holds commas
    expect(ok('trend', 'instructions', '--db', db, '--method', 'none')).not.toContain('†');
  });
});

describe('tier-2 register variants (3.15) and the per-uop trend', () => {
  it('key_parts.base_uop folds _r01/_r12 into the uop, and uop.count is continuous across the split', () => {
    const work = tempDir('pystats-uops-');
    const db = join(work, 'store.duckdb');
    ok('ingest', UOPS_313, '--db', db, '--quiet');
    // A 3.15-style process: _LOAD_FAST split by register variant (made here; no such
    // published file is held). The sum equals the 3.13 run's count, so the series is flat.
    const total = BigInt(/"uops\[_LOAD_FAST\]\.execution_count": (\d+)/.exec(readFileSync(UOPS_313, 'utf8'))![1]);
    const third = total / 3n;
    const dir = join(work, 'raw-3.15-uops');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), [
      `uops[_LOAD_FAST_r01].execution_count : ${total - third}`,
      `uops[_LOAD_FAST_r12].execution_count : ${third}`,
      `uop[_LOAD_FAST_r01].pair_count[_POP_TOP_r10] : 5`,
    ].join('\n') + '\n');
    ok('ingest', dir, '--db', db, '--quiet', '--fork', 'python', '--commit', 'abc1234', '--commit-date', '2026-01-10',
      '--python-version', '3.15.0a5', '--flags', 'PYTHON_UOPS', '--benchmark', 'all', '--machine', 'x86_64');
    const parts = ok('sql', "SELECT DISTINCT name, base_uop FROM key_parts WHERE name LIKE '_LOAD_FAST%' AND family IN ('uops', 'uop') ORDER BY name", '--db', db, '--format', 'csv');
    expect(parts).toContain('_LOAD_FAST_r01,_LOAD_FAST');
    expect(parts).toContain('_LOAD_FAST_r12,_LOAD_FAST');
    expect(parts).toContain('_LOAD_FAST_0,_LOAD_FAST_0'); // 3.13's oparg forms are uops of their own
    const csv = ok('trend', 'uop.count:_LOAD_FAST', '--db', db, '--format', 'csv', '--by', 'fork', '--method', 'none');
    const values = csv.trim().split('\n').slice(1).map((l) => l.split(',')[14]);
    expect(values).toEqual([total.toString(), total.toString()]);
    expect(pystats('trend', 'uop.count:_LOAD_FAST_r01', '--db', db).stderr).toMatch(/without a _r01 register suffix/);
  });
});

describe('the 3.14.5 GC revert as a known semantic break', () => {
  it('gc.collections marks the point where the version crosses 3.14.4 → 3.14.5; other metrics do not', () => {
    const db = join(tempDir(), 'store.duckdb');
    // Real 3.14 counters, stored under the versions either side of the revert.
    const versions = ['3.14.3', '3.14.4', '3.14.5'];
    GC_314.forEach((f, i) => ok('ingest', f, '--db', db, '--quiet', '--python-version', versions[i]));
    const md = ok('trend', 'gc.collections:0', '--db', db, '--method', 'none');
    const rows = md.split('\n').filter((l) => /^\| 2025-/.test(l));
    expect(rows.map((l) => l.includes('‡'))).toEqual([false, false, true]);
    expect(rows[2]).toContain('3.14.5 ‡');
    expect(md).toContain(`‡ semantic break: ${KNOWN_BREAKS[0].text}.`);
    const json = JSON.parse(ok('trend', 'gc.collections:0', '--db', db, '--format', 'json', '--method', 'none')) as
      { series: Array<{ points: Array<{ semantic_break: string | null }> }> };
    expect(json.series[0].points.map((p) => p.semantic_break !== null)).toEqual([false, false, true]);
    expect(ok('trend', 'instructions', '--db', db, '--method', 'none')).not.toContain('‡');
  });

  it('only a crossing within the 3.14 series counts, in either direction', () => {
    const point = (v: string[]) => ({ pythonVersions: v }) as never;
    const series = [{ points: [point(['3.13.5']), point(['3.14.4']), point(['3.15.0a1']), point(['3.14.6']), point(['3.14.2'])] }] as unknown as TrendSeries[];
    markBreaks(series, 'gc.collections', 'gc.collections');
    expect(series[0].points.map((p) => p.semanticBreak ?? null)).toEqual([null, null, null, KNOWN_BREAKS[0].text, KNOWN_BREAKS[0].text]);
  });
});
