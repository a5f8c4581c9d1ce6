/** Runs a pystats command as its own process and reads back wall time and peak RSS. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import type { Timeline } from '../pipeline/timing.js';

export interface Measurement {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  stdout: string;
  /** With `timed`: the command's start-up marks (pipeline/timing.ts). */
  timeline?: Timeline;
  /** With `timed`: epoch ms when the process was spawned and when it was reaped. */
  spawnedAt?: number;
  reapedAt?: number;
  stderr: string;
}

/**
 * `timed`: with PYSTATS_TIMING, the breakdown read back. `discardStdout`: stdout goes to
 * /dev/null, as the reference's does in the paired runs (a pipe to this process would
 * make the command wait for this one to read it).
 */
export function measurePystats(args: string[], opts: { timed?: boolean; discardStdout?: boolean } = {}): Measurement {
  const scratch = mkdtempSync(join(tmpdir(), 'pystats-bench-'));
  const rusage = join(scratch, 'rusage.json');
  const timing = join(scratch, 'timing.json');
  const spawnedAt = performance.timeOrigin + performance.now();
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), ...args], {
    env: { ...process.env, PYSTATS_RUSAGE_FILE: rusage, ...(opts.timed ? { PYSTATS_TIMING: timing } : {}) },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', opts.discardStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const reapedAt = performance.timeOrigin + performance.now();
  try {
    if (child.status !== 0) {
      throw new Error(`pystats ${args.join(' ')} failed (${child.status}):\n${child.stderr}`);
    }
    const u = JSON.parse(readFileSync(rusage, 'utf8')) as { maxRssKb: number; userUs: number; systemUs: number };
    const m: Measurement = { seconds, peakRssMb: u.maxRssKb / 1024, cpuSeconds: (u.userUs + u.systemUs) / 1e6, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
    if (opts.timed) {
      m.timeline = JSON.parse(readFileSync(timing, 'utf8')) as Timeline;
      m.spawnedAt = spawnedAt;
      m.reapedAt = reapedAt;
    }
    return m;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
