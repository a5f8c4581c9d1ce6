/**
 * A pool of parse workers (node:worker_threads) that maps jobs to results **in job
 * order**: key order of first appearance, and so the report, depends on visiting files
 * in order. At most `window` jobs are out at once; while the consumer is busy writing
 * to DuckDB nothing new is dispatched, so memory stays flat however many files there are.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fromRoot } from '../package-root.js';
import type { ParseJob, ParseResult } from '../../workers/protocol.js';
import { addEpochMarks } from '../timing.js';

const WORKER_SCRIPT = fromRoot('dist', 'workers', 'main.cjs');

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: ParseResult) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  /** keepAlive's setting, for workers added later. */
  private alive = true;
  /** Every key each worker has announced (ParseResult.newKeys), local id = index. */
  private readonly announced = new Map<number, string[]>();
  /** Every text each worker has announced (ParseResult.newTexts), local id = index. */
  private readonly announcedTexts = new Map<number, string[]>();

  constructor(size: number) {
    this.grow(size);
  }

  /** Adds workers up to `size`; queued jobs go to them as they come up. */
  grow(size: number): void {
    while (this.workers.length < size) {
      const worker = new Worker(WORKER_SCRIPT);
      if (!this.alive) worker.unref();
      worker.on('message', (result: ParseResult) => {
        remember(this.announced, result.workerId, result.newKeys);
        remember(this.announcedTexts, result.workerId, result.newTexts);
        addEpochMarks(result.timing);
        this.idle.push(worker);
        const w = this.waiting.get(result.jobId);
        this.waiting.delete(result.jobId);
        w?.resolve(result);
        this.pump();
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`parse worker exited with code ${code}`));
      });
      this.workers.push(worker);
      // Two slots per worker: the next job waits in the worker's own queue, so it never
      // idles while the main thread, busy loading, has not yet seen its last result.
      this.idle.push(worker, worker);
    }
    this.pump();
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * The keys worker `workerId` has announced so far, local id = index. A worker announces
   * each key once in its life, so a key registry made after the pool served an earlier
   * ingest learns the older keys from here, not from the results it sees.
   */
  keysOf(workerId: number): readonly string[] {
    return this.announced.get(workerId) ?? [];
  }

  /** The texts worker `workerId` has announced so far, local id = index (as keysOf). */
  textsOf(workerId: number): readonly string[] {
    return this.announcedTexts.get(workerId) ?? [];
  }

  /** Whether the workers keep the process alive (they do by default, as threads do). */
  keepAlive(on: boolean): void {
    this.alive = on;
    for (const w of this.workers) {
      if (on) w.ref();
      else w.unref();
    }
  }

  private queue: ParseJob[] = [];

  private submit(job: ParseJob): Promise<ParseResult> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(job.jobId, { resolve, reject });
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      this.idle.pop()!.postMessage(this.queue.shift()!);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  /**
   * Results in the order of `jobs`, with at most `window` jobs dispatched ahead (a
   * function: read each time more are dispatched, so it may widen once reading starts).
   * Dispatch starts at once, not at the first read: callers can start parsing before
   * they are ready to consume (summarize starts it before DuckDB has loaded).
   */
  map(jobs: Iterable<ParseJob>, window: number | (() => number) = this.defaultWindow()): AsyncIterable<ParseResult> {
    const pending: Array<Promise<ParseResult>> = [];
    const it = jobs[Symbol.iterator]();
    const limit = typeof window === 'number' ? () => window : window;
    let done = false;
    const fill = () => {
      while (!done && pending.length < limit()) {
        const next = it.next();
        if (next.done) done = true;
        else {
          const p = this.submit(next.value);
          p.catch(() => undefined); // surfaced when awaited in order
          pending.push(p);
        }
      }
    };
    fill();
    return {
      async *[Symbol.asyncIterator]() {
        while (pending.length > 0) {
          const result = await pending.shift()!;
          fill();
          yield result;
        }
      },
    };
  }

  /** Jobs dispatched ahead by default: the workers' queues full, and a few more. */
  defaultWindow(): number {
    return 3 * this.size + 2;
  }

  private closed: Promise<void> | null = null;

  /** Terminates the workers; calling it again returns the same promise. */
  close(): Promise<void> {
    this.closed ??= Promise.all(this.workers.map((w) => w.terminate())).then(() => undefined);
    return this.closed;
  }
}

/** Appends a worker's newly announced strings to what it announced before. */
function remember(all: Map<number, string[]>, workerId: number, fresh: readonly string[]): void {
  const list = all.get(workerId) ?? [];
  for (const s of fresh) list.push(s);
  all.set(workerId, list);
}
