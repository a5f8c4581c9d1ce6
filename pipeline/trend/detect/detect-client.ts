/**
 * Step detection on a thread of its own (detect-thread.ts): attach() sends a trend's
 * series and, when the thread answers, attaches to each the steps robust detection finds
 * on it, the very steps detectSteps() finds here. One thread, jobs answered in the order
 * sent; it never keeps the process alive.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fromRoot } from '../../package-root.js';
import { attachSteps, type TrendSeries } from '../series.js';
import type { Step, StepScale } from './detect.js';
import type { DetectJob, DetectReply } from './detect-thread.js';

const THREAD_SCRIPT = fromRoot('dist', 'bundles', 'detect-thread.cjs');

/** The thread cannot start or stopped: the message names its script and the cause. */
export class DetectionThreadError extends Error {}

export class DetectionThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (steps: Step[][]) => void; reject: (err: Error) => void }>();
  private nextId = 0;
  private failed: Error | null = null;

  constructor() {
    if (!existsSync(THREAD_SCRIPT)) throw new DetectionThreadError(`${THREAD_SCRIPT} is missing: pystats is not built (make build)`);
    this.worker = new Worker(THREAD_SCRIPT);
    this.worker.unref();
    this.worker.on('message', (reply: DetectReply) => {
      this.waiting.get(reply.id)?.resolve(reply.steps);
      this.waiting.delete(reply.id);
    });
    this.worker.on('error', (err) => this.fail(new DetectionThreadError(`step detection thread (${THREAD_SCRIPT}) failed: ${err.message}`)));
    this.worker.on('exit', (code) => this.fail(new DetectionThreadError(`step detection thread (${THREAD_SCRIPT}) exited (code ${code})`)));
  }

  /** Detects the steps of every series (robust detection, at `scale` and `minEffect`) and attaches them. */
  async attach(series: readonly TrendSeries[], scale: StepScale, minEffect: number): Promise<void> {
    if (this.failed) throw this.failed;
    // The values end to end, NaN for a point without one (detection skips both alike).
    const offsets = new Int32Array(series.length + 1);
    series.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.points.length));
    const values = new Float64Array(offsets[series.length]);
    series.forEach((s, i) => s.points.forEach((p, j) => (values[offsets[i] + j] = p.value ?? NaN)));
    const job: DetectJob = { id: this.nextId++, values, offsets, scale, minEffect };
    const steps = await new Promise<Step[][]>((resolve, reject) => {
      this.waiting.set(job.id, { resolve, reject });
      this.worker.postMessage(job, [values.buffer, offsets.buffer]);
    });
    series.forEach((s, i) => attachSteps(s, steps[i]));
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failed ??= err;
    for (const w of this.waiting.values()) w.reject(this.failed);
    this.waiting.clear();
  }
}
