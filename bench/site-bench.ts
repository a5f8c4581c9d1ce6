/**
 * Site speed: `pystats site` on the 1,000-run store of the trend bench (trend-bench.ts),
 * the whole default metric catalog, each build as its own process:
 *  - cold: into an empty folder;
 *  - rebuild: into the same folder again (only files whose content changed are written:
 *    none but the index's build time; the runs' data scripts are kept unread).
 * benchSiteArchive below: the site of a generated bench_runner archive (issue 19).
 * Report pages are rendered by the browser, so a build writes each run's counters once
 * (runs/data/) and a small page per run. The command prints its own split (trends read,
 * trend pages, run data, report pages) to stderr.
 */
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measurePystats, type Measurement } from './measure.js';
import { firstChart, ingestArchiveWeeks, launchChromium, serveSite, siteSizes, type SiteSizes } from './site-scale.js';

export interface SiteBenchRow {
  label: string;
  m: Measurement;
  split: string;
  files?: string;
}

export function benchSite(db: string, work: string): SiteBenchRow[] {
  const out = join(work, 'site');
  rmSync(out, { recursive: true, force: true });
  const args = ['site', '--db', db, '-o', out, '--date', '2025-01-01'];
  const row = (label: string): SiteBenchRow => {
    const m = measurePystats(args);
    return { label, m, split: /\(seconds: ([^)]*)\)/.exec(m.stderr)?.[1] ?? '' };
  };
  const rows = [row('cold, into an empty folder'), row('rebuild into the same folder')];
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' });
  const pages = files.filter((f) => f.endsWith('.html')).length;
  const mb = files.reduce((n, f) => n + statSync(join(out, f)).size, 0) / 1e6;
  rmSync(out, { recursive: true, force: true });
  rows.forEach((r) => (r.label += ` (${pages} pages, ${mb.toFixed(0)} MB)`));
  return rows;
}

export function formatSiteBench(rows: SiteBenchRow[]): string {
  return [
    '`pystats site` over the same 1,000 runs, the whole default metric catalog (26 metrics), as its own process:',
    '',
    '| build | wall s | CPU s | peak RSS MB | split (s) |',
    '|---|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.label} | ${r.m.seconds.toFixed(2)} | ${r.m.cpuSeconds.toFixed(2)} | ${r.m.peakRssMb.toFixed(0)} | ${r.split} |`),
    '',
  ].join('\n');
}

export interface ArchiveSiteFigures {
  runs: number;
  weeks: number;
  ingestSeconds: number | null;
  cold: SiteBenchRow;
  again: SiteBenchRow;
  added: number;
  newWeek: SiteBenchRow;
  sizes: SiteSizes;
  charts: Array<{ page: string; ms: number; min: number; max: number; kb: number }>;
}

const CHART_REPEATS = 3;

/**
 * The site of a generated bench_runner archive (bench/site-archive.ts): BENCH_SITE_WEEKS
 * weeks (default 73: 19,929 runs; 273 a week), or the store BENCH_SITE_DB already holding
 * that many weeks (copied, never changed). Cold build, rebuild with nothing new, rebuild
 * after one more week of runs; the site's sizes; the first chart of its kinds of page in
 * headless Chromium from a local server (medians of CHART_REPEATS, fresh tabs).
 */
export async function benchSiteArchive(work: string): Promise<ArchiveSiteFigures> {
  const weeks = Number(process.env.BENCH_SITE_WEEKS ?? 73);
  const db = join(work, 'site-archive.duckdb');
  rmSync(db, { force: true });
  let ingestSeconds: number | null = null;
  if (process.env.BENCH_SITE_DB) {
    copyFileSync(process.env.BENCH_SITE_DB, db);
  } else {
    const t0 = performance.now();
    ingestArchiveWeeks(work, db, 0, weeks, weeks + 1);
    ingestSeconds = (performance.now() - t0) / 1e3;
  }
  const out = join(work, 'site-archive');
  rmSync(out, { recursive: true, force: true });
  const args = ['site', '--db', db, '-o', out, '--date', '2025-01-01'];
  const row = (label: string): SiteBenchRow => {
    const m = measurePystats(args);
    return { label, m, split: /\(seconds: ([^)]*)\)/.exec(m.stderr)?.[1] ?? '', files: /files: ([^(]*)/.exec(m.stderr)?.[1]?.trim() ?? '' };
  };
  const cold = row('cold, into an empty folder');
  const runs = Number(/site: (\d+) runs/.exec(cold.m.stderr)?.[1] ?? 0);
  const sizes = siteSizes(out);
  const again = row('rebuild, nothing new');
  const { url, server } = await serveSite(out);
  const browser = await launchChromium(join(work, 'chromium-profile'));
  const charts: ArchiveSiteFigures['charts'] = [];
  try {
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const pages = ['index.html', /href="(configs\/[0-9a-f]+\.html)"/.exec(index)![1], /href="(series\/[0-9a-f]+\.html)"/.exec(index)![1],
      'metrics/instructions.html', 'metrics/mix.html', 'metrics/rare.html', 'runs.html'];
    for (const page of pages) {
      if (page === 'runs.html') continue;
      const times: number[] = [];
      let kb = 0;
      for (let i = 0; i < CHART_REPEATS; i++) {
        const r = await firstChart(browser, url, page);
        if (r.outside.length > 0) throw new Error(`${page} asked for ${r.outside.join(', ')}`);
        times.push(r.ms);
        kb = r.bytes / 1e3;
      }
      times.sort((a, b) => a - b);
      charts.push({ page, ms: times[CHART_REPEATS >> 1], min: times[0], max: times[CHART_REPEATS - 1], kb });
    }
  } finally {
    await browser.close();
    server.close();
  }
  const added = ingestArchiveWeeks(work, db, weeks, weeks + 1, weeks + 1);
  const newWeek = row(`rebuild after ${added} new runs (one more week)`);
  rmSync(out, { recursive: true, force: true });
  rmSync(db, { force: true });
  return { runs, weeks, ingestSeconds, cold, again, added, newWeek, sizes, charts };
}

export function formatArchiveSiteBench(f: ArchiveSiteFigures): string {
  const mb = (b: number) => (b / 1e6).toFixed(1);
  return [
    `\`pystats site\` of a generated bench_runner archive: ${f.runs} runs (${f.weeks} weeks × 3 configurations × 91 series)` +
      (f.ingestSeconds === null ? ', store given by BENCH_SITE_DB' : `, ingested in ${f.ingestSeconds.toFixed(0)} s`) + ':',
    '',
    '| build | wall s | CPU s | peak RSS MB | files | split (s) |',
    '|---|--:|--:|--:|---|---|',
    ...[f.cold, f.again, f.newWeek].map((r) => `| ${r.label} | ${r.m.seconds.toFixed(2)} | ${r.m.cpuSeconds.toFixed(2)} | ${r.m.peakRssMb.toFixed(0)} | ${r.files ?? ''} | ${r.split} |`),
    '',
    `Site: ${mb(f.sizes.totalBytes)} MB in ${f.sizes.files} files (${f.sizes.pages} pages); index.html ${(f.sizes.indexBytes / 1e3).toFixed(0)} kB; ` +
      `largest: ${f.sizes.largest.slice(0, 3).map(([p, s]) => `${p} ${(s / 1e3).toFixed(0)} kB`).join(', ')}.`,
    '',
    `First chart drawn, headless Chromium, pages from a local server (median of ${CHART_REPEATS} fresh tabs):`,
    '',
    '| page | ms | min–max | kB transferred |',
    '|---|--:|--:|--:|',
    ...f.charts.map((c) => `| ${c.page} | ${c.ms.toFixed(0)} | ${c.min.toFixed(0)}–${c.max.toFixed(0)} | ${c.kb.toFixed(0)} |`),
    '',
  ].join('\n');
}
