/**
 * Property-based fuzzing of ingest with damaged copies of real inputs (the 3.13.5 raw
 * files, the published summarize JSONs). For every case, either the run is stored with
 * exactly the counters the reference's rules give (test/helpers/reference-rules.ts works
 * them out from the bytes, in BigInt), or it fails with an error naming the file (and
 * line), nothing of it is stored and every table's checksum is unchanged. Never a throw,
 * a hang or an "internal error".
 *
 * Seeded: PYSTATS_FUZZ_SEED picks another seed, PYSTATS_FUZZ_RUNS scales the case count
 * (default 1; 10 runs ten times as many cases). Most cases go through the in-process
 * ingest with one shared store and parse pool; a few go through the built CLI for its exit
 * codes and messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ingest } from '../pipeline/load/ingest.js';
import { ParsePool } from '../pipeline/load/worker-pool.js';
import { openStore, type Store } from '../pipeline/store/store.js';
import { fromRoot } from '../pipeline/package-root.js';
import { CPY, publishedJsonFiles } from './helpers/fixtures.js';
import { runCounters, tempDir } from './helpers/store.js';
import { tableChecksums } from './helpers/checksums.js';
import { jsonRunVerdict, rawRunVerdict, type RunVerdict } from './helpers/reference-rules.js';
import {
  applyJson, applyRaw, jsonMutation, rawMutation, JSON_KEYS, JSON_VALUES, META_KEYS, META_VALUES, ODD_KEYS, ODD_VALUES,
  type JsonMutation, type RawMutation,
} from './helpers/mutations.js';

const SEED = Number(process.env.PYSTATS_FUZZ_SEED ?? 20_250_611);
const SCALE = Number(process.env.PYSTATS_FUZZ_RUNS ?? 1);
const CLI = fromRoot('dist', 'cli', 'main.js');

/** Real raw files: the three single-process ones and a few of the mixed directory's. */
const RAW_BASES = [
  ...['raw-single-floats', 'raw-single-coroutines', 'raw-single-generators'].map((d) => join(CPY, d, readdirSync(join(CPY, d))[0])),
  ...readdirSync(join(CPY, 'raw-mixed')).sort().slice(0, 5).map((f) => join(CPY, 'raw-mixed', f)),
].map((path) => readFileSync(path));

/**
 * Real summarize JSONs: the small published per-benchmark ones (25 KB), a 3.13.5 one and
 * the 3.12 one (numeric opcode keys); smallest first, base 0 being the palettes' base.
 */
const JSON_BASES = [
  ...publishedJsonFiles().filter((f) => statSync(f).size < 30_000 || f.includes('3.12.0b3')),
  join(CPY, 'single-floats.json'),
].sort((a, b) => statSync(a).size - statSync(b).size).map((path) => ({ name: basename(path), bytes: readFileSync(path) }));

interface RawCase { kind: 'raw'; files: Array<{ base: number; mutations: RawMutation[] }> }
interface JsonCase { kind: 'json'; base: number; mutations: JsonMutation[] }
type Case = RawCase | JsonCase;

const rawCase: fc.Arbitrary<RawCase> = fc.record({
  kind: fc.constant('raw' as const),
  files: fc.tuple(
    fc.record({ base: fc.nat(), mutations: fc.array(rawMutation, { minLength: 1, maxLength: 3 }) }),
    fc.array(fc.record({ base: fc.nat(), mutations: fc.array(rawMutation, { maxLength: 1 }) }), { maxLength: 2 }),
  ).map(([first, rest]) => [first, ...rest]),
});

const jsonCase: fc.Arbitrary<JsonCase> = fc.record({
  kind: fc.constant('json' as const),
  base: fc.nat(),
  mutations: fc.array(jsonMutation, { minLength: 1, maxLength: 3 }),
});

/** A case on disk: what to ingest, the files in visit order, and the verdict the rules give. */
interface Materialized {
  kind: 'raw' | 'json';
  input: string;
  files: string[];
  orderFile: string | null;
  verdict: RunVerdict;
  cleanup: () => void;
}

function materialize(c: Case): Materialized {
  const { kind, contents, name } = mutated(c);
  return onDisk(kind, contents, name);
}

/** The case's file contents: its base files with its mutations applied. */
function mutated(c: Case): { kind: 'raw' | 'json'; contents: Buffer[]; name?: string } {
  if (c.kind === 'json') {
    const base = JSON_BASES[c.base % JSON_BASES.length];
    return { kind: 'json', contents: [c.mutations.reduce(applyJson, base.bytes)], name: base.name };
  }
  return { kind: 'raw', contents: c.files.map((f) => f.mutations.reduce(applyRaw, RAW_BASES[f.base % RAW_BASES.length])) };
}

function verdictOf(c: Case): RunVerdict {
  const { kind, contents } = mutated(c);
  return kind === 'json' ? jsonRunVerdict(contents[0]) : rawRunVerdict(contents);
}

/** A JSON file (named `name`), or a raw directory of files visited in the order given. */
function onDisk(kind: 'raw' | 'json', contents: Buffer[], name = 'input.json'): Materialized {
  const dir = tempDir('pystats-fuzz-');
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  if (kind === 'json') {
    const file = join(dir, name);
    writeFileSync(file, contents[0]);
    return { kind, input: file, files: [file], orderFile: null, verdict: jsonRunVerdict(contents[0]), cleanup };
  }
  const run = join(dir, 'run');
  mkdirSync(run);
  const names = contents.map((_, i) => `process-${i}.txt`);
  contents.forEach((bytes, i) => writeFileSync(join(run, names[i]), bytes));
  // The visit order is the rules' order: an order file fixes it (readdir's is the file system's).
  const orderFile = join(dir, 'order.txt');
  writeFileSync(orderFile, names.join('\n'));
  return { kind, input: run, files: names.map((n) => join(run, n)), orderFile, verdict: rawRunVerdict(contents), cleanup };
}

/** One case applying the mutations of all of `cases` (of one kind, on base 0), in order. */
function merged(cases: Case[]): Case {
  if (cases[0].kind === 'json') {
    return { kind: 'json', base: 0, mutations: cases.flatMap((c) => (c as JsonCase).mutations) };
  }
  return { kind: 'raw', files: [{ base: 0, mutations: cases.flatMap((c) => (c as RawCase).files[0].mutations) }] };
}

/** How an error about the failing file must start: the file, and the line when the rules know it. */
function errorPattern(m: Materialized, v: RunVerdict & { ok: false }): RegExp {
  const file = escapeRegExp(m.files[v.file]);
  if (v.syntax) return new RegExp(`^${file}:\\d+: malformed JSON`);
  return new RegExp(`^${file}${v.line === null ? '' : `:${v.line}`}: \\S`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const tally = { tried: 0, passed: 0, stored: 0, refused: 0, cli: 0 };

afterAll(() => {
  console.log(
    `fuzz (seed ${SEED}): ${tally.tried} cases tried, ${tally.passed} passed ` +
    `(${tally.stored} stored, ${tally.refused} refused), ${tally.cli} of them through the CLI`,
  );
});

describe('fuzzed inputs: stored exactly as the rules say, or refused with nothing stored', () => {
  let store: Store;
  let pool: ParsePool;
  /** The store's checksums, while no case has stored anything since they were taken. */
  let checksums: Record<string, string> | null = null;

  beforeAll(async () => {
    store = await openStore(join(tempDir(), 'fuzz.duckdb'));
    pool = new ParsePool(1);
    // Earlier runs for the checksums to protect: a real raw run and a real JSON (small: every
    // refused case checksums the whole store twice).
    const first = await ingest(store, [join(CPY, 'raw-single-floats'), join(CPY, 'mixed.json')], {}, pool);
    expect(first.added).toBe(2);
  });

  afterAll(async () => {
    store?.close();
    await pool?.close();
  });

  async function check(m: Materialized): Promise<void> {
    tally.tried++;
    try {
      const v = m.verdict;
      const before = v.ok ? null : (checksums ??= await tableChecksums(store.conn));
      const report = await ingest(store, [m.input], { orderFile: m.orderFile, onWarning: () => undefined }, pool);
      if (v.ok) {
        expect(report.errors).toEqual([]);
        // Skipped: the same content is stored already (a mutation that changed nothing).
        expect(report.added + report.skipped).toBe(1);
        expect(await runCounters(store, report.runIds[0])).toEqual(v.counters);
        if (m.kind === 'raw') {
          const files = (await store.conn.runAndReadAll(
            'SELECT line_count, problem_count FROM files WHERE run_id = $1 ORDER BY ord', [report.runIds[0]],
          )).getRows().map(([lines, problems]) => ({ lines, problems }));
          expect(files).toEqual(v.files);
        }
        checksums = null;
        tally.stored++;
      } else {
        expect(report).toMatchObject({ added: 0, skipped: 0, failed: 1 });
        expect(report.errors[0]).toMatch(errorPattern(m, v));
        expect(await tableChecksums(store.conn)).toEqual(before);
        tally.refused++;
      }
      tally.passed++;
    } finally {
      m.cleanup();
    }
  }

  it('raw files: cut short, flipped, re-encoded, odd keys and values', async () => {
    await fc.assert(fc.asyncProperty(rawCase, (c) => check(materialize(c))), { seed: SEED, numRuns: Math.round(40 * SCALE) });
  });

  it('summarize JSONs: cut short, flipped, re-encoded, odd and repeated keys, edge values, bad meta blocks', async () => {
    await fc.assert(fc.asyncProperty(jsonCase, (c) => check(materialize(c))), { seed: SEED, numRuns: Math.round(30 * SCALE) });
  });

  it('every odd key, value and meta block of the palettes (the random cases combine them)', async () => {
    // Each entry on a line (or counter) of its own. The entries the rules accept go into one
    // run per palette, checked counter by counter; each refused entry is a run of its own
    // (it would hide the others). Both are checked as any case is.
    const on = (i: number) => 3 + 11 * i;
    const palettes: Case[][] = [
      ODD_KEYS.map((key, i) => ({ kind: 'raw', files: [{ base: 0, mutations: [{ op: 'key', pick: on(i), key }] }] })),
      ODD_VALUES.map((value, i) => ({ kind: 'raw', files: [{ base: 0, mutations: [{ op: 'value', pick: on(i), value }] }] })),
      JSON_KEYS.map((key) => ({ kind: 'json', base: 0, mutations: [{ op: 'odd-key', key, value: '1' }] })),
      JSON_VALUES.map((value, i) => ({ kind: 'json', base: 0, mutations: [{ op: 'value', pick: on(i), value }] })),
    ];
    const alone: Case[] = [
      // The file count, and the meta blocks: the last of a repeated key wins, so one at a time.
      ...JSON_VALUES.filter((v) => /^-?\d+$/.test(v))
        .map((value): Case => ({ kind: 'json', base: 0, mutations: [{ op: 'meta', key: '__nfiles__', value }] })),
      ...META_VALUES.map((value, i): Case => ({ kind: 'json', base: 0, mutations: [{ op: 'meta', key: META_KEYS[i % META_KEYS.length], value }] })),
    ];
    for (const palette of palettes) {
      const accepted = palette.filter((c) => verdictOf(c).ok);
      const together = merged(accepted);
      expect(verdictOf(together).ok).toBe(true); // else an entry's effect would go unchecked
      alone.push(...palette.filter((c) => !accepted.includes(c)), together);
    }
    for (const c of alone) await check(materialize(c));
  });

  it('a 10 MB single line: unparsable, one huge key, one huge value, cut short; a JSON of one 10 MB number', async () => {
    const huge = 10 << 20;
    const x = 'x'.repeat(huge);
    for (const line of [`${x}\n`, `${x}: 1\n`, `k: ${'9'.repeat(huge)}\n`, x]) {
      await check(onDisk('raw', [RAW_BASES[0], Buffer.from(line)]));
    }
    await check(onDisk('json', [Buffer.from(`{"k": ${'9'.repeat(huge)}, "__nfiles__": 1}`)]));
  });
});

describe('fuzzed inputs through the CLI: exit code 0 or 1, the file named, never an internal error', () => {
  it('a sample of raw and JSON cases', async () => {
    const db = join(tempDir(), 'cli.duckdb');
    const seeded = spawnSync(process.execPath, [CLI, 'ingest', join(CPY, 'raw-single-floats'), '--db', db], { encoding: 'utf8' });
    expect(seeded.status).toBe(0);
    // Of each kind, one case the rules accept and one they refuse (per unit of scale).
    const each = Math.max(1, Math.round(SCALE));
    const pick = (arb: fc.Arbitrary<Case>, ok: boolean) => {
      const found = fc.sample(arb, { seed: SEED + 1, numRuns: 60 * each }).filter((c) => verdictOf(c).ok === ok).slice(0, each);
      expect(found.length).toBeGreaterThan(0);
      return found;
    };
    const cases = [rawCase, jsonCase].flatMap((arb) => [...pick(arb, true), ...pick(arb, false)]);
    let before: Record<string, string> | null = null;
    for (const c of cases) {
      tally.tried++;
      tally.cli++;
      const m = materialize(c);
      if (!m.verdict.ok) before ??= await checksumsOf(db);
      const args = [CLI, 'ingest', m.input, '--db', db, ...(m.orderFile ? ['--order', m.orderFile] : [])];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).not.toMatch(/internal error/);
      if (m.verdict.ok) {
        expect(r.status).toBe(0);
        before = null;
        tally.stored++;
      } else {
        expect(r.status).toBe(1);
        const line = r.stderr.split('\n').find((l) => l.startsWith('error: '))!;
        expect(line.slice('error: '.length)).toMatch(errorPattern(m, m.verdict));
        expect(line).toMatch(/ \(run .* not stored\)$/);
        expect(await checksumsOf(db)).toEqual(before);
        tally.refused++;
      }
      tally.passed++;
      m.cleanup();
    }
  });
});

async function checksumsOf(db: string): Promise<Record<string, string>> {
  const store = await openStore(db);
  try {
    return await tableChecksums(store.conn);
  } finally {
    store.close();
  }
}
