/**
 * The site at archive scale (issue 19): a generated bench_runner archive of real shape
 * (bench/site-archive.ts: weekly commits, 3 configurations, ~90 benchmarks, the published
 * counters), ingested by the real CLI, its site built, then:
 *  - sizes: no file over 2 MB, index.html under 300 kB, the whole site within the budget
 *    of 150 MB for 20,000 runs (7.5 kB a run);
 *  - pages served by a local server (127.0.0.1) in headless Chromium draw their first
 *    chart, and ask for nothing outside the site (times are measured by `make bench`);
 *  - a new week of runs rewrites the pages and data it changes and not the reports of the
 *    runs already there.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { firstChart, ingestArchiveWeeks, launchChromium, serveSite, siteSizes } from '../bench/site-scale.js';

const WEEKS = 8;
const work = mkdtempSync(join(tmpdir(), 'pystats-site-scale-'));
const db = join(work, 'archive.duckdb');
const SITE = join(work, 'site');
let runs = 0;
let browser: Browser;
let server: Server;
let url: string;

function site() {
  const r = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), 'site', '--db', db, '-o', SITE, '--date', '2025-01-01'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return /files: (\d+) written, (\d+) unchanged, (\d+) removed/.exec(r.stderr)!.slice(1).map(Number);
}

beforeAll(async () => {
  runs = ingestArchiveWeeks(work, db, 0, WEEKS, WEEKS + 1);
  site();
  ({ url, server } = await serveSite(SITE));
  browser = await launchChromium(join(work, 'chromium-profile'));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe(`site of a generated archive (${WEEKS} weeks, 3 configurations, ~90 benchmarks)`, () => {
  it('stays small: no file over 2 MB, the index under 300 kB, the whole within 7.5 kB a run', () => {
    expect(runs).toBeGreaterThan(2000);
    const s = siteSizes(SITE);
    expect(s.largest[0][1], s.largest[0][0]).toBeLessThanOrEqual(2e6);
    expect(s.indexBytes).toBeLessThanOrEqual(300e3);
    expect(s.totalBytes / runs).toBeLessThanOrEqual(7.5e3);
    expect(s.pages).toBeGreaterThan(runs);
  });

  it('pages served from 127.0.0.1 draw their first chart in Chromium and ask for nothing outside the site', async () => {
    const index = readFileSync(join(SITE, 'index.html'), 'utf8');
    const config = /href="(configs\/[0-9a-f]+\.html)"/.exec(index)![1];
    const series = /href="(series\/[0-9a-f]+\.html)"/.exec(index)![1];
    for (const path of ['index.html', config, series, 'metrics/instructions.html', 'metrics/mix.html', 'metrics/rare.html']) {
      const r = await firstChart(browser, url, path);
      expect(r.outside, path).toEqual([]);
      expect(r.ms, path).toBeGreaterThan(0);
    }
  }, 120_000);

  it('a new week of runs rewrites what it changes, not the reports of the runs already there', () => {
    const before = statSync(join(SITE, 'runs', '1.html')).mtimeMs;
    const dataBefore = statSync(join(SITE, 'runs', 'data', '1.js')).mtimeMs;
    const added = ingestArchiveWeeks(work, db, WEEKS, WEEKS + 1, WEEKS + 1);
    const [written, unchanged, removed] = site();
    expect(removed).toBe(0);
    // The new runs' pages and data at least; the old runs' reports untouched.
    expect(written).toBeGreaterThanOrEqual(2 * added);
    expect(unchanged).toBeGreaterThan(2 * runs);
    expect(statSync(join(SITE, 'runs', '1.html')).mtimeMs).toBe(before);
    expect(statSync(join(SITE, 'runs', 'data', '1.js')).mtimeMs).toBe(dataBefore);
    expect(statSync(join(SITE, 'runs', `${runs + added}.html`)).isFile()).toBe(true);
  }, 900_000);
});
