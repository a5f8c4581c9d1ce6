/**
 * Report figures: the drop-in `pystats summarize DIR --json-output F` on the corpus, and
 * one report rendered from the store (in process: query + render; and the whole command).
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openStore } from '../pipeline/store/store.js';
import { loadRunStats } from '../pipeline/runs/read-runs.js';
import { withVersionTables } from '../pipeline/report/version-tables.js';
import { renderReport } from '../pipeline/report/index.js';
import { measurePystats, type Measurement } from './measure.js';

/**
 * The median (by wall time) of `times` runs of `pystats summarize DIR --json-output F`,
 * with `--workers N`, or as users run it (null: the worker count follows the input).
 */
export function benchSummarize(dir: string, workers: number | null, outDir: string, times = 5): Measurement {
  const args = ['summarize', dir, '--json-output', join(outDir, `summarize-${workers ?? 'default'}.json`)];
  if (workers !== null) args.push('--workers', String(workers));
  const runs = Array.from({ length: times }, () => measurePystats(args, { discardStdout: true })).sort((a, b) => a.seconds - b.seconds);
  return runs[runs.length >> 1];
}

/**
 * One directory holding every file of `dirs`, as hard links (symbolic ones when the
 * corpus is on another file system): the whole corpus as one summarize input.
 */
export function linkedDirectory(dirs: string[], target: string): string {
  mkdirSync(target, { recursive: true });
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      const from = join(dir, name);
      const to = join(target, `${basename(dir)}-${name}`);
      try {
        linkSync(from, to);
      } catch {
        symlinkSync(from, to);
      }
    }
  }
  return target;
}

/** A directory with only the first file of `dir`: summarize's fixed cost (start-up, DuckDB, render). */
export function singleFileDirectory(dir: string, target: string): string {
  mkdirSync(target, { recursive: true });
  const first = readdirSync(dir).sort()[0];
  copyFileSync(join(dir, first), join(target, first));
  return target;
}

export interface RenderFigures {
  queryAndRenderSeconds: number;
  commandSeconds: number;
  reportBytes: number;
}

/** Median of 5 renders of the store's first run, and of 5 `pystats report` commands. */
export async function benchRender(db: string): Promise<RenderFigures> {
  const store = await openStore(db);
  const times: number[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      const stats = withVersionTables(await loadRunStats(store.conn, [1]), null);
      bytes = renderReport(stats, { date: '2026-01-01' }).length;
      times.push(Number(process.hrtime.bigint() - t) / 1e9);
    }
  } finally {
    store.close();
  }
  const command = Array.from({ length: 5 }, () => measurePystats(['report', '1', '--db', db, '--date', '2026-01-01']).seconds);
  return { queryAndRenderSeconds: median(times), commandSeconds: median(command), reportBytes: bytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
