/**
 * `pystats summarize`: CPython's summarize_stats.py as a drop-in, through the same
 * pipeline as everything else (workers → Arrow → DuckDB in memory → exporter).
 * One input prints its report (and may write the JSON); two print the comparison.
 */
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ParsePool, defaultWorkerCount } from '../load/worker-pool.js';
import { openStore } from '../load/store.js';
import { ingestSources } from '../load/ingest.js';
import { loadRunStats } from '../query/runs.js';
import { discoverRawDir, DiscoveryError, type RunSource } from '../discover/discover-inputs.js';
import { withVersionTables } from '../export/version-tables.js';
import { renderComparison, renderReport, summarizeJsonOutput, type ReportStyle } from '../export/report/index.js';

export interface SummarizeOptions {
  inputs: string[];
  jsonOutput?: string | null;
  /** The `Stats gathered on` date (YYYY-MM-DD). */
  date: string;
  style?: ReportStyle;
  pythonVersion?: string | null;
  workers?: number;
  orderFile?: string | null;
  onWarning?: (message: string) => void;
  /** A pool already warming up (the CLI starts it before loading DuckDB). */
  pool?: ParsePool;
}

export class SummarizeError extends Error {}

export async function summarize(opts: SummarizeOptions): Promise<string> {
  if (opts.inputs.length < 1 || opts.inputs.length > 2) throw new SummarizeError('summarize takes one input, or two to compare');
  if (opts.inputs.length === 2 && opts.jsonOutput) throw new SummarizeError('--json-output cannot be used when comparing two inputs');
  const pool = opts.pool ?? new ParsePool(opts.workers ?? defaultWorkerCount());
  const store = await openStore(':memory:');
  try {
    const sources = await Promise.all(opts.inputs.map((input) => sourceOf(input, opts.orderFile ?? null)));
    const report = await ingestSources(store, sources, {
      rowMode: 'sums', identifyByContent: false, onWarning: opts.onWarning,
    }, pool);
    if (report.errors.length > 0) throw new SummarizeError(report.errors.join('\n'));
    const stats = await Promise.all(report.runIds.map(async (id, i) => {
      const s = await loadRunStats(store.conn, [id]);
      return sources[i].kind === 'raw' ? withVersionTables(s, opts.pythonVersion ?? null) : s;
    }));
    const renderOpts = { date: opts.date, style: opts.style, pythonVersion: opts.pythonVersion ?? null };
    if (stats.length === 2) return renderComparison(stats[0], stats[1], renderOpts);
    if (opts.jsonOutput) await writeFile(opts.jsonOutput, summarizeJsonOutput(stats[0]));
    return renderReport(stats[0], renderOpts);
  } finally {
    store.close();
    if (!opts.pool) await pool.close();
  }
}

async function sourceOf(input: string, orderFile: string | null): Promise<RunSource> {
  const info = await stat(input).catch(() => null);
  if (info?.isFile()) return { kind: 'json', path: resolve(input) };
  if (info?.isDirectory()) return discoverRawDir(input, { orderFile });
  throw new DiscoveryError(`${input}: not a directory of raw stats nor a JSON file`);
}
