/**
 * A trend as Markdown (GitHub-flavoured tables), CSV (csv-stringify, long form: one row
 * per point of every series) or JSON. Counter values are written from their exact
 * HUGEINT sums; gaps are "—" in Markdown, empty in CSV and null in JSON.
 */
import { stringify } from 'csv-stringify/sync';
import { pythonJsonDumps } from '../../json/python-json.js';
import { jsonObject, type JsonValue } from '../../../schemas/run-stats.js';
import { unitLabel, type MetricUnit } from '../metrics/catalog.js';
import { changeKind, type ChangeKind, type TrendPoint, type TrendSeries } from '../series.js';
import type { Step } from '../detect/detect.js';
import type { TrendResult } from '../run-trend.js';

export type TrendFormat = 'md' | 'csv' | 'json';

export function renderTrend(r: TrendResult, format: TrendFormat): string {
  if (format === 'csv') return renderCsv(r);
  if (format === 'json') return renderJson(r);
  return renderMarkdown(r);
}

const GAP = '—';

export function groupDigits(s: string): string {
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

export function formatValue(unit: MetricUnit, value: number | null, exact: bigint | null = null): string {
  if (exact !== null && unit === 'count') return groupDigits(exact.toString());
  if (value === null) return GAP;
  switch (unit) {
    case 'count': return groupDigits(Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1));
    case 'percent': return value.toFixed(2);
    case 'per1k': return value.toFixed(3);
    case 'value': return Math.abs(value) >= 1e6 ? groupDigits(value.toFixed(0)) : String(Number(value.toPrecision(6)));
  }
}

export function formatChange(kind: ChangeKind, c: number | null): string {
  if (c === null) return '';
  const sign = c > 0 ? '+' : c < 0 ? '−' : '±';
  return kind === 'pp' ? `${sign}${Math.abs(c).toFixed(2)} pp` : `${sign}${(Math.abs(c) * 100).toFixed(2)}%`;
}

function stepText(unit: MetricUnit, s: Step): string {
  const kind = changeKind(unit);
  const size = kind === 'pp' ? s.size : s.relative;
  return `${s.size > 0 ? '▲' : '▼'} ${formatChange(kind, size)}`;
}

function formatConfidence(c: number): string {
  return c >= 0.9995 ? '≥0.999' : c.toFixed(3);
}

function cell(s: string): string {
  return s.includes('|') ? s.replace(/\|/g, '\\|') : s;
}

function xText(r: TrendResult, p: TrendPoint): string {
  return r.x === 'date' ? p.date ?? '' : String(p.order);
}

export function renderMarkdown(r: TrendResult): string {
  const m = r.metric;
  const out: string[] = [];
  out.push(`# Trend: ${cell(m.title)}`, '');
  out.push(`${m.definition}`, '');
  out.push(`- unit: ${unitLabel(m.unit)}; x: ${r.x === 'date' ? 'commit date' : 'run order'}; values ${r.mode === 'files' ? 'per file (min / median / max across processes)' : 'per run (counters summed over a point\'s runs)'}`);
  out.push(`- series: ${r.by.length > 0 ? r.by.join(' × ') : 'one (all selected runs)'}${r.by.includes('benchmark') ? '' : ', aggregated over benchmarks'}`);
  out.push(`- SQL: \`${m.sql}\``);
  out.push(`- change detection: ${methodText(r)}`);
  out.push(`- runs: ${r.runsSelected} selected${r.undatedRuns.length > 0 ? `, ${r.undatedRuns.length} without a commit date left out (use --x order)` : ''}`);
  out.push('');
  if (r.series.length === 0) {
    out.push('No runs match.', '');
    return out.join('\n');
  }
  const kind = changeKind(m.unit);
  out.push('## Change points', '');
  const steps = r.series.flatMap((s) => s.steps.map((st) => ({ s, st })));
  if (steps.length === 0) out.push('None found.', '');
  else {
    out.push('| Series | ' + (r.x === 'date' ? 'Date' : 'Run') + ' | Commit | Before → after | Size | Confidence |', '|---|---|---|---|--:|--:|');
    for (const { s, st } of steps) {
      const p = s.points[st.index];
      out.push(`| ${cell(s.label)} | ${xText(r, p)} | ${p.commit?.slice(0, 9) ?? ''} | ${formatValue(m.unit, st.before)} → ${formatValue(m.unit, st.after)} | ${formatChange(kind, kind === 'pp' ? st.size : st.relative)} | ${formatConfidence(st.confidence)} |`);
    }
    out.push('');
  }
  for (const s of r.series) {
    out.push(`## ${cell(s.label)}`, '');
    const files = r.mode === 'files';
    const head = [r.x === 'date' ? 'Date' : 'Run', 'Commit', 'Version', 'Runs', ...(files ? ['Min', 'Median', 'Max', 'Files'] : ['Value']), 'Δ prev', 'Δ first', 'Step'];
    out.push(`| ${head.join(' | ')} |`);
    out.push(`|${head.map((h) => (['Runs', 'Value', 'Min', 'Median', 'Max', 'Files', 'Δ prev', 'Δ first'].includes(h) ? '--:' : '---')).join('|')}|`);
    for (const p of s.points) {
      const values = files
        ? [formatValue(m.unit, p.min), formatValue(m.unit, p.median), formatValue(m.unit, p.max), String(p.units)]
        : [formatValue(m.unit, p.value, p.exact)];
      const row = [
        xText(r, p), p.commit?.slice(0, 9) ?? '', p.pythonVersions.join(', ') + (p.semanticBreak ? ' ‡' : '') + (p.caveat ? ' †' : ''), String(p.runIds.length), ...values,
        formatChange(kind, p.changePrev), formatChange(kind, p.changeFirst), p.step ? stepText(m.unit, p.step) : '',
      ];
      out.push(`| ${row.map(cell).join(' | ')} |`);
    }
    out.push('');
  }
  const breaks = [...new Set(r.series.flatMap((s) => s.points.map((p) => p.semanticBreak).filter((b): b is string => !!b)))];
  for (const b of breaks) out.push(`‡ semantic break: ${b}.`, '');
  const caveats = [...new Set(r.series.flatMap((s) => s.points.map((p) => p.caveat).filter((c): c is string => !!c)))];
  for (const c of caveats) out.push(`† caveat: ${c}.`, '');
  if (r.series.some((s) => s.points.some((p) => p.value === null))) {
    out.push(`${GAP}: no value: the runs at that point have no such key (their CPython or build lacks it), or its denominator is 0.`, '');
  }
  return out.join('\n');
}

function methodText(r: TrendResult): string {
  if (r.method === 'none') return 'off';
  if (r.method === 'edivisive') return 'E-Divisive means (permutation test, p ≤ 0.05), the baseline';
  const d = r.detection;
  const min = d.scale === 'relative'
    ? `${(d.minEffect * 100).toFixed(2)}%`
    : `${d.minEffect} pp or ${(d.minShareChange * 100).toFixed(0)}% of min(p, 100 − p)`;
  return `robust binary segmentation (steps ≥ ${min}, α = ${d.alpha}; docs/trends.md)`;
}

const CSV_COLUMNS = [
  'metric', 'unit', 'series', 'part', 'fork', 'flags', 'machine', 'benchmark', 'x', 'date', 'order', 'commit',
  'python_version', 'run_ids', 'value', 'min', 'median', 'max', 'files', 'change_prev', 'change_first', 'change_kind',
  'step_before', 'step_after', 'step_size', 'step_relative', 'step_confidence', 'semantic_break', 'caveat',
] as const;

function num(v: number | null): string {
  return v === null ? '' : String(v);
}

export function renderCsv(r: TrendResult): string {
  const kind = changeKind(r.metric.unit);
  const rows: string[][] = [];
  for (const s of r.series) {
    for (const p of s.points) {
      const st = p.step;
      rows.push([
        r.metric.title, r.metric.unit, s.label, s.part, s.dims.fork ?? '', s.dims.flags ?? '', s.dims.machine ?? '',
        s.dims.benchmark ?? '', r.x, p.date ?? '', String(p.order), p.commit ?? '', p.pythonVersions.join(' '),
        p.runIds.join(' '), p.exact !== null ? p.exact.toString() : num(r.mode === 'files' ? p.median : p.value),
        num(p.min), num(p.median), num(p.max), r.mode === 'files' ? String(p.units) : '',
        num(p.changePrev), num(p.changeFirst), kind,
        st ? String(st.before) : '', st ? String(st.after) : '', st ? String(st.size) : '',
        st ? num(st.relative) : '', st ? String(st.confidence) : '', p.semanticBreak ?? '', p.caveat ?? '',
      ]);
    }
  }
  return stringify([[...CSV_COLUMNS], ...rows]);
}

function stepJson(s: Step, p: TrendPoint): JsonValue {
  return jsonObject([
    ['date', p.date], ['order', BigInt(p.order)], ['commit', p.commit], ['before', s.before], ['after', s.after],
    ['size', s.size], ['relative', s.relative], ['confidence', s.confidence],
  ]);
}

function pointJson(r: TrendResult, p: TrendPoint): JsonValue {
  const value: JsonValue = p.exact !== null ? p.exact : p.value;
  const entries: Array<[string, JsonValue]> = [
    ['date', p.date], ['order', BigInt(p.order)], ['commit', p.commit],
    ['python_versions', p.pythonVersions], ['run_ids', p.runIds.map((id) => BigInt(id))], ['value', value],
  ];
  if (r.mode === 'files') entries.push(['min', p.min], ['median', p.median], ['max', p.max], ['files', BigInt(p.units)]);
  entries.push(['change_prev', p.changePrev], ['change_first', p.changeFirst], ['step', p.step ? stepJson(p.step, p) : null]);
  entries.push(['semantic_break', p.semanticBreak ?? null], ['caveat', p.caveat ?? null]);
  return jsonObject(entries);
}

function seriesJson(r: TrendResult, s: TrendSeries): JsonValue {
  return jsonObject([
    ['label', s.label],
    ['dims', jsonObject(Object.entries(s.dims).map(([k, v]) => [k, v ?? null]))],
    ['part', s.part],
    ['points', s.points.map((p) => pointJson(r, p))],
    ['steps', s.steps.map((st) => stepJson(st, s.points[st.index]))],
  ]);
}

export function renderJson(r: TrendResult): string {
  const m = r.metric;
  const doc = jsonObject([
    ['metric', jsonObject([
      ['id', m.id], ['arg', m.arg], ['title', m.title], ['unit', m.unit], ['definition', m.definition], ['sql', m.sql],
    ])],
    ['x', r.x], ['mode', r.mode], ['by', r.by], ['change_kind', changeKind(m.unit)],
    ['detection', jsonObject([
      ['method', r.method], ['scale', r.detection.scale], ['min_effect', r.detection.minEffect], ['alpha', r.detection.alpha],
    ])],
    ['runs_selected', BigInt(r.runsSelected)],
    ['undated_runs', r.undatedRuns.map((id) => BigInt(id))],
    ['series', r.series.map((s) => seriesJson(r, s))],
  ]);
  return pythonJsonDumps(doc, 2) + '\n';
}
