/** Style selection from versions, keys and commit dates, and what each style changes. */
import { describe, expect, it } from 'vitest';
import { jsonObject, type RunStats } from '../schemas/run-stats.js';
import { chooseStyle, renderComparison, ReportDataError } from '../pipeline/report/index.js';
import { styleProfile } from '../pipeline/report/styles.js';
import { runOf } from './report-helpers.js';

const run313 = runOf([['opcode[LOAD_FAST].execution_count', 5], ['Object inline values', 1]]);
const withDate = (stats: RunStats, commitDate: string): RunStats => ({
  ...stats,
  metadata: jsonObject([
    ['commit_id', 'abc1234'],
    ['commit_date', commitDate],
  ]),
});

describe('chooseStyle', () => {
  it('3.12 from the version or from numeric opcode keys', () => {
    expect(chooseStyle(runOf([]), '3.12.1')).toBe('3.12');
    expect(chooseStyle(runOf([['opcode[83].execution_count', 1]]))).toBe('3.12');
  });

  it('3.14 from keys only 3.14+ writes; 3.15 when the version says so', () => {
    for (const key of ['Object mortal increfs', 'GC[0] objects reachable from roots', 'Optimization unknown callee', 'JIT total memory size', 'opcode[GET_ITER].specializable']) {
      expect(chooseStyle(runOf([[key, 0]]))).toBe('3.14');
    }
    expect(chooseStyle(runOf([['Object mortal increfs', 0]]), '3.15.0a0')).toBe('3.15');
  });

  it('a run without counters follows its version', () => {
    expect(chooseStyle(runOf([]), '3.15.0a2+')).toBe('3.15');
    expect(chooseStyle(runOf([]), '3.14.0b1')).toBe('3.14');
    expect(chooseStyle(runOf([]), '3.14.0')).toBe('3.14');
  });

  it('3.14.0a0/a1 alone is not 3.14: main had that version with 3.13-shaped data', () => {
    expect(chooseStyle(run313, '3.14.0a0')).toBe('3.13-early');
    expect(chooseStyle(withDate(run313, '2024-06-29T17:46:53+00:00'), '3.14.0a0')).toBe('3.13-early');
  });

  it('released 3.13.x is the 3.13 style; earlier commits are 3.13-early', () => {
    expect(chooseStyle(run313, '3.13.5')).toBe('3.13');
    expect(chooseStyle(withDate(run313, '2025-06-11T12:00:00+00:00'), '3.13.5')).toBe('3.13');
    expect(chooseStyle(run313, '3.13.0b2+')).toBe('3.13-early');
    expect(chooseStyle(withDate(run313, '2024-04-08T09:51:20+02:00'))).toBe('3.13-early');
    expect(chooseStyle(withDate(run313, '2024-11-20T00:00:00+00:00'))).toBe('3.13');
    expect(chooseStyle(run313)).toBe('3.13');
  });

  it('a comparison takes the head script, and refuses to mix 3.12 and 3.13+ runs', () => {
    const run312 = runOf([['opcode[83].execution_count', 1]]);
    expect(() => renderComparison(run312, run313, { date: '2025-01-01' })).toThrow(ReportDataError);
  });
});

describe('styleProfile', () => {
  it('3.13-early: the pre-gh-115181 strings without a date or before it, only the typo after it', () => {
    const oldest = styleProfile('3.13-early');
    expect(oldest.opcodePairSummary).toBe('Pair counts for top 100 Tier 1 instructions');
    expect(oldest.uopPairCounts).toBe(false);
    expect(oldest.traceTooShortDoc).toContain('abandoced');
    expect(styleProfile('3.13-early', { scriptDate: '2024-04-08T10:38:09+01:00' })).toEqual(oldest);
    expect(styleProfile('3.13-early', { pythonVersion: '3.13.0a6+' })).toEqual(oldest);

    const later = styleProfile('3.13-early', { scriptDate: '2024-04-16T14:27:18+01:00' });
    expect(later.opcodePairSummary).toBe('Pair counts for top 100 opcode pairs');
    expect(later.uopPairCounts).toBe(true);
    expect(later.traceTooShortDoc).toContain('abandoced');
    // Without a date, a version surely past the change; the date wins when both are known.
    expect(styleProfile('3.13-early', { pythonVersion: '3.13.0b2+' })).toEqual(later);
    expect(styleProfile('3.13-early', { pythonVersion: '3.14.0a0' })).toEqual(later);
    expect(styleProfile('3.13-early', { scriptDate: '2024-04-02T14:25:50-04:00', pythonVersion: '3.14.0a0' })).toEqual(oldest);
  });

  it('3.13 vs 3.14/3.15', () => {
    const v13 = styleProfile('3.13');
    const v14 = styleProfile('3.14');
    expect(v13.traceTooShortDoc).toContain('abandoned');
    expect([v13.gcReachableColumns, v13.jitMemory, v13.unknownCalleeRow, v13.failureKindSlots]).toEqual([false, false, false, 40]);
    expect([v14.gcReachableColumns, v14.jitMemory, v14.unknownCalleeRow, v14.failureKindSlots]).toEqual([true, true, true, 'sized-to-data']);
    expect(v14.iterFamilies).toContain('GET_ITER');
    expect({ ...styleProfile('3.15'), style: '3.14' }).toEqual(v14);
  });
});
