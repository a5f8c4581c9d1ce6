/**
 * The Arrow schema of counter batches, the only bulk data that crosses threads.
 *   file  uint32  index of the file within its job (per-file rows), or 0 for job sums
 *   key   uint32  worker-local key id (the message's newKeys tell the main thread its text)
 *   value uint64  the counter exactly
 */
import { Field, Schema } from 'apache-arrow/schema';
import { Uint32, Uint64 } from 'apache-arrow/type';

export const COUNTER_BATCH_SCHEMA = new Schema([
  new Field('file', new Uint32(), false),
  new Field('key', new Uint32(), false),
  new Field('value', new Uint64(), false),
]);

export interface CounterColumns {
  length: number;
  file: Uint32Array;
  key: Uint32Array;
  value: BigUint64Array;
}
