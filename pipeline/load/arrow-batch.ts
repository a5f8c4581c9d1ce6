/** Arrow IPC bytes from a worker → the counter columns, as typed-array views (no copy). */
import { tableFromIPC } from 'apache-arrow/ipc/serialization';
import type { CounterColumns } from '../../schemas/arrow.js';

export function decodeCounterBatch(ipc: Uint8Array): CounterColumns {
  const table = tableFromIPC(ipc);
  const column = (name: string) => {
    const vector = table.getChild(name);
    if (!vector || vector.data.length > 1) throw new Error(`counter batch: column ${name} missing or chunked`);
    return vector.data[0]?.values;
  };
  if (table.numRows === 0) {
    return { length: 0, file: new Uint32Array(0), key: new Uint32Array(0), value: new BigUint64Array(0) };
  }
  return {
    length: table.numRows,
    file: column('file') as Uint32Array,
    key: column('key') as Uint32Array,
    value: column('value') as BigUint64Array,
  };
}
