/**
 * The 3.12 report (pipe tables). No 3.12 report was published to diff against, so these
 * tests pin the rules of the 3.12 script (docs/format.md §3.7) on a small run,
 * and render the one real 3.12.0b3 JSON end to end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DefinesTable, RunStats } from '../schemas/run-stats.js';
import { decodeSummarizeJson } from '../workers/decode/summarize-json.js';
import { chooseStyle, renderComparison, renderReport, ReportDataError, summarizeJsonOutput } from '../pipeline/report/index.js';
import { OPNAME_3_12 } from '../pipeline/report/opcodes-3.12.js';
import { runOf } from './report-helpers.js';

const date = '2025-01-01';
const defines: DefinesTable = [
  [0, ['OTHER']],
  [1, ['NO_DICT']],
];
const statsDefines: DefinesTable = [
  [0, ['TOTAL']],
  [1, ['VECTOR']],
];
const op = (name: string) => OPNAME_3_12.indexOf(name);

function run312(extra: Array<[string, number]> = []): RunStats {
  const stats = runOf(
    [
      [`opcode[${op('LOAD_FAST')}].execution_count`, 1000],
      [`opcode[${op('STORE_FAST')}].execution_count`, 1000],
      [`opcode[${op('LOAD_ATTR')}].specializable`, 2],
      [`opcode[${op('LOAD_ATTR')}].execution_count`, 100],
      [`opcode[${op('LOAD_ATTR')}].specialization.deferred`, 40],
      [`opcode[${op('LOAD_ATTR')}].specialization.success`, 3],
      [`opcode[${op('LOAD_ATTR')}].specialization.failure`, 1],
      [`opcode[${op('LOAD_ATTR')}].specialization.failure_kinds[1]`, 1],
      [`opcode[${op('LOAD_ATTR_SLOT')}].execution_count`, 50],
      [`opcode[${op('LOAD_ATTR_SLOT')}].specialization.miss`, 5],
      [`opcode[${op('LOAD_FAST')}].pair_count[${op('STORE_FAST')}]`, 600],
      [`opcode[${op('STORE_FAST')}].pair_count[${op('LOAD_FAST')}]`, 600],
      [`opcode[${op('LOAD_FAST')}].pair_count[${op('LOAD_ATTR')}]`, 10],
      ['Calls to PyEval_EvalDefault', 10],
      ['Calls to Python functions inlined', 30],
      ['Frames pushed', 5],
      ['Calls via PyEval_EvalFrame[1]', 4],
      ['Object allocations from freelist', 0],
      ['Object allocations', 1],
      ['Object new values', 1],
      ['Object interpreter increfs', 0],
      ['Object interpreter decrefs', 0],
      ['Object increfs', 0],
      ['Object decrefs', 0],
      ['Object materialize dict (on request)', 123456],
      ['__nfiles__', 3],
      ...extra,
    ],
    { defines, statsDefines },
  );
  // 3.12 data carries no specialized-instruction list: the script asks its interpreter.
  return { ...stats, specializedInstructions: null };
}

describe('3.12 single report', () => {
  const out = renderReport(run312(), { date });

  it('is chosen from numeric opcode keys', () => {
    expect(chooseStyle(run312())).toBe('3.12');
  });

  it('prints pipe tables with the header trailing space; ties by (count, name) descending', () => {
    expect(out.startsWith(
      '## Execution counts\n\n<details>\n<summary> execution counts for all instructions </summary>\n\n' +
        '|Name | Count | Self | Cumulative | Miss ratio | \n|---|---:|---:|---:|---:|\n' +
        '| STORE_FAST | 1,000 | 46.5% | 46.5% |  |\n' +
        '| LOAD_FAST | 1,000 | 46.5% | 93.0% |  |\n' +
        '| LOAD_ATTR | 100 | 4.7% | 97.7% |  |\n' +
        '| LOAD_ATTR_SLOT | 50 | 2.3% | 100.0% | 10.0% |\n\n\n</details>\n\n',
    )).toBe(true);
  });

  it('prints the header of an empty predecessor/successor table', () => {
    expect(out).toContain(
      '### LOAD_ATTR\n\n<details>\n<summary> Successors and predecessors for LOAD_ATTR </summary>\n\n' +
        '|Predecessors | Count | Percentage | \n|---|---:|---:|\n| LOAD_FAST | 10 | 100.0% |\n\n' +
        '|Successors | Count | Percentage | \n|---|---:|---:|\n\n\n</details>\n\n',
    );
    expect(out.indexOf('### LOAD_ATTR\n')).toBeLessThan(out.indexOf('### LOAD_FAST\n'));
    expect(out.indexOf('### LOAD_FAST\n')).toBeLessThan(out.indexOf('### STORE_FAST\n'));
  });

  it('prints family kinds right-justified to 12 characters, then the attempts', () => {
    expect(out).toContain(
      '|Kind | Count | Ratio | \n|---|---|---|\n| specialization.deferred |           40 | 40.0% |\n\n' +
        '#### Specialization attempts\n\n' +
        '| | Count | Ratio | \n|---|---:|---:|\n| Success | 3 | 75.0% |\n| Failure | 1 | 25.0% |\n\n' +
        '|Failure kind | Count | Ratio | \n|---|---:|---:|\n| no dict | 1 | 100.0% |\n\n',
    );
  });

  it('counts misses of specialized instructions as not specialized', () => {
    expect(out).toContain('| Not specialized | 105 | 4.9% |\n| Specialized | 45 | 2.1% |\n');
  });

  it('keeps call rows in data order and prints ratios without grouping', () => {
    expect(out).toContain(
      '| Calls to PyEval_EvalDefault | 10 | 25.0% |\n| Calls to Python functions inlined | 30 | 75.0% |\n' +
        '| Calls via PyEval_EvalFrame (vector) | 4 | 10.0% |\n| Frames pushed | 5 | 12.5% |\n',
    );
    expect(out).toContain('| Materialize dict (on request) | 123,456 | 12345600.0% |\n');
    expect(out.endsWith('| | Count | \n|---|---:|\n| Number of data files | 3 |\n\n\n</details>\n\n---\nStats gathered on: 2025-01-01\n')).toBe(true);
  });

  it('--json-output is the counters alone', () => {
    expect(summarizeJsonOutput({ ...run312(), defines: null, statsDefines: null })).toMatch(/^\{"opcode\[124\]\.execution_count": 1000, .*"__nfiles__": 3\}$/);
  });
});

describe('3.12 comparison', () => {
  const base = run312([[`opcode[${op('NOP')}].execution_count`, 8]]);
  const head = run312([
    [`opcode[${op('POP_TOP')}].execution_count`, 2],
    [`opcode[${op('LOAD_ATTR_SLOT')}].execution_count`, 0],
  ]);
  const out = renderComparison(base, head, { date });

  it('has only the comparable sections', () => {
    expect([...out.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      'Execution counts', 'Specialization stats', 'Specialization effectiveness', 'Call stats', 'Object stats',
    ]);
  });

  it('shows changes in percent, 100% for a new name and -100% for a gone one, largest first', () => {
    const rows = out.slice(0, out.indexOf('</details>')).split('\n').filter((l) => l.startsWith('| '));
    // Equal changes: the script's order comes from a Python set (not reproducible);
    // ours is base order, then head-only names.
    expect(rows).toEqual([
      '| LOAD_ATTR_SLOT | 50 | 0 | -100.0% |',
      '| NOP | 8 | 0 | -100.0% |',
      '| POP_TOP | 0 | 2 | 100.0% |',
      '| STORE_FAST | 1,000 | 1,000 | 0.0% |',
      '| LOAD_FAST | 1,000 | 1,000 | 0.0% |',
      '| LOAD_ATTR | 100 | 100 | 0.0% |',
    ]);
  });

  it('joins family tables without a change column', () => {
    expect(out).toContain('|Kind | Base Count | Base Ratio | Head Count | Head Ratio | \n|---|---|---|---|---|\n| specialization.deferred |           40 | 40.0% |           40 | 40.0% |\n');
  });
});

describe('3.12 where the script stops', () => {
  it('needs the SPEC_FAIL_* names for failure kinds', () => {
    expect(() => renderReport({ ...run312(), defines: null }, { date })).toThrow(ReportDataError);
  });

  it('needs a "Calls to" counter', () => {
    const stats = run312();
    const i = stats.keys.indexOf('Calls to PyEval_EvalDefault');
    const j = stats.keys.indexOf('Calls to Python functions inlined');
    const keys = stats.keys.filter((_, k) => k !== i && k !== j);
    const values = stats.values.filter((_, k) => k !== i && k !== j);
    expect(() => renderReport({ ...stats, keys, values }, { date })).toThrow(/Calls to/);
  });
});

describe('the real 3.12.0b3 bench_runner JSON', () => {
  const path = join(import.meta.dirname, 'fixtures/published/benchmarking-public/results/bm-20230619-3.12.0b3-f992a60/bm-20230619-azure-x86_64-python-v3.12.0b3-3.12.0b3-f992a60-pystats.json');
  const stats = decodeSummarizeJson(readFileSync(path, 'utf8'));

  it('carries no SPEC_FAIL_* or EVAL_CALL_* tables of its own', () => {
    expect(chooseStyle(stats, '3.12.0b3')).toBe('3.12');
    expect(() => renderReport(stats, { date })).toThrow(/_defines/);
  });

  it('renders end to end once the caller supplies them', () => {
    // Kinds 0–8 and the call kinds have the same names in 3.12 as in 3.13; labels of
    // higher kinds may differ, which this smoke test does not look at.
    const tables = decodeSummarizeJson(readFileSync(join(import.meta.dirname, 'fixtures/cpython-3.13.5/mixed.json'), 'utf8'));
    const out = renderReport({ ...stats, defines: tables.defines, statsDefines: tables.statsDefines }, { date });
    expect([...out.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      'Execution counts', 'Pair counts', 'Predecessor/Successor Pairs', 'Specialization stats',
      'Specialization effectiveness', 'Call stats', 'Object stats', 'Meta stats',
    ]);
    expect(out).toContain('| Number of data files | 8,473 |\n');
    expect(out).toMatch(/\n\| LOAD_FAST \| [\d,]+ \| [\d.]+% \| [\d.]+% \|  \|\n/);
  });
});
