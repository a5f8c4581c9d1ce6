/**
 * `site -o DIR` stays in DIR and touches only its own files (issue 17, finding 3): real
 * symbolic links inside DIR pointing outside are replaced, never written or deleted
 * through; the user's own files are never deleted or overwritten; a rebuild removes only
 * files its manifest says it wrote; an -o that is a file is refused with a message. Every
 * check runs the built CLI on a store of the bundled bench_runner sample.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { siteManifest } from '../pipeline/site/site-writer.js';
import { tempDir } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');
let db: string;

function pystats(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: fromRoot() });
}

function site(out: string, ...more: string[]) {
  return pystats('site', '--db', db, '-o', out, '--metrics', 'instructions,effectiveness', '--date', '2025-01-01', ...more);
}

/** A folder outside the site with files pystats would write or delete if it followed a link. */
function outside(): { dir: string; files: Map<string, string> } {
  const dir = tempDir('pystats-outside-');
  const files = new Map([['1.html', 'not yours'], ['1.js', 'not yours either'], ['index.html', 'mine'], ['keys-0.js', 'mine too']]);
  for (const [f, text] of files) writeFileSync(join(dir, f), text);
  return { dir, files };
}

function expectIntact(o: { dir: string; files: Map<string, string> }): void {
  expect(readdirSync(o.dir).sort()).toEqual([...o.files.keys()].sort());
  for (const [f, text] of o.files) expect(readFileSync(join(o.dir, f), 'utf8'), f).toBe(text);
}

beforeAll(() => {
  db = join(tempDir('pystats-site-out-'), 'sample.duckdb');
  const r = pystats('ingest', 'data/bench_runner', '--db', db);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

describe('site -o DIR never follows a link out of DIR', () => {
  it('links at DIR/metrics, DIR/runs, DIR/compare, DIR/runs/data and a page are replaced; their targets survive', () => {
    const out = tempDir('pystats-site-links-');
    const targets = ['metrics', 'runs', 'compare', 'index.html'].map(() => outside());
    symlinkSync(targets[0].dir, join(out, 'metrics'));
    symlinkSync(targets[1].dir, join(out, 'runs'));
    symlinkSync(targets[2].dir, join(out, 'compare'));
    symlinkSync(join(targets[3].dir, 'index.html'), join(out, 'index.html'));
    const r = site(out);
    expect(r.status, r.stderr).toBe(0);
    for (const t of targets) expectIntact(t);
    for (const d of ['metrics', 'runs', 'compare']) expect(lstatSync(join(out, d)).isDirectory(), d).toBe(true);
    expect(lstatSync(join(out, 'index.html')).isFile()).toBe(true);
    expect(existsSync(join(out, 'runs', '1.html'))).toBe(true);

    // Once built: links put inside the site's own folders, then a rebuild that drops pages.
    const data = outside();
    const run = outside();
    const dataDir = join(out, 'runs', 'data');
    const ours = readdirSync(dataDir);
    for (const f of ours) writeFileSync(join(data.dir, `copy-${f}`), 'outside');
    for (const f of ours) data.files.set(`copy-${f}`, 'outside');
    rmSync(dataDir, { recursive: true });
    symlinkSync(data.dir, dataDir);
    rmSync(join(out, 'runs', '2.html'));
    symlinkSync(join(run.dir, '1.html'), join(out, 'runs', '2.html'));
    // Links to folders outside, inside the site's folders (as issue 17 found them followed).
    const inner = ['metrics', 'runs', 'compare', 'runs/data'].map((d) => ({ d, o: outside() }));
    const again = site(out, '--fork', 'python');
    expect(again.status, again.stderr).toBe(0);
    for (const { d, o } of inner) {
      symlinkSync(o.dir, join(out, d, 'elsewhere'));
    }
    const third = site(out);
    expect(third.status, third.stderr).toBe(0);
    for (const { d, o } of inner) {
      expectIntact(o);
      expect(lstatSync(join(out, d, 'elsewhere')).isSymbolicLink(), d).toBe(true);
    }
    expectIntact(data);
    expectIntact(run);
    expect(lstatSync(dataDir).isDirectory()).toBe(true);
  });

  it('-o that is a file: exit 1, a message naming it, the file untouched', () => {
    const file = join(tempDir('pystats-site-file-'), 'notes.txt');
    writeFileSync(file, 'keep me');
    const r = site(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/not a folder/);
    expect(r.stderr).not.toMatch(/internal error/i);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    // A folder under that file cannot be made: the same kind of message.
    const under = site(join(file, 'site'));
    expect(under.status).toBe(1);
    expect(under.stderr).toContain(join(file, 'site'));
    expect(under.stderr).toMatch(/cannot make the folder/);
    expect(under.stderr).not.toMatch(/internal error/i);
  });
});

describe('site -o DIR touches only its own files', () => {
  it('the user\'s files in DIR and its folders survive builds and rebuilds; a file in the way stops the build', () => {
    const out = tempDir('pystats-site-own-');
    mkdirSync(join(out, 'runs'), { recursive: true });
    mkdirSync(join(out, 'compare'), { recursive: true });
    const mine = new Map([['notes.html', 'a'], ['runs/my-run.html', 'b'], ['runs/helper.js', 'c'], ['compare/x-vs-y.html', 'd']]);
    for (const [f, text] of mine) writeFileSync(join(out, f), text);
    expect(site(out).status).toBe(0);
    expect(site(out, '--fork', 'python').status).toBe(0);
    for (const [f, text] of mine) expect(readFileSync(join(out, f), 'utf8'), f).toBe(text);

    // A page of its own that a smaller selection no longer has is removed; the manifest says which.
    const manifest = () => Object.keys(siteManifest(out));
    expect(site(out).status).toBe(0);
    const all = manifest().filter((f) => /^runs\/\d+\.html$/.test(f));
    const r = site(out, '--fork', 'python');
    expect(r.status, r.stderr).toBe(0);
    const python = manifest().filter((f) => /^runs\/\d+\.html$/.test(f));
    expect(python.length).toBeLessThan(all.length);
    for (const f of all) expect(existsSync(join(out, f)), f).toBe(python.includes(f));
    for (const [f, text] of mine) expect(readFileSync(join(out, f), 'utf8'), f).toBe(text);

    // A path the site needs holding a file pystats did not write: refused, the file kept.
    const fresh = tempDir('pystats-site-theirs-');
    writeFileSync(join(fresh, 'index.html'), 'their page');
    const refused = site(fresh);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/index\.html exists and pystats did not write it/);
    expect(readFileSync(join(fresh, 'index.html'), 'utf8')).toBe('their page');
  });

  it('a rebuild with nothing new rewrites nothing but the index (its build time)', () => {
    const out = tempDir('pystats-site-again-');
    expect(site(out).status).toBe(0);
    const r = site(out);
    expect(r.status).toBe(0);
    const [, written, unchanged, removed] = /files: (\d+) written, (\d+) unchanged, (\d+) removed/.exec(r.stderr)!.map(Number);
    expect(written).toBeLessThanOrEqual(1);
    expect(unchanged).toBeGreaterThan(50);
    expect(removed).toBe(0);
    // Files of its own deleted, or a folder of them, are written again (what a folder holds is
    // read once per folder, not by an lstat per file).
    const page = readFileSync(join(out, 'runs', '1.html'), 'utf8');
    const chart = readdirSync(join(out, 'data'))[0];
    const data = readFileSync(join(out, 'data', chart), 'utf8');
    rmSync(join(out, 'runs', '1.html'));
    rmSync(join(out, 'data'), { recursive: true });
    const again = site(out);
    expect(again.status, again.stderr).toBe(0);
    const [, rewritten, , gone] = /files: (\d+) written, (\d+) unchanged, (\d+) removed/.exec(again.stderr)!.map(Number);
    expect(rewritten).toBeGreaterThanOrEqual(2);
    expect(gone).toBe(0);
    expect(readFileSync(join(out, 'runs', '1.html'), 'utf8')).toBe(page);
    expect(readFileSync(join(out, 'data', chart), 'utf8')).toBe(data);
    expect(Object.keys(siteManifest(out)).filter((f) => f.startsWith('data/'))).toHaveLength(readdirSync(join(out, 'data')).length);
  });

  it('a report page is kept by its stamp only while what it is made from is the same: another date remakes every one', () => {
    const out = tempDir('pystats-site-stamps-');
    expect(site(out).status).toBe(0);
    const page = readFileSync(join(out, 'runs', '1.html'), 'utf8');
    const comparison = readdirSync(join(out, 'compare'))[0];
    const stamped = siteManifest(out)[`runs/1.html`];
    expect(stamped.s).toMatch(/^[0-9a-f]{16}$/);
    const pages = Object.keys(siteManifest(out)).filter((f) => /^(runs\/\d+|compare\/.*)\.html$/.test(f)).length;
    // The reports' date is in every report page: all of them are made again, with it.
    const other = pystats('site', '--db', db, '-o', out, '--metrics', 'instructions,effectiveness', '--date', '2025-02-02');
    expect(other.status, other.stderr).toBe(0);
    const [, written] = /files: (\d+) written/.exec(other.stderr)!.map(Number);
    expect(written).toBeGreaterThanOrEqual(pages);
    expect(readFileSync(join(out, 'runs', '1.html'), 'utf8')).toContain('--date 2025-02-02');
    // And back: the same bytes as the first build.
    expect(site(out).status).toBe(0);
    expect(readFileSync(join(out, 'runs', '1.html'), 'utf8')).toBe(page);
    expect(siteManifest(out)[`runs/1.html`]).toEqual(stamped);
    expect(readFileSync(join(out, 'compare', comparison), 'utf8')).toContain('2025-01-01');
  });
});
