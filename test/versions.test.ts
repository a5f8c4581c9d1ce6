/**
 * The bundled per-version tables (schemas/versions) against the real data they were
 * taken from, and the minor-version detector against every published run.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { decodeSummarizeJson, type DecodedSummarizeJson } from '../workers/decode/summarize-json.js';
import type { DefinesTable } from '../schemas/run-stats.js';
import {
  PYTHON_MINORS, detectMinorFromKeys, minorOf, versionMetadata, type PythonMinor,
} from '../schemas/versions/index.js';
import { OPCODES_NEW_IN_3_14, OPCODES_NEW_IN_3_15 } from '../schemas/versions/detect-minor.js';

const FIXTURES = fromRoot('test', 'fixtures');
const PUBLISHED = join(FIXTURES, 'published');
const CPY_3135 = join(FIXTURES, 'cpython-3.13.5');

interface PublishedJson { path: string; version: string; date: string; fork: string; benchmark: string }

/** The pystats JSON files of MANIFEST.tsv (repo, path, commit, bytes, sha256, kind, version, date, fork, benchmark). */
function publishedJsons(): PublishedJson[] {
  return readFileSync(join(PUBLISHED, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => line.split('\t'))
    .filter((c) => c[5] === 'pystats-json')
    .map((c) => ({ path: join(PUBLISHED, c[0].split('/')[1], c[1]), version: c[6], date: c[7], fork: c[8], benchmark: c[9] }));
}

const decoded = new Map<string, DecodedSummarizeJson>();
function load(path: string): DecodedSummarizeJson {
  let d = decoded.get(path);
  if (!d) decoded.set(path, (d = decodeSummarizeJson(readFileSync(path, 'utf8'))));
  return d;
}

function published(version: string, date: string): DecodedSummarizeJson {
  const found = publishedJsons().filter((p) => p.version === version && p.date === date);
  expect(found, `${version} ${date}`).toHaveLength(1);
  return load(found[0].path);
}

/** Opcode names a run's tier-1 keys mention (`opcode[A]`, `.pair_count[B]`). */
function opcodeNames(keys: string[]): Set<string> {
  const names = new Set<string>();
  for (const key of keys) {
    const m = /^opcode\[([A-Z_0-9]+)\](?:\.pair_count\[([A-Z_0-9]+)\])?/.exec(key);
    if (m) for (const n of [m[1], m[2]]) if (n) names.add(n);
  }
  return names;
}

const intersection = <T>(a: Iterable<T>, b: ReadonlySet<T>): T[] => [...a].filter((x) => b.has(x));

describe('minorOf', () => {
  it('maps every published version string to its minor', () => {
    const expected: Record<string, PythonMinor> = {
      '3.12.0b3': '3.12', '3.13.0a5+': '3.13', '3.13.0a6+': '3.13', '3.13.0b2+': '3.13',
      '3.14.0a0': '3.14', '3.14.0a2+': '3.14', '3.14.0a3+': '3.14', '3.14.0a4+': '3.14',
      '3.14.0a6+': '3.14', '3.14.0a7+': '3.14', '3.15.0a0': '3.15',
    };
    const versions = [...new Set(publishedJsons().map((p) => p.version))].sort();
    expect(versions).toEqual(Object.keys(expected).sort());
    for (const v of versions) expect(minorOf(v), v).toBe(expected[v]);
  });

  it('knows no tables before 3.12 and no minor in text that is not a version', () => {
    const warnings: string[] = [];
    const warn = (m: string) => void warnings.push(m);
    expect(minorOf('3.11.9', warn)).toBeNull();
    expect(minorOf('3.1', warn)).toBeNull();
    expect(minorOf('main', warn)).toBeNull();
    expect(minorOf('3.14', warn)).toBe('3.14');
    expect(warnings).toEqual([]);
  });

  it('serves a newer CPython (3.16, 3.17, ...) with the newest tables, warning once per minor with the command to run', () => {
    const warnings: string[] = [];
    const warn = (m: string) => void warnings.push(m);
    expect(minorOf('3.17.0a1', warn)).toBe('3.15');
    expect(minorOf('3.17.0b2+', warn)).toBe('3.15');
    expect(minorOf('3.130.0', warn)).toBe('3.15');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('no tables for Python 3.17; using 3.15\'s');
    expect(warnings[0]).toContain('pystats tables --from-cpython DIR -o FILE');
    expect(warnings[0]).toContain('PYSTATS_TABLES_DIR');
  });
});

describe('versionMetadata', () => {
  it('loads every minor, each file naming its own minor and the CPython version and files it came from', () => {
    for (const minor of PYTHON_MINORS) {
      const meta = versionMetadata(minor);
      expect(meta.minor).toBe(minor);
      expect(meta.source.version.startsWith(`${minor}.`), minor).toBe(true);
      expect(meta.source.files.map((f) => f.path), minor).toContain('Python/specialize.c');
    }
  });

  it('3.13: exactly the tables CPython 3.13.5 appended to single-floats.json, order included', () => {
    const real = load(join(CPY_3135, 'single-floats.json'));
    const meta = versionMetadata('3.13');
    expect(meta.specializedInstructions).toEqual(real.specializedInstructions);
    expect(meta.statsDefines).toEqual(real.statsDefines);
    expect(meta.defines).toEqual(real.defines);
    expect(meta.opnames).toBeNull();
  });

  it('3.13: the same tables in every JSON the 3.13.5 script wrote', () => {
    const meta = versionMetadata('3.13');
    const files = readdirSync(CPY_3135).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const real = load(join(CPY_3135, f));
      expect([real.specializedInstructions, real.statsDefines, real.defines], f)
        .toEqual([meta.specializedInstructions, meta.statsDefines, meta.defines]);
    }
  });

  it('3.14: the 3.14.0a7+ run\'s tables plus BINARY_OP_SUBSCR_LIST_SLICE and ITER_SELF', () => {
    const a7 = published('3.14.0a7+', '2025-04-23');
    const meta = versionMetadata('3.14');
    expect(meta.specializedInstructions).toEqual([...a7.specializedInstructions!, 'BINARY_OP_SUBSCR_LIST_SLICE'].sort());
    expect(meta.statsDefines).toEqual(a7.statsDefines);
    const expected: DefinesTable = a7.defines!.map(([i, names]) => [i, i === 31 ? [...names, 'ITER_SELF'] : names]);
    expect(meta.defines).toEqual(expected);
  });

  it('3.14 failure kinds are the ones both 3.15.0a0 runs of June 2025 carry', () => {
    const meta = versionMetadata('3.14');
    expect(published('3.15.0a0', '2025-06-03').defines).toEqual(meta.defines);
    expect(published('3.15.0a0', '2025-06-18').defines).toEqual(meta.defines);
  });

  it('3.15: the call and failure kinds of the newest published 3.15 run (2025-06-18), and every instruction it specialized', () => {
    const b618 = published('3.15.0a0', '2025-06-18');
    const meta = versionMetadata('3.15');
    expect(meta.statsDefines).toEqual(b618.statsDefines);
    expect(meta.defines).toEqual(b618.defines);
    expect(intersection(b618.specializedInstructions!, new Set(meta.specializedInstructions))).toEqual(b618.specializedInstructions);
  });

  it('3.15 (the 3.15.2 release) specializes as 3.14 does, less LOAD_CONST_IMMORTAL/MORTAL, plus what 3.15 added', () => {
    const s14 = versionMetadata('3.14').specializedInstructions!;
    const s15 = versionMetadata('3.15').specializedInstructions!;
    expect(s14.filter((n) => !s15.includes(n))).toEqual(['LOAD_CONST_IMMORTAL', 'LOAD_CONST_MORTAL']);
    expect(s15.filter((n) => !s14.includes(n))).toEqual([
      'BINARY_OP_SUBSCR_USTR_INT', 'CALL_EX_NON_PY_GENERAL', 'CALL_EX_PY', 'FOR_ITER_VIRTUAL', 'GET_ITER_SELF',
      'GET_ITER_VIRTUAL', 'RESUME_CHECK_JIT', 'SEND_ASYNC_GEN', 'SEND_VIRTUAL',
    ]);
  });

  it('3.13-3.15 specialized instructions are in _specialized_opmap file order, which is alphabetical', () => {
    for (const minor of ['3.13', '3.14', '3.15'] as const) {
      const names = versionMetadata(minor).specializedInstructions!;
      expect(names, minor).toEqual([...names].sort());
      expect(names.some((n) => n.includes('__')), minor).toBe(false);
    }
  });

  it('3.12: no specialized instructions, the opcode name table of docs/format.md §3.7.1, and the EVAL_CALL table', () => {
    const meta = versionMetadata('3.12');
    expect(meta.specializedInstructions).toBeNull();
    const opnames = JSON.parse(readFileSync(join(FIXTURES, 'samples', 'opname-3.12.json'), 'utf8')) as string[];
    expect(meta.opnames).toEqual(opnames);
    expect(meta.opnames).toHaveLength(267);
    // EVAL_CALL_* did not change from 3.12 to 3.13.
    expect(meta.statsDefines).toEqual(versionMetadata('3.13').statsDefines);
  });

  it('3.12: every failure kind and call kind the 3.12.0b3 run counts has a name', () => {
    const run = published('3.12.0b3', '2023-06-19');
    const meta = versionMetadata('3.12');
    const kinds = new Set(meta.defines.map(([i]) => i));
    const callKinds = new Set(meta.statsDefines.map(([i]) => i));
    let seen = 0;
    for (const key of run.keys) {
      const fail = /^opcode\[\d+\]\.specialization\.failure_kinds\[(\d+)\]$/.exec(key);
      if (fail) {
        seen++;
        expect(kinds.has(Number(fail[1])), key).toBe(true);
      }
      const call = /^Calls via PyEval_EvalFrame\[(\d+)\]$/.exec(key);
      if (call) expect(callKinds.has(Number(call[1])), key).toBe(true);
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('3.12 names its failure kinds for the opcodes whose families the 3.12.0b3 run reports', () => {
    // kind_to_text looks a kind up under the family prefix; check a few the run has.
    const meta = versionMetadata('3.12');
    const named = new Map(meta.defines);
    expect(named.get(27)).toContain('CALL_KWNAMES');
    expect(named.get(9)).toEqual(expect.arrayContaining(['SUPER_BAD_CLASS', 'ATTR_OVERRIDING_DESCRIPTOR', 'SUBSCR_ARRAY_INT']));
    expect([...named.keys()].slice(0, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('every table ends its EVAL_CALL list with KINDS, as the loader\'s prefix rule picks it up', () => {
    for (const minor of PYTHON_MINORS) {
      expect(versionMetadata(minor).statsDefines.at(-1), minor).toEqual([10, ['KINDS']]);
    }
  });
});

describe('detectMinorFromKeys', () => {
  /**
   * main between the 3.13 branch and LOAD_SPECIAL (June 2024) printed exactly 3.13's keys;
   * these four "3.14.0a0" runs are indistinguishable from 3.13 by their keys.
   */
  const PRE_LOAD_SPECIAL_MAIN = ['2024-05-11', '2024-05-18', '2024-05-23', '2024-05-25'];

  it('detects the minor of every published run (MANIFEST version), but for main of May 2024', () => {
    const runs = publishedJsons();
    expect(runs).toHaveLength(30);
    for (const run of runs) {
      const keys = load(run.path).keys;
      const expected = run.version === '3.14.0a0' && PRE_LOAD_SPECIAL_MAIN.includes(run.date) ? '3.13' : minorOf(run.version);
      expect(detectMinorFromKeys(keys), `${run.version} ${run.date}`).toBe(expected);
    }
  });

  it('main of May 2024 has the 3.13.0b2+ keys: no counter or opcode tells it from 3.13', () => {
    const b2 = published('3.13.0b2+', '2024-06-08');
    const counters = (keys: string[]) => new Set(keys.filter((k) => !k.startsWith('opcode[')));
    for (const date of PRE_LOAD_SPECIAL_MAIN) {
      const run = published('3.14.0a0', date);
      expect(counters(run.keys), date).toEqual(counters(b2.keys));
      expect(intersection(opcodeNames(run.keys), OPCODES_NEW_IN_3_14), date).toEqual([]);
    }
  });

  it('the 3.14 dev runs of June/July 2024 are told by opcode names alone (3.13-shaped counters)', () => {
    for (const date of ['2024-06-29', '2024-07-01']) {
      for (const run of publishedJsons().filter((p) => p.date === date)) {
        const keys = load(run.path).keys;
        expect(keys, date).toContain('Object increfs');
        expect(intersection(opcodeNames(keys), OPCODES_NEW_IN_3_14), date).toContain('LOAD_SPECIAL');
      }
    }
  });

  it('the 3.15.0a0 run of 2025-06-18 is told from 3.14 by LOAD_CONST executing unspecialized', () => {
    const keys = published('3.15.0a0', '2025-06-18').keys;
    expect(intersection(opcodeNames(keys), OPCODES_NEW_IN_3_15)).toEqual([]);
    expect(opcodeNames(keys).has('LOAD_CONST')).toBe(true);
    // Every 3.14 run since LOAD_CONST_MORTAL (2025-02) shows no LOAD_CONST at all.
    for (const date of ['2025-02-07', '2025-03-22', '2025-04-23']) {
      const names = opcodeNames(publishedJsons().filter((p) => p.date === date).map((p) => load(p.path).keys)[0]);
      expect(names.has('LOAD_CONST'), date).toBe(false);
      expect(names.has('LOAD_CONST_MORTAL') || names.has('LOAD_CONST_IMMORTAL'), date).toBe(true);
    }
  });

  it('detects 3.13 from the JSON and from the raw files CPython 3.13.5 wrote', () => {
    for (const f of readdirSync(CPY_3135)) {
      if (f.endsWith('.json')) expect(detectMinorFromKeys(load(join(CPY_3135, f)).keys), f).toBe('3.13');
    }
    const dir = join(CPY_3135, 'raw-single-floats');
    const keys = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((line) => line.includes(':')).map((line) => line.split(':')[0]);
    expect(keys.length).toBeGreaterThan(100);
    expect(detectMinorFromKeys(keys)).toBe('3.13');
  });

  it('detects 3.13 in the 3.13-shaped samples the 3.13.5 script was run on', () => {
    const samples = join(FIXTURES, 'samples');
    const files = readdirSync(samples).filter((f) => f.endsWith('.json') && f !== 'opname-3.12.json');
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(detectMinorFromKeys(load(join(samples, f)).keys), f).toBe('3.13');
  });

  it('says nothing about a run without counters (a JSON holding only metadata)', () => {
    expect(detectMinorFromKeys([])).toBeNull();
    expect(detectMinorFromKeys(['__nfiles__'])).toBeNull();
  });

  it('opcode names new in 3.14 never occur in 3.12/3.13 data and are 3.14 specializations where specialized', () => {
    for (const run of publishedJsons().filter((p) => p.version.startsWith('3.13'))) {
      const d = load(run.path);
      expect(intersection(opcodeNames(d.keys), OPCODES_NEW_IN_3_14), run.date).toEqual([]);
      expect(intersection(d.specializedInstructions ?? [], OPCODES_NEW_IN_3_14), run.date).toEqual([]);
    }
    expect(intersection(versionMetadata('3.13').specializedInstructions!, OPCODES_NEW_IN_3_14)).toEqual([]);
    const s14 = new Set(versionMetadata('3.14').specializedInstructions);
    const specialized = intersection(OPCODES_NEW_IN_3_14, s14);
    expect(specialized).toContain('LOAD_CONST_IMMORTAL');
    expect(specialized.length).toBeGreaterThanOrEqual(15);
  });

  it('opcode names new in 3.15 are in no 3.14 table and came from a 3.15 run', () => {
    expect(intersection(versionMetadata('3.14').specializedInstructions!, OPCODES_NEW_IN_3_15)).toEqual([]);
    expect(published('3.15.0a0', '2025-06-03').specializedInstructions).toEqual(expect.arrayContaining([...OPCODES_NEW_IN_3_15]));
    for (const run of publishedJsons().filter((p) => p.version.startsWith('3.14'))) {
      expect(intersection(opcodeNames(load(run.path).keys), OPCODES_NEW_IN_3_15), run.date).toEqual([]);
    }
  });
});
