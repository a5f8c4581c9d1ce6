/**
 * Golden tests: reports printed by CPython's own summarize_stats.py (and bench_runner's
 * wrapper) must come out byte for byte. Only the closing "Stats gathered on" date is an
 * input, read from the expected file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject, RunStats } from '../schemas/run-stats.js';
import { decodeSummarizeJson } from '../workers/decode/summarize-json.js';
import {
  chooseStyle,
  headerHasBenchmarkLine,
  renderBenchRunnerHeader,
  renderComparison,
  renderReport,
  summarizeJsonOutput,
  type ReportStyle,
} from '../pipeline/report/index.js';
import { withVersionTables } from '../pipeline/report/version-tables.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const CPYTHON = join(FIXTURES, 'cpython-3.13.5');
const SAMPLES = join(FIXTURES, 'samples');
const PUBLISHED = join(FIXTURES, 'published');

function load(path: string): RunStats {
  return decodeSummarizeJson(readFileSync(path, 'utf8'));
}

function gatheredOn(markdown: string): string {
  const m = /\nStats gathered on: (\d{4}-\d{2}-\d{2})\n$/.exec(markdown);
  if (!m) throw new Error('expected report does not end with a "Stats gathered on" line');
  return m[1];
}

describe('CPython 3.13.5 summarize_stats.py output', () => {
  const names = readdirSync(CPYTHON)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));

  it('has the seven fixtures', () => {
    expect(names.sort()).toEqual(['mixed', 'multi-coroutines', 'multi-floats', 'multi-generators', 'single-coroutines', 'single-floats', 'single-generators']);
  });

  it.each(names)('%s.json renders to %s.md', (name) => {
    const stats = load(join(CPYTHON, `${name}.json`));
    const expected = readFileSync(join(CPYTHON, `${name}.md`), 'utf8');
    expect(chooseStyle(stats, '3.13.5')).toBe('3.13');
    expect(chooseStyle(stats)).toBe('3.13');
    expect(renderReport(stats, { date: gatheredOn(expected) })).toBe(expected);
  });

  it.each(names)('--json-output of %s.json is the file itself', (name) => {
    const text = readFileSync(join(CPYTHON, `${name}.json`), 'utf8');
    expect(summarizeJsonOutput(decodeSummarizeJson(text))).toBe(text);
  });
});

describe('samples made with the 3.13.5 script', () => {
  it.each(['base-3.13', 'tier2-3.13'])('%s', (name) => {
    const expected = readFileSync(join(SAMPLES, `${name}.expected.md`), 'utf8');
    expect(renderReport(load(join(SAMPLES, `${name}.json`)), { date: '2025-01-01' })).toBe(expected);
  });

  it('--json-output of the raw-3.13 directory load is reproduced from its decoded form', () => {
    const text = readFileSync(join(SAMPLES, 'raw-3.13.loaded.json'), 'utf8');
    expect(summarizeJsonOutput(decodeSummarizeJson(text))).toBe(text);
  });

  it('base vs head comparison', () => {
    const expected = readFileSync(join(SAMPLES, 'base-vs-head-3.13.expected.md'), 'utf8');
    const out = renderComparison(load(join(SAMPLES, 'base-3.13.json')), load(join(SAMPLES, 'head-3.13.json')), { date: '2025-01-01' });
    expect(out).toBe(expected);
  });
});

interface PublishedSets {
  pairs: Array<{ json: string; md: string }>;
  comparisons: Array<{ report: string; head_json: string; base_json: string }>;
}

const SETS = JSON.parse(readFileSync(join(PUBLISHED, 'SETS.json'), 'utf8')) as PublishedSets;

function metadataString(metadata: JsonObject | null, key: string): string {
  const value = metadata?.entries.find(([k]) => k === key)?.[1];
  if (typeof value !== 'string') throw new Error(`published JSON has no metadata.${key}`);
  return value;
}

/** The version part of bench_runner's result folder name: `bm-<date>-<version>-<hash>[-<flags>]`. */
function versionOfResult(path: string): string {
  return basename(dirname(path)).split('-')[2];
}

/** The benchmark names of a published links line (the test may read them from there). */
function linkedBenchmarks(markdown: string): string[] | null {
  const line = markdown.split('\n').find((l) => l.startsWith('- ['));
  return line ? [...line.matchAll(/\[([^\]]+)\]\(/g)].map((m) => m[1]) : null;
}

/** The style each published report needs, as found by reproducing them. */
const PUBLISHED_STYLES: Record<string, ReportStyle> = {
  'bm-20230619-azure-x86_64-python-v3.12.0b3-3.12.0b3-f992a60-pystats': '3.12',
  'bm-20240408-azure-x86_64-python-e1eeb990bd169491075e-3.13.0a5+-e1eeb99-pystats': '3.13-early',
  'bm-20240408-azure-x86_64-faster%2dcpython-specialize_load_attr-3.13.0a5+-1ec6d42-pystats': '3.13-early',
  'bm-20240402-azure-x86_64-mdboom-tier2_pystats_misses-3.13.0a5+-ee60448-pystats': '3.13-early',
  'bm-20240416-azure-x86_64-python-acf69e09c66f8473399f-3.13.0a6+-acf69e0-pystats': '3.13-early',
  'bm-20240608-azure-x86_64-python-c15f94d6fbc960790db3-3.13.0b2+-c15f94d-pystats': '3.13-early',
  'bm-20240629-azure-x86_64-python-6b280a84988ca221b5bd-3.14.0a0-6b280a8-pystats': '3.13-early',
  'bm-20240701-azure-x86_64-python-33903c53dbdb768e1ef7-3.14.0a0-33903c5-pystats': '3.13-early',
  'bm-20240701-azure-x86_64-brandtbucher-warmer_side_exits-3.14.0a0-8423e72-pystats': '3.13-early',
  'bm-20241214-azure-x86_64-python-0ac40acec045c4ce780c-3.14.0a2+-0ac40ac-pystats-coroutines': '3.14',
  'bm-20250423-azure-x86_64-python-5f50541ebd420a2d21a2-3.14.0a7+-5f50541-pystats-coroutines': '3.14',
  'bm-20250603-azure-x86_64-faster%2dcpython-specialize_for_iter_-3.15.0a0-06c1680-pystats-coroutines': '3.15',
};

describe('published bench_runner reports (header, links line, report)', () => {
  it('covers the twelve pairs of SETS.json', () => {
    expect(SETS.pairs.map((p) => basename(p.json, '.json')).sort()).toEqual(Object.keys(PUBLISHED_STYLES).sort());
  });

  it.each(SETS.pairs.map((p) => [basename(p.md), p] as const))('%s', (_name, pair) => {
    const version = versionOfResult(pair.json);
    // 3.12 JSON has no _defines: the report names failure kinds from the bundled tables.
    const stats = withVersionTables(load(join(PUBLISHED, pair.json)), version);
    const expected = readFileSync(join(PUBLISHED, pair.md), 'utf8');
    const stem = basename(pair.json, '.json');

    const style = chooseStyle(stats, version);
    expect(style).toBe(PUBLISHED_STYLES[stem]);

    const benchmark = /-pystats-(.+)$/.exec(stem)?.[1] ?? 'all';
    const benchmarks = benchmark === 'all' ? linkedBenchmarks(expected) : null;
    const header = renderBenchRunnerHeader(
      {
        benchmark,
        fork: metadataString(stats.metadata, 'commit_fork'),
        ref: metadataString(stats.metadata, 'commit_branch'),
        commitHash: metadataString(stats.metadata, 'commit_id'),
        commitDate: metadataString(stats.metadata, 'commit_date'),
        benchmarkLine: headerHasBenchmarkLine(stats.metadata?.entries.map(([k]) => k) ?? null),
      },
      benchmarks ? { stem, benchmarks } : null,
    );
    const report = renderReport(stats, { date: gatheredOn(expected), pythonVersion: version });
    expect(header + report).toBe(expected);
  });
});

describe('published comparisons (no header)', () => {
  it.each(SETS.comparisons.map((c) => [basename(c.report), c] as const))('%s', (_name, c) => {
    const expected = readFileSync(join(PUBLISHED, c.report), 'utf8');
    const base = load(join(PUBLISHED, c.base_json));
    const head = load(join(PUBLISHED, c.head_json));
    const out = renderComparison(base, head, { date: gatheredOn(expected), pythonVersion: versionOfResult(c.head_json) });
    expect(out).toBe(expected);
  });
});

describe('the early-3.13 variants are needed, not incidental', () => {
  // A PYTHON_UOPS run of 2024-04-16: "abandoced", but already with uop pair counts.
  const pair = SETS.pairs.find((p) => p.json.includes('acf69e0-PYTHON_UOPS'))!;
  const stats = load(join(PUBLISHED, pair.json));
  const expected = readFileSync(join(PUBLISHED, pair.md), 'utf8');
  const body = expected.slice(expected.indexOf('## Execution counts'));
  const date = gatheredOn(expected);

  it('matches with the early style at its commit date', () => {
    expect(renderReport(stats, { style: '3.13-early', date })).toBe(body);
  });

  it('does not match with the released 3.13 text (no typo)', () => {
    const out = renderReport(stats, { style: '3.13', date });
    expect(out).not.toBe(body);
    expect(out.replace('abandoned because it it too short', 'abandoced because it it too short')).toBe(body);
  });

  it('does not match with the pre-uop-pairs script (as of 2024-04-08)', () => {
    const out = renderReport(stats, { style: '3.13-early', date, scriptDate: '2024-04-08T10:38:09+01:00' });
    expect(out).not.toBe(body);
    expect(out).toContain('<summary> Pair counts for top 100 Tier 1 instructions </summary>');
    expect(out).not.toContain('Non-JIT uop pairs');
  });
});
