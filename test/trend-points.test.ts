/**
 * Series and points from run identities: splitting by dimensions, summing the runs of a
 * commit, aggregating over benchmarks without counting bench_runner's 'all' run twice,
 * and ordering by the commit instant (%cI offsets included).
 */
import { describe, expect, it } from 'vitest';
import { assemblePoints, parseCommitDate } from '../pipeline/trend/points.js';
import type { SelectedRun } from '../pipeline/trend/metrics/trend-query.js';

let nextId = 1;
function run(p: Partial<SelectedRun>): SelectedRun {
  return {
    runId: nextId++, fork: 'python', commitHash: 'aaaaaaa', commitDate: '2024-06-08T17:48:47+00:00',
    pythonVersion: '3.14.0a0', machine: 'x86_64', benchmark: 'all', flags: '', nFiles: 20, sourceKind: 'json', ...p,
  };
}

describe('trend points', () => {
  it('splits by fork x flags x machine x benchmark, one point per commit', () => {
    const runs = [
      run({ commitHash: 'c1', commitDate: '2024-05-01' }),
      run({ commitHash: 'c1', commitDate: '2024-05-01', flags: 'JIT' }),
      run({ commitHash: 'c2', commitDate: '2024-05-02' }),
    ];
    const { points } = assemblePoints(runs, ['fork', 'flags', 'machine', 'benchmark'], 'date');
    expect(points.map((p) => [p.seriesKey, p.commit])).toEqual([
      ['fork=python flags=default machine=x86_64 benchmark=all', 'c1'],
      ['fork=python flags=JIT machine=x86_64 benchmark=all', 'c1'],
      ['fork=python flags=default machine=x86_64 benchmark=all', 'c2'],
    ]);
  });

  it('aggregating over benchmarks sums per-benchmark runs and drops the commit\'s "all" run', () => {
    const all = run({ commitHash: 'c1', benchmark: 'all' });
    const nbody = run({ commitHash: 'c1', benchmark: 'nbody' });
    const coro = run({ commitHash: 'c1', benchmark: 'coroutines' });
    const onlyAll = run({ commitHash: 'c2', benchmark: 'all', commitDate: '2024-06-09' });
    const { points } = assemblePoints([all, nbody, coro, onlyAll], ['fork', 'flags', 'machine'], 'date');
    expect(points.map((p) => p.runIds)).toEqual([[nbody.runId, coro.runId].sort((a, b) => a - b), [onlyAll.runId]]);
  });

  it('orders by the commit instant, not the committer\'s local day', () => {
    // 2024-04-08T10:38:09+01:00 is 09:38 UTC; 2024-04-08T09:51:20+02:00 is 07:51 UTC.
    const later = run({ commitHash: 'x', commitDate: '2024-04-08T10:38:09+01:00' });
    const earlier = run({ commitHash: 'y', commitDate: '2024-04-08T09:51:20+02:00' });
    const { points } = assemblePoints([later, earlier], ['fork'], 'date');
    expect(points.map((p) => p.commit)).toEqual(['y', 'x']);
    expect(parseCommitDate('2024-04-08T09:51:20+02:00')).toBe(Date.UTC(2024, 3, 8, 7, 51, 20));
    expect(parseCommitDate('2024-04-08')).toBe(Date.UTC(2024, 3, 8));
    expect(parseCommitDate('not a date')).toBeNull();
  });

  it('runs without a date are left out on the date axis and kept, in ingest order, on the run axis', () => {
    const dated = run({ commitHash: 'd', commitDate: '2024-01-01' });
    const undated = run({ commitHash: null, commitDate: null });
    expect(assemblePoints([dated, undated], [], 'date').undated).toEqual([undated.runId]);
    const byOrder = assemblePoints([undated, dated], [], 'order').points;
    expect(byOrder.map((p) => [p.order, p.runIds[0]])).toEqual([[1, dated.runId], [2, undated.runId]]);
  });
});
