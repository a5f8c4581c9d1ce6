/**
 * The site's trend cache (issue 19, pipeline/site/site-trends.ts): a rebuild queries only
 * the trend points a previous build of the folder did not see, and writes the bytes a cold
 * build writes. On the bundled bench_runner sample: the older runs ingested first, the
 * newer ones then added to a copy of that store; the site of the bigger store built cold
 * and built over the smaller store's site must be the same files, byte for byte (but the
 * index's build time, the manifest and the cache itself, whose mix scores may differ in
 * their last digits: they are summed in another order).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { buildSite, type SiteSummary } from '../pipeline/site/build-site.js';
import { DEFAULT_SITE_METRICS } from '../pipeline/site/site-model.js';
import { openReadStore } from '../pipeline/store/store.js';
import { TREND_CACHE_DIR } from '../pipeline/site/trend-cache.js';
import { MANIFEST_DIR, MANIFEST_FILE } from '../pipeline/site/site-writer.js';
import { tempDir } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');
let dir: string;
let older: string;
let newer: string;

function ingest(db: string, files: string[]): void {
  const r = spawnSync(process.execPath, [CLI, 'ingest', ...files, '--db', db], { encoding: 'utf8', cwd: fromRoot() });
  expect(r.status, r.stderr).toBe(0);
}

function sampleFiles(): string[] {
  const root = fromRoot('data', 'bench_runner');
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => join(root, f))
    .sort((a, b) => (basename(a) < basename(b) ? -1 : 1));
}

async function site(db: string, out: string): Promise<SiteSummary> {
  const store = await openReadStore({ db });
  try {
    return await buildSite(store.conn, out, {
      metrics: [...DEFAULT_SITE_METRICS], filters: {}, date: '2025-01-01', generated: '2025-01-02 00:00 UTC',
    });
  } finally {
    store.close();
  }
}

/** Every file of a site but its manifest and trend cache, with its bytes. */
function files(out: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!statSync(join(out, f)).isFile() || f === MANIFEST_FILE || f.startsWith(`${MANIFEST_DIR}/`) || f.startsWith(`${TREND_CACHE_DIR}/`)) continue;
    map.set(f, readFileSync(join(out, f), 'latin1'));
  }
  return map;
}

function expectSameSite(a: string, b: string): void {
  const fa = files(a);
  const fb = files(b);
  expect([...fb.keys()]).toEqual([...fa.keys()]);
  const differing = [...fa.keys()].filter((f) => fa.get(f) !== fb.get(f));
  expect(differing).toEqual([]);
}

beforeAll(() => {
  dir = tempDir('pystats-site-cache-');
  const all = sampleFiles();
  older = join(dir, 'older.duckdb');
  newer = join(dir, 'newer.duckdb');
  ingest(older, all.slice(0, 20));
  copyFileSync(older, newer);
  ingest(newer, all.slice(20));
}, 120_000);

describe('the site\'s trend cache', () => {
  it('a rebuild with nothing new queries no point and writes the cold build\'s bytes', async () => {
    const out = join(dir, 'again');
    const cold = await site(older, out);
    expect(cold.trendPoints.cached).toBe(0);
    expect(cold.trendPoints.queried).toBeGreaterThan(0);
    const snapshot = join(dir, 'again-cold');
    cpSync(out, snapshot, { recursive: true });
    const again = await site(older, out);
    expect(again.trendPoints).toEqual({ queried: 0, cached: cold.trendPoints.queried });
    expect(again.files.written).toBe(0);
    expectSameSite(snapshot, out);
  }, 120_000);

  it('after new runs, a rebuild queries only their points and writes what a cold build of the bigger store writes', async () => {
    const cold = join(dir, 'cold');
    const grown = join(dir, 'grown');
    const first = await site(older, grown);
    const rebuilt = await site(newer, grown);
    const whole = await site(newer, cold);
    expect(whole.trendPoints.cached).toBe(0);
    expect(rebuilt.trendPoints.cached).toBe(first.trendPoints.queried);
    expect(rebuilt.trendPoints.queried).toBe(whole.trendPoints.queried - first.trendPoints.queried);
    expect(rebuilt.trendPoints.queried).toBeGreaterThan(0);
    expect(rebuilt.steps).toBe(whole.steps);
    expectSameSite(cold, grown);
  }, 120_000);

  it('a cache that does not read back (damaged, or not written by pystats) is ignored: every point is queried again', async () => {
    const out = join(dir, 'damaged');
    await site(older, out);
    const part = join(out, TREND_CACHE_DIR, readdirSync(join(out, TREND_CACHE_DIR))[0]);
    const bytes = readFileSync(part);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(part, bytes);
    const again = await site(older, out);
    expect(again.trendPoints.cached).toBe(0);
    const cold = join(dir, 'damaged-cold');
    await site(older, cold);
    expectSameSite(cold, out);
  }, 120_000);
});
