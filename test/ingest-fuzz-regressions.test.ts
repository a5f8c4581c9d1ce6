/**
 * Bugs the fuzz suite (ingest-fuzz.test.ts) found, each kept as a plain regression test
 * on the smallest input that showed it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest, type IngestOptions } from '../pipeline/load/ingest.js';
import type { Store } from '../pipeline/store/store.js';
import { ParsePool } from '../pipeline/load/worker-pool.js';
import { summarize } from '../pipeline/summarize/summarize.js';
import { CPY, fixtureJson } from './helpers/fixtures.js';
import { tableChecksums } from './helpers/checksums.js';
import { count, runCounters, tempDir, tempStore } from './helpers/store.js';

/** One parse pool for the file's ingests (booting two workers per ingest cost more than the tests). */
const shared = new ParsePool(1);
afterAll(() => shared.close());

function load(store: Store, paths: string[], opts: IngestOptions = {}) {
  return ingest(store, paths, opts, shared);
}

/** A raw run directory holding these files. */
function runDir(files: Record<string, string | Buffer>): string {
  const dir = tempDir('pystats-regress-');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('one parse pool serving several ingests', () => {
  it('a later ingest, into the same store or another, learns the keys its workers announced before', async () => {
    const pool = new ParsePool(1);
    const first = await tempStore();
    const second = await tempStore();
    try {
      const expected = fixtureJson(join(CPY, 'single-floats.json'));
      await ingest(first, [join(CPY, 'raw-single-floats')], {}, pool);
      // The worker has announced every key of this file already: it will not again.
      for (const store of [first, second]) {
        const report = await ingest(store, [join(CPY, 'raw-single-floats')], { replace: true }, pool);
        expect(report.errors).toEqual([]);
        const got = await runCounters(store, report.runIds[0]);
        expect(got.map(([k]) => k)).toEqual(expected.keys);
        expect(got.map(([, v]) => v)).toEqual(expected.values);
      }
    } finally {
      first.close();
      second.close();
      await pool.close();
    }
  });
});

describe('a failed run leaves nothing behind, not even its new keys', () => {
  it('every table is unchanged; a later run of the same ingest that uses the key writes it once', async () => {
    const store = await tempStore();
    try {
      await load(store, [join(CPY, 'raw-single-floats')]);
      const before = await tableChecksums(store.conn);
      const bad = runDir({ 'a.txt': 'fuzz[new].key : 1\nfuzz[other].key : not a number\n' });
      const failed = await load(store, [bad]);
      expect(failed.errors).toEqual([`${join(bad, 'a.txt')}:2: value "not a number" is not an integer`]);
      expect(await tableChecksums(store.conn)).toEqual(before);

      const good = runDir({ 'b.txt': 'fuzz[new].key : 5\n' });
      const both = await load(store, [bad, good]);
      expect(both).toMatchObject({ added: 1, failed: 1 });
      expect(await runCounters(store, both.runIds[0])).toEqual([['fuzz[new].key', 5n], ['__nfiles__', 1n]]);
      expect(await count(store, "SELECT count(*) FROM keys WHERE key LIKE 'fuzz[%'")).toBe(1);
    } finally {
      store.close();
    }
  });
});

describe('a key that starts with a byte-order mark', () => {
  it('stays its own key: a later ingest of the same file without the mark maps its keys right', async () => {
    const real = readFileSync(join(CPY, 'raw-single-floats', readdirSync(join(CPY, 'raw-single-floats'))[0]));
    const store = await tempStore();
    try {
      // The reference reads the mark into the first key: "\uFEFFopcode[…]…".
      const marked = await load(store, [runDir({ 'a.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), real]) })]);
      const plain = await load(store, [runDir({ 'a.txt': real })]); // a new ingest: keys read back from the store
      const [first] = real.toString('utf8').split(':');
      expect((await runCounters(store, marked.runIds[0]))[0][0]).toBe(`\uFEFF${first.trim()}`);
      const expected = fixtureJson(join(CPY, 'single-floats.json'));
      expect((await runCounters(store, plain.runIds[0])).map(([k]) => k)).toEqual(expected.keys);
      expect(await count(store, 'SELECT count(*) FROM keys')).toBe(expected.keys.length + 1);
    } finally {
      store.close();
    }
  });

  it('and summarize writes it with its mark, as the reference\'s json.dump does', async () => {
    const real = readFileSync(join(CPY, 'raw-single-floats', readdirSync(join(CPY, 'raw-single-floats'))[0]));
    const dir = runDir({ 'a.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), real]) });
    const jsonOutput = join(tempDir(), 'out.json');
    await summarize({ inputs: [dir], jsonOutput, date: '2025-01-01' });
    expect(readFileSync(jsonOutput, 'utf8')).toMatch(/^\{"\\ufeffopcode\[BINARY_SLICE\]\.specializable": 1, "opcode\[/);
  });
});

describe('errors name the line as the decoder counts lines, CR line ends included', () => {
  for (const [name, content, error] of [
    ['cut short', 'a : 1\rb : 2\rc : 3', /cut\.txt:3: truncated/],
    ['a NUL byte', 'a : 1\rb : 2\rc\u0000 : 3\r', /cut\.txt:3: binary content/],
  ] as const) {
    it(name, async () => {
      const dir = runDir({ 'cut.txt': content });
      const store = await tempStore();
      try {
        const report = await load(store, [dir]);
        expect(report.errors[0]).toMatch(error);
      } finally {
        store.close();
      }
    });
  }
});

describe("keys and values are stripped as Python's strip() does, Unicode spaces included", () => {
  it('NBSP, EM SPACE and IDEOGRAPHIC SPACE around keys and values; a BOM is not a space', async () => {
    const dir = runDir({
      'a.txt': 'opcode[X].execution_count\u00a0: 5\u3000\n' +
        '\u2003uops[Y] : 1\n' + // a leading space of any kind: no uops rename
        'uops[Z\u00a0: 2\n' + // renamed on the unstripped key, then stripped
        '\ufeffk : \u00a07\u00a0\n',
    });
    const store = await tempStore();
    try {
      const report = await load(store, [dir]);
      expect(report.errors).toEqual([]);
      expect(await runCounters(store, report.runIds[0])).toEqual([
        ['opcode[X].execution_count', 5n], ['uops[Y]', 1n], ['uops[_Z', 2n], ['\ufeffk', 7n], ['__nfiles__', 1n],
      ]);
    } finally {
      store.close();
    }
  });
});

describe('the uops rename on a bare "uops["', () => {
  it('becomes "uops[_", with or without spaces before the colon', async () => {
    const dir = runDir({ 'a.txt': 'uops[: 1\nuops[  : 2\n' });
    const store = await tempStore();
    try {
      const report = await load(store, [dir]);
      expect(await runCounters(store, report.runIds[0])).toEqual([['uops[_', 3n], ['__nfiles__', 1n]]);
    } finally {
      store.close();
    }
  });
});

describe('a 10 MB line', () => {
  const huge = 10 << 20;
  it('of digits fails its run with the value shown short, its length given', async () => {
    const dir = runDir({ 'a.txt': `k: ${'9'.repeat(huge)}\n` });
    const store = await tempStore();
    try {
      const report = await load(store, [dir]);
      expect(report.errors).toEqual([
        `${join(dir, 'a.txt')}:1: value ${'9'.repeat(40)}… (${huge} characters) does not fit in an unsigned 64-bit counter`,
      ]);
    } finally {
      store.close();
    }
  });

  it('without a colon is skipped, its warning and stored text cut to 200 characters', async () => {
    const dir = runDir({ 'a.txt': `${'x'.repeat(huge)}\nk : 1\n` });
    const warnings: string[] = [];
    const store = await tempStore();
    try {
      const report = await load(store, [dir], { onWarning: (w) => warnings.push(w) });
      expect(report.errors).toEqual([]);
      expect(warnings).toEqual([`${join(dir, 'a.txt')}:1: unparsable line '${'x'.repeat(200)}…' skipped`]);
      expect(await count(store, 'SELECT length(problems) FROM files')).toBeLessThan(300);
    } finally {
      store.close();
    }
  });
});

describe('a 10 MB key', () => {
  it('fails its run, named, instead of exhausting DuckDB at commit (raw and JSON)', async () => {
    const long = 'k'.repeat(10 << 20);
    const raw = runDir({ 'a.txt': `${long}: 1\n` });
    const json = join(tempDir(), 'long-key.json');
    writeFileSync(json, `{"${'k'.repeat(5000)}": 1, "__nfiles__": 1}`);
    const store = await tempStore();
    try {
      const before = await tableChecksums(store.conn);
      const report = await load(store, [raw, json]);
      expect(report.errors).toEqual([
        `${join(raw, 'a.txt')}:1: key of ${10 << 20} bytes, longer than 4096`,
        `${json}: counter key of 5000 bytes, longer than 4096`,
      ]);
      expect(await tableChecksums(store.conn)).toEqual(before);
    } finally {
      store.close();
    }
  });
});

describe('summarize JSON that is not valid UTF-8', () => {
  it('fails its run, named, instead of storing U+FFFD in a key', async () => {
    const real = readFileSync(join(CPY, 'single-floats.json'));
    const at = real.indexOf('opcode[BINARY_SLICE]') + 7; // inside the first key
    const bad = Buffer.from(real);
    bad[at] = 0xff;
    const json = join(tempDir(), 'bad-utf8.json');
    writeFileSync(json, bad);
    const store = await tempStore();
    try {
      const report = await load(store, [json]);
      expect(report.errors).toEqual([`${json}: not valid UTF-8 text`]);
      expect(await count(store, "SELECT count(*) FROM keys WHERE key LIKE '%\uFFFD%'")).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('a summarize JSON with a repeated key', () => {
  it('keeps the key at its first place with its last value, as json.load does (not their sum)', async () => {
    const json = join(tempDir(), 'repeated.json');
    writeFileSync(json, '{"a": 1, "b": 2, "a": 5, "__nfiles__": 1, "_defines": {"1": ["X"], "1": ["Y"]}}');
    const store = await tempStore();
    try {
      const report = await load(store, [json]);
      expect(report.errors).toEqual([]);
      expect(await runCounters(store, report.runIds[0])).toEqual([['a', 5n], ['b', 2n], ['__nfiles__', 1n]]);
      expect(await count(store, `SELECT count(*) FROM runs WHERE defines = '{"1": ["Y"]}'`)).toBe(1);
    } finally {
      store.close();
    }
  });
});

describe('a summarize JSON whose __nfiles__ is no file count', () => {
  for (const n of ['2147483648', '18446744073709551615']) {
    it(`__nfiles__ = ${n} fails its run, named, instead of an internal error`, async () => {
      const json = join(tempDir(), 'nfiles.json');
      writeFileSync(json, `{"a": 1, "__nfiles__": ${n}}`);
      const store = await tempStore();
      try {
        const report = await load(store, [json]);
        expect(report.errors).toEqual([`${json}: "__nfiles__" = ${n} is not a file count`]);
      } finally {
        store.close();
      }
    });
  }
});

describe('a summarize JSON key with a lone surrogate escape', () => {
  it('fails its run, named, instead of storing U+FFFD', async () => {
    const json = join(tempDir(), 'surrogate.json');
    writeFileSync(json, '{"\\ud800x": 1, "\\ud83d\\ude00": 2, "__nfiles__": 1}');
    const store = await tempStore();
    try {
      const report = await load(store, [json]);
      expect(report.errors).toEqual([`${json}: counter key "\\ud800x" is not valid Unicode (a lone surrogate)`]);
      expect(await count(store, 'SELECT count(*) FROM keys')).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('a summarize JSON holding a 10 MB integer', () => {
  it("fails its run at once, as Python's json does past 4,300 digits", async () => {
    const json = join(tempDir(), 'huge-int.json');
    writeFileSync(json, `{"k": ${'9'.repeat(10 << 20)}, "__nfiles__": 1}`);
    const store = await tempStore();
    try {
      const report = await load(store, [json]);
      expect(report.errors).toEqual([
        `${json}:1: malformed JSON: an integer of ${10 << 20} digits (Python's json reads at most 4300) (column 7)`,
      ]);
    } finally {
      store.close();
    }
  });
});
