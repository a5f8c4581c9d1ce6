/**
 * `pystats summarize`: CPython's summarize_stats.py as a drop-in, through the same
 * pipeline as everything else (workers → Arrow → DuckDB in memory → exporter).
 * One input prints its report (and may write the JSON); two print the comparison.
 */
import { writeFileSync } from 'node:fs';
import { ParsePool } from '../load/worker-pool.js';
import { openMemoryStore } from './memory-store.js';
import { ingestSources } from '../load/ingest.js';
import { loadRunStats } from '../runs/read-runs.js';
import { startSummarize, type StartedSummarize } from './start.js';
import { withLoaderTables, withVersionTables } from '../report/version-tables.js';
import { renderComparison, renderReport, summarizeJsonOutput, type ReportStyle } from '../report/index.js';
import { mark } from '../timing.js';

export interface SummarizeOptions {
  inputs: string[];
  jsonOutput?: string | null;
  /** The `Stats gathered on` date (YYYY-MM-DD). */
  date: string;
  style?: ReportStyle;
  pythonVersion?: string | null;
  /** Parse workers; default: as many as the input's size calls for (summarizeWorkerCount). */
  workers?: number;
  orderFile?: string | null;
  onWarning?: (message: string) => void;
  /** A pool already warming up (the CLI starts it before loading DuckDB); summarize closes it once parsed. */
  pool?: ParsePool;
  /** Parsing already started on the inputs (startSummarize), with `pool`. */
  started?: StartedSummarize;
  /**
   * Where the report goes as soon as it is rendered, before the in-memory store is torn
   * down (closing DuckDB takes a few ms nobody needs to wait for); it is returned as well.
   */
  emit?: (report: string) => void;
}

export class SummarizeError extends Error {}

export async function summarize(opts: SummarizeOptions): Promise<string> {
  if (opts.inputs.length < 1 || opts.inputs.length > 2) throw new SummarizeError('summarize takes one input, or two to compare');
  if (opts.inputs.length === 2 && opts.jsonOutput) throw new SummarizeError('--json-output cannot be used when comparing two inputs');
  // Without a size asked for, one worker to start with: startSummarize grows the pool to the input.
  const pool = opts.pool ?? new ParsePool(opts.workers ?? 1);
  const store = await openMemoryStore();
  mark('DuckDB ready');
  try {
    const { sources, parse } = opts.started ?? await startSummarize(
      opts.inputs, pool, opts.orderFile ?? null, opts.workers ?? null, opts.onWarning,
    );
    const report = await ingestSources(store, sources, {
      rowMode: 'sums', identifyByContent: false, onWarning: opts.onWarning,
    }, pool, parse);
    // Every file is parsed: the workers' teardown overlaps the render instead of following
    // it (awaited below, in finally).
    mark('load (wait for workers, append)');
    void pool.close();
    if (report.errors.length > 0) throw new SummarizeError(report.errors.join('\n'));
    const version = opts.pythonVersion ?? null;
    const loaded = await Promise.all(report.runIds.map((id) => loadRunStats(store.conn, [id])));
    mark('SQL (read the sums back)');
    // The report needs the per-version tables whatever the input; the JSON gets what the
    // version's loader appends to a raw directory, and a JSON input back as it was.
    const stats = loaded.map((s) => withVersionTables(s, version));
    const renderOpts = { date: opts.date, style: opts.style, pythonVersion: version };
    let text: string;
    if (stats.length === 2) {
      text = renderComparison(stats[0], stats[1], renderOpts);
      mark('render');
    } else {
      if (opts.jsonOutput) {
        const asLoaded = sources[0].kind === 'raw' ? withLoaderTables(loaded[0], version) : loaded[0];
        // Written in one call on this thread: a write on libuv's thread pool made the report
        // wait for that thread to be scheduled, on a loaded machine longer than the write.
        writeFileSync(opts.jsonOutput, summarizeJsonOutput(asLoaded));
        mark('JSON output');
      }
      text = renderReport(stats[0], renderOpts);
      mark('render');
    }
    opts.emit?.(text);
    return text;
  } finally {
    store.close();
    await pool.close();
  }
}
