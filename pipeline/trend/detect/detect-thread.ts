/**
 * A thread that detects steps (detect.ts) for the site while the main thread goes on:
 * the site detects on every line of every metric (7,000 lines of 20,000 runs' points,
 * half a second), and the main thread, which builds the series and pages meanwhile, is
 * the build's critical path (issue 19). detect-client.ts sends the jobs.
 *
 * A job is one metric's lines, their values end to end in one Float64Array (NaN where a
 * point has no value, which detection skips as it skips null); the reply is each line's
 * steps, in order.
 */
import { parentPort } from 'node:worker_threads';
import { detectSteps, type Step, type StepScale } from './detect.js';

export interface DetectJob {
  id: number;
  values: Float64Array;
  /** Line i is values[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  scale: StepScale;
  minEffect: number;
}

export interface DetectReply {
  id: number;
  steps: Step[][];
}

parentPort?.on('message', (job: DetectJob) => {
  const steps: Step[][] = [];
  for (let i = 0; i + 1 < job.offsets.length; i++) {
    steps.push(detectSteps(job.values.subarray(job.offsets[i], job.offsets[i + 1]), job.scale, { minEffect: job.minEffect }));
  }
  parentPort!.postMessage({ id: job.id, steps } satisfies DetectReply);
});
