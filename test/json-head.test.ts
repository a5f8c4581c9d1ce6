/**
 * The fast path of a summarize JSON (workers/decode/summarize-json-head.ts) reads what
 * json.load reads: the counter lines from the bytes, the rest through the full decoder.
 * Checked against the full decoder on every published JSON and on the shapes that end the
 * head early (escapes, leading zeros, big values, repeated keys, a trailing comma).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJob } from '../workers/parse-worker.js';
import { decodeSummarizeJson } from '../workers/decode/summarize-json.js';
import { decodeCounterBatch } from '../pipeline/load/arrow-batch.js';
import { fromRoot } from '../pipeline/package-root.js';
import { tempDir } from './helpers/store.js';

const workerKeys: string[] = [];
let jobId = 0;

/** The worker's counters of one JSON file, as [key, value] in file order, or its error. */
function viaWorker(path: string): Array<[string, bigint]> | string {
  const { result } = runJob({ jobId: jobId++, mode: 'files', hashContent: false, files: [{ path, kind: 'json' }] });
  workerKeys.push(...result.newKeys);
  const file = result.files[0];
  // Lines are counted as the head is read (the tail's once per distinct tail): as many as a full count finds.
  const text = readFileSync(path, 'latin1');
  expect(file.lineCount, path).toBe(text === '' ? 0 : text.split('\n').length);
  if (file.error) return `${file.error.line ?? ''}: ${file.error.message}`;
  const cols = decodeCounterBatch(result.ipc);
  return Array.from({ length: cols.length }, (_, i) => [workerKeys[cols.key[i]], cols.value[i]] as [string, bigint]);
}

function viaFullDecoder(text: string): Array<[string, bigint]> {
  const d = decodeSummarizeJson(text);
  return d.keys.map((k, i) => [k, d.values[i]]);
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) jsonFiles(join(dir, e.name), out);
    else if (e.name.endsWith('-pystats.json') || /-pystats-.+\.json$/.test(e.name)) out.push(join(dir, e.name));
  }
  return out;
}

describe('summarize JSON: the counter lines read from the bytes', () => {
  it('every published JSON decodes to the full decoder\'s counters, in order', () => {
    const files = jsonFiles(fromRoot('test', 'fixtures', 'published'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(viaWorker(f), f).toEqual(viaFullDecoder(readFileSync(f, 'utf8')));
  });

  it('shapes that end the head early read as json.load reads them', () => {
    const dir = tempDir('pystats-json-head-');
    const cases: Array<[string, string, Array<[string, bigint]> | RegExp]> = [
      ['repeated', '{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}\n', [['a', 3n], ['b', 2n]]],
      ['repeated-in-tail', '{\n  "a": 1,\n  "b\\u0041": 2,\n  "a": 7\n}\n', [['a', 7n], ['bA', 2n]]],
      ['escape', '{\n  "x\\"y": 5,\n  "z": 6\n}', [['x"y', 5n], ['z', 6n]]],
      ['big', '{\n  "a": 18446744073709551615,\n  "b": 9007199254740993\n}', [['a', 18446744073709551615n], ['b', 9007199254740993n]]],
      ['spaced', '{\n  "a" : 1,\n  "b":2\n}', [['a', 1n], ['b', 2n]]],
      ['meta', '{\n  "a": 1,\n  "_defines": {"0": ["X"]},\n  "b": 2\n}', [['a', 1n], ['b', 2n]]],
      ['trailing-comma', '{\n  "a": 1,\n}\n', /malformed JSON/],
      ['leading-zero', '{\n  "a": 1,\n  "b": 01\n}', /malformed JSON/],
      ['too-big', '{\n  "a": 1,\n  "b": 18446744073709551616\n}', /does not fit in an unsigned 64-bit integer/],
      ['junk-after', '{\n  "a": 1\n} x', /malformed JSON/],
      ['blank-lines-after', '{\n  "a": 1\n}\n\n \n', [['a', 1n]]],
    ];
    for (const [name, text, want] of cases) {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, text);
      const got = viaWorker(path);
      if (want instanceof RegExp) {
        expect(got, name).toMatch(want);
        expect(() => viaFullDecoder(text), name).toThrow();
      } else {
        expect(got, name).toEqual(want);
        expect(viaFullDecoder(text), name).toEqual(want);
      }
    }
  });

  it('after a file has taught the worker its keys, the same shapes read the same (the guessed-prefix path)', () => {
    // Keys long enough for their `  "KEY": ` prefix to be remembered, and a warm-up file
    // before each case, so every line of the case is first tried as the guessed key's prefix.
    const dir = tempDir('pystats-json-head-warm-');
    const K = ['opcode[LOAD_ATTR].execution_count', 'opcode[LOAD_ATTR].specialization.hit', '__nfiles__', 'Calls via PyEval_EvalFrame'];
    const file = (lines: string[]) => `{\n${lines.join(',\n')}\n}\n`;
    const line = (k: string, v: string) => `  "${k}": ${v}`;
    const warm = file(K.map((k, i) => line(k, String(i + 1))));
    const cases: Array<[string, string]> = [
      ['same', warm],
      ['other-values', file(K.map((k, i) => line(k, String(1000 * i + 7))))],
      ['leading-zero', file([line(K[0], '1'), line(K[1], '01'), line(K[2], '1'), line(K[3], '1')])],
      ['too-big', file([line(K[0], '1'), line(K[1], '18446744073709551616'), line(K[2], '1'), line(K[3], '1')])],
      ['max', file([line(K[0], '18446744073709551615'), line(K[1], '9007199254740993'), line(K[2], '1'), line(K[3], '1')])],
      ['nfiles-too-big', file([line(K[0], '1'), line(K[1], '2'), line(K[2], '2147483648'), line(K[3], '1')])],
      ['repeated', file([line(K[0], '1'), line(K[1], '2'), line(K[0], '3'), line(K[3], '4')])],
      ['reordered', file([line(K[3], '1'), line(K[2], '2'), line(K[1], '3'), line(K[0], '4')])],
      ['no-space', file([line(K[0], '1'), `  "${K[1]}":2`, line(K[2], '1'), line(K[3], '1')])],
      ['negative', file([line(K[0], '1'), line(K[1], '-2'), line(K[2], '1'), line(K[3], '1')])],
      ['float', file([line(K[0], '1'), line(K[1], '2.5'), line(K[2], '1'), line(K[3], '1')])],
      ['string', file([line(K[0], '1'), line(K[1], '"2"'), line(K[2], '1'), line(K[3], '1')])],
      ['trailing-comma', `{\n${K.map((k) => line(k, '1')).join(',\n')},\n}\n`],
      ['longer-key', file([line(K[0], '1'), line(`${K[1]}.more`, '2'), line(K[2], '1'), line(K[3], '1')])],
      ['meta-after', `{\n${K.map((k) => line(k, '1')).join(',\n')},\n  "_defines": {"0": ["X"]}\n}\n`],
    ];
    for (const [name, text] of cases) {
      writeFileSync(join(dir, 'warm.json'), warm);
      viaWorker(join(dir, 'warm.json'));
      const path = join(dir, `${name}.json`);
      writeFileSync(path, text);
      const got = viaWorker(path);
      let want: Array<[string, bigint]> | null = null;
      try {
        want = viaFullDecoder(text);
      } catch {
        expect(typeof got, name).toBe('string'); // refused by both
        continue;
      }
      expect(got, name).toEqual(want);
    }
  });
});
