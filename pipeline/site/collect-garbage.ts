/**
 * Full garbage collections at the site build's few points where much of the heap has
 * just become garbage (issue 19: peak RSS). Left to itself, V8 sizes the old generation
 * after the live heap and lets garbage reach about as much again before collecting: with
 * the trends' model live (~350 MB at 19,929 runs), each metric's dead values, and then the
 * dead model itself, pile up to a few hundred MB on top of DuckDB's memory.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null = null;
let usedAfterLast = 0;

/** A full collection now. */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  usedAfterLast = getHeapStatistics().used_heap_size;
}

/** A full collection when the heap grew by more than `bytes` since the last one made here. */
export function collectGarbageAfter(bytes: number): void {
  if (getHeapStatistics().used_heap_size - usedAfterLast > bytes) collectGarbage();
}
