/**
 * What a raw directory may hold besides plain files (README "Inputs: links and
 * directories"): links to files are read as those files; directories, links to
 * directories, link loops and FIFOs are skipped with a warning naming them; nothing hangs.
 * The data are the real 3.13.5 files of raw-multi-floats, reached through links.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../pipeline/load/ingest.js';
import { ParsePool } from '../pipeline/load/worker-pool.js';
import { fromRoot } from '../pipeline/package-root.js';
import { CPY, fixtureJson } from './helpers/fixtures.js';
import { count, runCounters, tempDir, tempStore } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');
const pool = new ParsePool(1);
afterAll(() => pool.close());
const FLOATS = join(CPY, 'raw-multi-floats');

/** The counters the real script wrote for raw-multi-floats, as a sorted list (link order is not its order). */
function expectedFloats(): Array<[string, bigint]> {
  const json = fixtureJson(join(CPY, 'multi-floats.json'));
  return json.keys.map((k, i): [string, bigint] => [k, json.values[i]]).sort(byKey);
}

function byKey(a: [string, bigint], b: [string, bigint]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * A raw directory whose 20 files are links to the real ones (half of them through a
 * second link), plus every kind of entry that is skipped.
 */
function linkedRawDir(): { dir: string; skipped: string[] } {
  const dir = tempDir('pystats-links-');
  const hops = tempDir('pystats-hops-');
  readdirSync(FLOATS).forEach((name, i) => {
    if (i % 2 === 0) {
      symlinkSync(join(FLOATS, name), join(dir, name));
    } else {
      symlinkSync(join(FLOATS, name), join(hops, name));
      symlinkSync(join(hops, name), join(dir, name));
    }
  });
  symlinkSync(CPY, join(dir, 'to-a-directory.txt'));
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  symlinkSync(dir, join(dir, 'self'));
  execFileSync('mkfifo', [join(dir, 'a-fifo')]);
  return { dir, skipped: ['to-a-directory.txt', 'loop-a', 'loop-b', 'self', 'a-fifo'] };
}

describe('links inside a raw directory', () => {
  it('ingest: files reached through links (and links to links) are read; the rest is skipped, each named once', async () => {
    const { dir, skipped } = linkedRawDir();
    const warnings: string[] = [];
    const store = await tempStore();
    try {
      const report = await ingest(store, [dir], { onWarning: (w) => warnings.push(w) }, pool);
      expect(report.errors).toEqual([]);
      expect(report.added).toBe(1);
      expect(await count(store, 'SELECT n_files FROM runs')).toBe(20);
      expect((await runCounters(store, report.runIds[0])).sort(byKey)).toEqual(expectedFloats());
      expect(warnings.sort()).toEqual([
        `${join(dir, 'a-fifo')}: not a regular file, skipped`,
        `${join(dir, 'loop-a')}: a symbolic link loop, skipped`,
        `${join(dir, 'loop-b')}: a symbolic link loop, skipped`,
        `${join(dir, 'self')}: a link to a directory, skipped`,
        `${join(dir, 'to-a-directory.txt')}: a link to a directory, skipped`,
      ]);
      expect(skipped).toHaveLength(warnings.length);
    } finally {
      store.close();
    }
  });

  it('summarize: a real subdirectory is skipped too, and the JSON holds the 20 files\' sums', () => {
    const { dir } = linkedRawDir();
    mkdirSync(join(dir, 'subdir'));
    copyFileSync(join(FLOATS, readdirSync(FLOATS)[0]), join(dir, 'subdir', 'not-read.txt'));
    const json = join(tempDir(), 'out.json');
    const r = spawnSync(process.execPath, [CLI, 'summarize', dir, '--json-output', json, '--date', '2025-01-01'],
      { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: ${join(dir, 'subdir')}: a directory inside a raw stats directory, skipped\n`);
    expect(r.stderr).toContain(`warning: ${join(dir, 'loop-a')}: a symbolic link loop, skipped\n`);
    const got = fixtureJson(json);
    expect(got.keys.map((k, i): [string, bigint] => [k, got.values[i]]).sort(byKey)).toEqual(expectedFloats());
  });

  it('a dangling link is not skipped: it fails its run, named, as a missing file', async () => {
    const dir = tempDir('pystats-dangling-');
    copyFileSync(join(FLOATS, readdirSync(FLOATS)[0]), join(dir, 'good.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
    const store = await tempStore();
    try {
      const report = await ingest(store, [dir], {}, pool);
      expect(report.failed).toBe(1);
      expect(report.errors[0]).toBe(`${join(dir, 'dangling.txt')}: cannot read: ENOENT`);
    } finally {
      store.close();
    }
  });
});

describe('links in a tree of raw directories', () => {
  it('a link back up the tree is not descended into: each raw directory is one run, once', async () => {
    const root = tempDir('pystats-tree-');
    for (const w of ['floats', 'coroutines']) {
      mkdirSync(join(root, w));
      for (const f of readdirSync(join(CPY, `raw-multi-${w}`))) copyFileSync(join(CPY, `raw-multi-${w}`, f), join(root, w, f));
    }
    symlinkSync(root, join(root, 'floats', 'cycle'));
    symlinkSync(root, join(root, 'cycle.txt'));
    const warnings: string[] = [];
    const store = await tempStore();
    try {
      const report = await ingest(store, [root], { onWarning: (w) => warnings.push(w) }, pool);
      expect(report.errors).toEqual([]);
      expect(report.added).toBe(2);
      expect(await count(store, 'SELECT sum(n_files) FROM runs')).toBe(40);
      const sources = (await store.conn.runAndReadAll('SELECT source_path FROM runs ORDER BY 1')).getRows().flat();
      expect(sources).toEqual([join(root, 'coroutines'), join(root, 'floats')]);
      // The walk does not follow links (fdir, excludeSymlinks: true); a raw
      // directory found by it is read as one given directly, whose link to a directory is
      // skipped with a warning (issue 17: every regular file of it, not only *.txt).
      expect(warnings).toEqual([`${join(root, 'floats', 'cycle')}: a link to a directory, skipped`]);
    } finally {
      store.close();
    }
  });
});
