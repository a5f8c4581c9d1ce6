/**
 * The tier-2 getters of summarize_stats.py's `Stats`: `get_optimization_stats`,
 * `get_optimizer_stats` and the JIT memory stats, each a list of (labelled tooltip,
 * value, denominator). Every key they name is required once the section exists: the
 * script indexes `self._data[key]` and raises KeyError.
 */
import { Doc } from './cells.js';
import type { Stats } from './stats.js';
import type { StyleProfile } from './styles.js';

export type DocRow = [label: Doc, value: bigint, den: bigint | null];

/** `get_optimization_stats`: null without "Optimization attempts"; every other key required. */
export function optimizationStats(stats: Stats, profile: StyleProfile): DocRow[] | null {
  if (!stats.has('Optimization attempts')) return null;
  const need = (key: string) => stats.require(key, 'the optimization table reads it once "Optimization attempts" exists');
  const attempts = need('Optimization attempts');
  const created = need('Optimization traces created');
  const executed = need('Optimization traces executed');
  const uops = need('Optimization uops executed');
  const rows: DocRow[] = [
    [
      new Doc(
        'Optimization attempts',
        'The number of times a potential trace is identified.  Specifically, this occurs in the JUMP BACKWARD instruction when the counter reaches a threshold.',
      ),
      attempts,
      null,
    ],
    [new Doc('Traces created', 'The number of traces that were successfully created.'), created, attempts],
    [new Doc('Trace stack overflow', 'A trace is truncated because it would require more than 5 stack frames.'), need('Optimization trace stack overflow'), attempts],
    [new Doc('Trace stack underflow', 'A potential trace is abandoned because it pops more frames than it pushes.'), need('Optimization trace stack underflow'), attempts],
    [new Doc('Trace too long', 'A trace is truncated because it is longer than the instruction buffer.'), need('Optimization trace too long'), attempts],
    [new Doc('Trace too short', profile.traceTooShortDoc), need('Optimization trace too short'), attempts],
    [new Doc('Inner loop found', 'A trace is truncated because it has an inner loop'), need('Optimization inner loop'), attempts],
    [new Doc('Recursive call', 'A trace is truncated because it has a recursive call.'), need('Optimization recursive call'), attempts],
    [
      new Doc('Low confidence', 'A trace is abandoned because the likelihood of the jump to top being taken is too low.'),
      need('Optimization low confidence'),
      attempts,
    ],
  ];
  if (profile.unknownCalleeRow) {
    rows.push([new Doc('Unknown callee', 'A trace is abandoned because the target of a call is unknown.'), need('Optimization unknown callee'), attempts]);
  }
  rows.push(
    [new Doc('Executors invalidated', 'The number of executors that were invalidated due to watched dictionary changes.'), need('Executors invalidated'), created],
    [new Doc('Traces executed', 'The number of traces that were executed'), executed, null],
    // Shown as a percentage of traces executed: the script meant a plain ratio but tests
    // `label != "Uops executed"` on a Doc, which is always true.
    [new Doc('Uops executed', 'The total number of uops (micro-operations) that were executed'), uops, executed],
  );
  return rows;
}

export function optimizerStats(stats: Stats): DocRow[] {
  const need = (key: string) => stats.require(key, 'the optimizer table reads it');
  const attempts = need('Optimization optimizer attempts');
  return [
    [new Doc('Optimizer attempts', 'The number of times the trace optimizer (_Py_uop_analyze_and_optimize) was run.'), attempts, null],
    [new Doc('Optimizer successes', 'The number of traces that were successfully optimized.'), need('Optimization optimizer successes'), attempts],
    [new Doc('Optimizer no memory', 'The number of optimizations that failed due to no memory.'), need('Optimization optimizer failure no memory'), attempts],
    [new Doc('Remove globals builtins changed', 'The builtins changed during optimization'), need('Optimizer remove globals builtins changed'), attempts],
    [new Doc('Remove globals incorrect keys', "The keys in the globals dictionary aren't what was expected"), need('Optimizer remove globals incorrect keys'), attempts],
  ];
}

export function jitMemoryStats(stats: Stats): DocRow[] {
  const need = (key: string) => stats.require(key, 'the JIT memory table reads it');
  const total = need('JIT total memory size');
  return [
    [new Doc('Total memory size', 'The total size of the memory allocated for the JIT traces'), total, null],
    [new Doc('Code size', 'The size of the memory allocated for the code of the JIT traces'), need('JIT code size'), total],
    [new Doc('Trampoline size', 'The size of the memory allocated for the trampolines of the JIT traces'), need('JIT trampoline size'), total],
    [new Doc('Data size', 'The size of the memory allocated for the data of the JIT traces'), need('JIT data size'), total],
    [new Doc('Padding size', 'The size of the memory allocated for the padding of the JIT traces'), need('JIT padding size'), total],
    [new Doc('Freed memory size', 'The size of the memory freed from the JIT traces'), need('JIT freed memory size'), total],
  ];
}
