/** A progress bar (files, MB, rate) on a terminal; nothing when stderr is not a TTY. */
import cliProgress from 'cli-progress';
import { terminalSafeLines } from './terminal-text.js';

export interface Progress {
  start(totalFiles: number): void;
  advance(files: number, bytes: number): void;
  /** Prints a line above the bar without tearing it. */
  log(line: string): void;
  stop(): void;
}

export function createProgress(enabled = Boolean(process.stderr.isTTY)): Progress {
  if (!enabled) {
    // Log lines quote the inputs (unparsable lines, paths): their control characters are escaped.
    return { start() {}, advance() {}, log: (line) => void process.stderr.write(terminalSafeLines(line) + '\n'), stop() {} };
  }
  // A MultiBar with one bar: it can print log lines above the bar.
  const bars = new cliProgress.MultiBar({
    format: 'ingest [{bar}] {value}/{total} files | {mb} MB | {rate} MB/s | {eta_formatted}',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let bar: cliProgress.SingleBar | null = null;
  let bytes = 0;
  let started = 0;
  let running = false;
  return {
    start(total) {
      started = performance.now();
      running = true;
      bar = bars.create(total, 0, { mb: '0.0', rate: '0.0' });
    },
    advance(files, b) {
      bytes += b;
      const seconds = (performance.now() - started) / 1000;
      bar?.increment(files, { mb: (bytes / 1e6).toFixed(1), rate: (bytes / 1e6 / Math.max(seconds, 1e-3)).toFixed(1) });
    },
    log(line) {
      if (running) bars.log(terminalSafeLines(line) + '\n');
      else process.stderr.write(terminalSafeLines(line) + '\n');
    },
    stop() {
      // Redraw once so log lines still buffered by the bar are printed before it goes.
      if (running) bars.update();
      if (running) bars.stop();
      running = false;
    },
  };
}
