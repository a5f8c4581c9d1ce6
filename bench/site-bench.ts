/**
 * Site speed: `pystats site` on the 1,000-run store of the trend bench (trend-bench.ts),
 * the whole default metric catalog, each build as its own process:
 *  - cold: into an empty folder, every run's report page rendered;
 *  - rebuild: into the same folder again, the report pages kept (their stamp matches), as a
 *    daily rebuild with a few new runs pays.
 * The command prints its own split (trends read, trend pages, report pages) to stderr.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { measurePystats, type Measurement } from './measure.js';

export interface SiteBenchRow {
  label: string;
  m: Measurement;
  split: string;
}

export function benchSite(db: string, work: string): SiteBenchRow[] {
  const out = join(work, 'site');
  rmSync(out, { recursive: true, force: true });
  const args = ['site', '--db', db, '-o', out, '--date', '2025-01-01'];
  const row = (label: string): SiteBenchRow => {
    const m = measurePystats(args);
    return { label, m, split: /\(seconds: ([^)]*)\)/.exec(m.stderr)?.[1] ?? '' };
  };
  const rows = [row('cold: every page, 1,000 report pages rendered'), row('rebuild into the same folder: report pages kept')];
  const pages = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
  rmSync(out, { recursive: true, force: true });
  rows.forEach((r) => (r.label += ` (${pages} pages)`));
  return rows;
}

export function formatSiteBench(rows: SiteBenchRow[]): string {
  return [
    '`pystats site` over the same 1,000 runs, the whole default metric catalog (26 metrics), as its own process:',
    '',
    '| build | wall s | peak RSS MB | split (s) |',
    '|---|--:|--:|---|',
    ...rows.map((r) => `| ${r.label} | ${r.m.seconds.toFixed(2)} | ${r.m.peakRssMb.toFixed(0)} | ${r.split} |`),
    '',
  ].join('\n');
}
