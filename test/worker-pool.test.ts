/**
 * The parse worker pool: results come back in job order whoever parsed them, and a pool
 * grown while jobs wait hands them to its new workers (summarize starts with one worker
 * and adds more once it knows the input's size).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsePool, defaultWorkerCount } from '../pipeline/load/worker-pool.js';
import { summarizeWorkerCount } from '../pipeline/summarize/start.js';
import type { ParseJob } from '../workers/protocol.js';
import { CPY } from './helpers/fixtures.js';

const DIR = join(CPY, 'raw-mixed');

function jobs(filesPerJob: number): ParseJob[] {
  const files = readdirSync(DIR).sort().map((n) => ({ kind: 'raw' as const, path: join(DIR, n) }));
  const out: ParseJob[] = [];
  for (let i = 0; i < files.length; i += filesPerJob) {
    out.push({ jobId: out.length, mode: 'sums', hashContent: false, files: files.slice(i, i + filesPerJob) });
  }
  return out;
}

describe('parse worker pool', () => {
  it('grown while jobs wait, gives them to the new worker and keeps job order', async () => {
    const pool = new ParsePool(1);
    try {
      const list = jobs(4);
      const results = pool.map(list);
      pool.grow(2);
      expect(pool.size).toBe(2);
      const seen: Array<{ jobId: number; workerId: number; files: number }> = [];
      for await (const r of results) seen.push({ jobId: r.jobId, workerId: r.workerId, files: r.files.length });
      expect(seen.map((s) => s.jobId)).toEqual(list.map((j) => j.jobId));
      expect(seen.map((s) => s.files)).toEqual(list.map((j) => j.files.length));
      expect(new Set(seen.map((s) => s.workerId)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('summarize takes one worker per 3,000 files, at most one per core', () => {
    expect(summarizeWorkerCount(1)).toBe(1);
    expect(summarizeWorkerCount(3000)).toBe(1);
    expect(summarizeWorkerCount(3001)).toBe(Math.min(2, defaultWorkerCount()));
    expect(summarizeWorkerCount(1_000_000)).toBe(defaultWorkerCount());
  });
});
