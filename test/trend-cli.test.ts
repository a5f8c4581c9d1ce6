/**
 * `pystats trend` through its yargs command on a store holding both published series:
 * formats, the catalog listing, the plot file, and one-line errors for bad input.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { trendCommand } from '../cli/commands/trend.js';
import { UserError } from '../cli/user-error.js';
import { METRICS } from '../pipeline/trend/metrics/catalog.js';
import { fromRoot } from '../pipeline/package-root.js';
import { tempDir, tempStore } from './helpers/store.js';
import { ingestSeries } from './trend-fixtures.js';

let db: string;
const work = tempDir('pystats-trend-cli-');

beforeAll(async () => {
  const store = await tempStore();
  db = store.path;
  await ingestSeries(store, 'series_all_benchmarks_python_main_default_build');
  await ingestSeries(store, 'series_coroutines');
  store.close();
});

async function trend(...args: string[]): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
  try {
    await yargs(['trend', ...args, ...(args.includes('--list') ? [] : ['--db', db])])
      .command(trendCommand).strict().exitProcess(false)
      .fail((msg, err) => { throw err ?? new Error(msg); })
      .parseAsync();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

/** RFC 4180 as csv-stringify writes it (quotes around fields with , " or newlines). */
function parse(text: string, _opts: { columns: true }): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('pystats trend (CLI)', () => {
  it('--list prints every catalog metric with its SQL file', async () => {
    const out = await trend('--list');
    for (const m of METRICS) {
      expect(out).toContain(m.id);
      expect(out).toContain(`pipeline/trend/metrics/${m.sqlFile}`);
    }
    expect(out).toContain('--expr');
  });

  it('Markdown by default: a change-point table and one table per series', async () => {
    const out = await trend('frames.pushed', '--benchmark', 'all');
    expect(out).toMatch(/^# Trend: frames\.pushed/);
    expect(out).toContain('## Change points');
    expect(out).toContain('## python / default / x86_64 / all');
    expect(out.split('\n').filter((l) => /^\| 2024-/.test(l)).length).toBeGreaterThanOrEqual(15);
  });

  it('CSV: one row per point of every series, with exact counter values', async () => {
    const out = await trend('instructions', '--format', 'csv');
    const rows = parse(out, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(23);
    expect(new Set(rows.map((r) => r.benchmark))).toEqual(new Set(['all', 'coroutines']));
    for (const r of rows) expect(r.value).toMatch(/^\d+$/);
  });

  it('JSON: metric, series and points; -o writes to a file and --plot an SVG', async () => {
    const file = join(work, 'out.json');
    const svg = join(work, 'plot.svg');
    await trend('spec.hit:CALL', '--benchmark', 'all', '--format', 'json', '-o', file, '--plot', svg);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { metric: { id: string; arg: string }; series: Array<{ points: unknown[]; steps: unknown[] }> };
    expect(doc.metric).toMatchObject({ id: 'spec.hit', arg: 'CALL' });
    expect(doc.series[0].points).toHaveLength(15);
    expect(existsSync(svg)).toBe(true);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg/);
  });

  it('the built command draws the plot too (vega is an ES module the code-cached bundle borrows import() for)', () => {
    const svg = join(work, 'built.svg');
    const r = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), 'trend', 'instructions', '--db', db,
      '--benchmark', 'all', '--plot', svg], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# Trend: instructions');
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg/);
  });

  it('--by benchmark aggregates the coroutines runs into one series', async () => {
    const out = await trend('instructions', '--benchmark', 'coroutines', '--by', 'benchmark', '--format', 'csv');
    const rows = parse(out, { columns: true }) as Array<Record<string, string>>;
    expect(new Set(rows.map((r) => r.series))).toEqual(new Set(['coroutines']));
    expect(rows).toHaveLength(8);
  });

  for (const [args, message] of [
    [['no.such.metric'], /unknown metric/],
    [['spec.hit'], /needs FAMILY/],
    [['spec.hit:load attr'], /FAMILY must be/],
    [['instructions', '--since', '2024/01/01'], /--since must be YYYY-MM-DD/],
    [['instructions', '--by', 'fork,colour'], /unknown dimension/],
    [['--expr', '"a"; DROP TABLE runs'], /unexpected ";"/],
    [[], /name a metric/],
  ] as const) {
    it(`refuses ${args.join(' ') || 'no metric'} with a one-line error`, async () => {
      const err = await trend(...args).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
    });
  }
});
