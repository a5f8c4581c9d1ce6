/**
 * The site at archive scale (issue 19): a generated bench_runner archive of real shape
 * (bench/site-archive.ts: weekly commits, 3 configurations, ~90 benchmarks, the published
 * counters), ingested by the real CLI, its site built, then:
 *  - sizes: no file over 2 MB, index.html under 300 kB; the whole site at 20,000 runs (73
 *    weeks) within 150 MB, projected from the site's size and what one more week adds to it
 *    (a week adds its runs' pages and data, a point to every series' chart data and page;
 *    a small chart draws dots only up to 60 points, so the projection errs high);
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
import { firstChart, ingestArchiveWeeks, launchChromium, serveSite, siteSizes, type SiteSizes } from '../bench/site-scale.js';

const WEEKS = 8;
const work = mkdtempSync(join(tmpdir(), 'pystats-site-scale-'));
const db = join(work, 'archive.duckdb');
const SITE = join(work, 'site');
let runs = 0;
let sizesBefore: SiteSizes;
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
  it('stays small: no file over 2 MB, the index under 300 kB', () => {
    expect(runs).toBeGreaterThan(2000);
    sizesBefore = siteSizes(SITE);
    expect(sizesBefore.largest[0][1], sizesBefore.largest[0][0]).toBeLessThanOrEqual(2e6);
    expect(sizesBefore.indexBytes).toBeLessThanOrEqual(300e3);
    expect(sizesBefore.pages).toBeGreaterThan(runs);
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

    // The size at 20,000 runs (73 weeks), from what this week added.
    const after = siteSizes(SITE);
    expect(after.largest[0][1], after.largest[0][0]).toBeLessThanOrEqual(2e6);
    expect(after.indexBytes).toBeLessThanOrEqual(300e3);
    const perWeek = after.totalBytes - sizesBefore.totalBytes;
    const projected = after.totalBytes + (73 - (WEEKS + 1)) * perWeek;
    process.stdout.write(`site: ${(after.totalBytes / 1e6).toFixed(1)} MB at ${runs + added} runs, +${(perWeek / 1e6).toFixed(2)} MB a week: ${(projected / 1e6).toFixed(0)} MB projected at 73 weeks\n`);
    expect(perWeek).toBeGreaterThan(0);
    expect(projected).toBeLessThanOrEqual(150e6);
  }, 900_000);
});
