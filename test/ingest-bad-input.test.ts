import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../pipeline/load/ingest.js';
import { CPY, SAMPLES, fixtureJson, publishedJsonFiles } from './helpers/fixtures.js';
import { count, runCounters, tempDir, tempStore } from './helpers/store.js';

const REAL_FILE = (() => {
  const dir = join(CPY, 'raw-single-floats');
  return join(dir, readdirSync(dir)[0]);
})();

/** A raw run directory made of real fixture files plus one altered file. */
function runDirWith(name: string, content: Buffer | string): string {
  const dir = tempDir('pystats-bad-');
  copyFileSync(REAL_FILE, join(dir, 'good.txt'));
  writeFileSync(join(dir, name), content);
  return dir;
}

async function ingestOne(dir: string, opts = {}) {
  const warnings: string[] = [];
  const store = await tempStore();
  const report = await ingest(store, [dir], { onWarning: (w) => warnings.push(w), ...opts });
  return { store, report, warnings };
}

describe('the real samples/raw-3.13 directory (unparsable lines, empty file, uops[ without _)', () => {
  it('loads like the real script: lines skipped with file:line warnings, empty file counted', async () => {
    const orderFile = join(tempDir(), 'order.txt');
    writeFileSync(orderFile, 'b.txt\nempty.txt\na.txt\n'); // the readdir order the script saw
    const { store, report, warnings } = await ingestOne(join(SAMPLES, 'raw-3.13'), { orderFile });
    try {
      const expected = fixtureJson(join(SAMPLES, 'raw-3.13.loaded.json'));
      const got = await runCounters(store, report.runIds[0]);
      expect(got.map(([k]) => k)).toEqual(expected.keys);
      expect(got.map(([, v]) => v)).toEqual(expected.values);
      expect(report.unparsableLines).toBe(3);
      expect(warnings).toEqual([
        `${join(SAMPLES, 'raw-3.13', 'a.txt')}:4: unparsable line 'bad line without colon' skipped`,
        `${join(SAMPLES, 'raw-3.13', 'a.txt')}:5: unparsable line 'A:B:3' skipped`,
        `${join(SAMPLES, 'raw-3.13', 'a.txt')}:6: unparsable line '' skipped`,
      ]);
      expect(await count(store, "SELECT problem_count FROM files WHERE path LIKE '%a.txt'")).toBe(3);
      expect(await count(store, "SELECT line_count FROM files WHERE path LIKE '%empty.txt'")).toBe(0);
    } finally {
      store.close();
    }
  });

  it('--strict makes unparsable lines fatal for the run', async () => {
    const { store, report } = await ingestOne(join(SAMPLES, 'raw-3.13'), { strict: true });
    try {
      expect(report.failed).toBe(1);
      expect(report.errors[0]).toMatch(/a\.txt:4: unparsable line \(--strict\)/);
      expect(await count(store, 'SELECT count(*) FROM runs')).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('bad files: a clear error naming file and line, the run skipped, the rest stored', () => {
  const real = readFileSync(REAL_FILE);
  const cases: Array<[string, Buffer | string, RegExp]> = [
    ['binary.txt', Buffer.concat([real.subarray(0, 200), Buffer.from([0, 1, 2, 0xff]), Buffer.from('\n')]), /binary\.txt:\d+: binary content/],
    ['latin1.txt', Buffer.concat([Buffer.from('opcode[CAF\xc9].execution_count : 3\n', 'latin1')]), /latin1\.txt: not valid UTF-8/],
    ['truncated.txt', real.subarray(0, real.length - 7), /truncated\.txt:1489: truncated/],
    ['toobig.txt', 'opcode[X].execution_count : 18446744073709551616\n', /toobig\.txt:1: value 18446744073709551616 does not fit/],
    ['notint.txt', 'opcode[X].execution_count : 12abc\n', /notint\.txt:1: value "12abc" is not an integer/],
    ['negative.txt', 'opcode[X].execution_count : -4\n', /negative\.txt:1: negative counter value/],
  ];
  for (const [name, content, error] of cases) {
    it(name, async () => {
      const bad = runDirWith(name, content);
      const good = join(CPY, 'raw-single-coroutines');
      const { store, report } = await ingestOne(bad);
      try {
        expect(report.failed).toBe(1);
        expect(report.errors[0]).toMatch(error);
        expect(await count(store, 'SELECT count(*) FROM runs')).toBe(0);
        expect(await count(store, 'SELECT count(*) FROM file_counters')).toBe(0);
        // The store still takes good runs afterwards, and a failed run in the same batch
        // does not stop the others.
        const again = await ingest(store, [bad, good]);
        expect(again.failed).toBe(1);
        expect(again.added).toBe(1);
        expect(await count(store, 'SELECT count(*) FROM runs')).toBe(1);
      } finally {
        store.close();
      }
    });
  }

  it('an unreadable file (dangling link) fails its run with the file named', async () => {
    const dir = runDirWith('placeholder.txt', 'x : 1\n');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.txt'));
    const { store, report } = await ingestOne(dir);
    try {
      expect(report.errors[0]).toMatch(/dangling\.txt: cannot read: ENOENT/);
    } finally {
      store.close();
    }
  });

  it('malformed JSON names the file, line and column', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken-pystats.json');
    const text = readFileSync(publishedJsonFiles()[0], 'utf8');
    writeFileSync(file, text.slice(0, 5000) + '\n  "x": 12,, \n}');
    const { store, report } = await ingestOne(file);
    try {
      expect(report.failed).toBe(1);
      expect(report.errors[0]).toMatch(/broken-pystats\.json:\d+: malformed JSON: .* \(column \d+\)/);
    } finally {
      store.close();
    }
  });

  it('a JSON whose counter is not an integer is refused', async () => {
    const dir = tempDir();
    const file = join(dir, 'float.json');
    writeFileSync(file, '{"opcode[X].execution_count": 1.5, "__nfiles__": 1}');
    const { store, report } = await ingestOne(file);
    try {
      expect(report.errors[0]).toMatch(/float\.json: counter "opcode\[X\]\.execution_count" is not an integer/);
    } finally {
      store.close();
    }
  });
});

describe('idempotence', () => {
  it('ingesting the same content twice adds nothing; --replace re-ingests', async () => {
    const dir = join(CPY, 'raw-multi-floats');
    const store = await tempStore();
    try {
      const first = await ingest(store, [dir]);
      expect(first.added).toBe(1);
      const rows = await count(store, 'SELECT count(*) FROM file_counters');
      const second = await ingest(store, [dir]);
      expect(second).toMatchObject({ added: 0, skipped: 1 });
      // Same bytes under another path: parsed, recognised by content, not stored again.
      const copy = tempDir();
      for (const f of readdirSync(dir)) copyFileSync(join(dir, f), join(copy, f));
      const third = await ingest(store, [copy]);
      expect(third).toMatchObject({ added: 0, skipped: 1 });
      expect(await count(store, 'SELECT count(*) FROM file_counters')).toBe(rows);
      const replaced = await ingest(store, [dir], { replace: true });
      expect(replaced.added).toBe(1);
      expect(await count(store, 'SELECT count(*) FROM runs')).toBe(1);
      expect(await count(store, 'SELECT count(*) FROM file_counters')).toBe(rows);
    } finally {
      store.close();
    }
  });

  it('an empty directory is a run with no files and no __nfiles__', async () => {
    const { store, report } = await ingestOne(tempDir());
    try {
      expect(report.added).toBe(1);
      expect(await count(store, 'SELECT n_files FROM runs')).toBe(0);
      expect(await count(store, 'SELECT count(*) FROM run_counters')).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('64-bit counters', () => {
  it('values above 2^53 stay exact per file, and run sums beyond 2^64 stay exact too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'opcode[X].execution_count : 18446744073709551615\nCalls to PyEval_EvalDefault: 9007199254740993\n');
    writeFileSync(join(dir, 'b.txt'), 'opcode[X].execution_count : 18446744073709551615\nCalls to PyEval_EvalDefault: 1\n');
    for (const rowMode of ['files', 'sums'] as const) {
      const { store, report } = await ingestOne(dir, { rowMode });
      try {
        expect(report.errors).toEqual([]);
        expect(await runCounters(store, report.runIds[0])).toEqual([
          ['opcode[X].execution_count', 36893488147419103230n],
          ['Calls to PyEval_EvalDefault', 9007199254740994n],
          ['__nfiles__', 2n],
        ]);
      } finally {
        store.close();
      }
    }
  });
});
