/**
 * Public API of the report renderer: summarize_stats.py's Markdown report for one run or
 * a base-vs-head comparison, its `--json-output` JSON, and bench_runner's header.
 */
import type { RunStats } from '../../schemas/run-stats.js';
import { renderHtmlReport } from './render-html.js';
import { renderPipeReport } from './render-pipe.js';
import { reportSections } from './layout.js';
import { comparisonParts312, singleParts312 } from './layout-3.12.js';
import { Stats } from './stats.js';
import { chooseComparisonStyle, chooseStyle, commitDateOf, styleProfile, type ReportStyle } from './styles.js';

export type { ReportStyle } from './styles.js';
export { chooseStyle } from './styles.js';
export { headerHasBenchmarkLine, renderBenchRunnerHeader, type BenchRunnerHeader } from './bench-runner-header.js';
// The `--json-output` file, written by pipeline/json (the store's export-json uses it too).
export { formatSummarizeJson as summarizeJsonOutput } from '../json/summarize-json.js';
export { ReportDataError } from './errors.js';

export interface ReportOptions {
  /** The script to imitate; chosen with `chooseStyle` when absent. */
  style?: ReportStyle;
  /** YYYY-MM-DD for the closing `Stats gathered on` line (the script prints its run date). */
  date: string;
  /** The interpreter's `platform.python_version()`, used only to choose a style. */
  pythonVersion?: string | null;
  /**
   * Commit date (ISO 8601) of the CPython checkout whose script printed the report. It only
   * refines '3.13-early' (see styleProfile); defaults to the run's `metadata.commit_date`
   * (the head run's, in a comparison), then to what `pythonVersion` implies.
   */
  scriptDate?: string | null;
}

export function renderReport(stats: RunStats, opts: ReportOptions): string {
  const style = opts.style ?? chooseStyle(stats, opts.pythonVersion);
  const view = new Stats(stats);
  if (style === '3.12') return renderPipeReport(singleParts312(view), opts.date);
  const profile = styleProfile(style, { scriptDate: opts.scriptDate ?? commitDateOf(stats), pythonVersion: opts.pythonVersion, keys: stats.keys });
  return renderHtmlReport(reportSections(profile), view, null, opts.date);
}

export function renderComparison(base: RunStats, head: RunStats, opts: ReportOptions): string {
  const style = opts.style ?? chooseComparisonStyle(base, head, opts.pythonVersion);
  const baseView = new Stats(base);
  const headView = new Stats(head);
  if (style === '3.12') return renderPipeReport(comparisonParts312(baseView, headView), opts.date);
  const profile = styleProfile(style, { scriptDate: opts.scriptDate ?? commitDateOf(head), pythonVersion: opts.pythonVersion, keys: head.keys });
  return renderHtmlReport(reportSections(profile), baseView, headView, opts.date);
}
