/** Runs a pystats command as its own process and reads back wall time and peak RSS. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';

export interface Measurement {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

export function measurePystats(args: string[]): Measurement {
  const rusage = join(mkdtempSync(join(tmpdir(), 'pystats-bench-')), 'rusage.json');
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), ...args], {
    env: { ...process.env, PYSTATS_RUSAGE_FILE: rusage },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) {
    throw new Error(`pystats ${args.join(' ')} failed (${child.status}):\n${child.stderr}`);
  }
  const u = JSON.parse(readFileSync(rusage, 'utf8')) as { maxRssKb: number; userUs: number; systemUs: number };
  return { seconds, peakRssMb: u.maxRssKb / 1024, cpuSeconds: (u.userUs + u.systemUs) / 1e6, stdout: child.stdout, stderr: child.stderr };
}
