/** Counter columns → one Arrow IPC stream (bytes whose buffer is transferred, not cloned). */
import { makeData } from 'apache-arrow/data';
import { RecordBatch } from 'apache-arrow/recordbatch';
import { Table } from 'apache-arrow/table';
import { Struct } from 'apache-arrow/type';
import { tableToIPC } from 'apache-arrow/ipc/serialization';
import { COUNTER_BATCH_SCHEMA, type CounterColumns } from '../../schemas/arrow.js';

export function encodeCounterBatch(cols: CounterColumns): Uint8Array {
  const [fileField, keyField, valueField] = COUNTER_BATCH_SCHEMA.fields;
  const length = cols.length;
  const children = [
    makeData({ type: fileField.type, length, nullCount: 0, data: cols.file.subarray(0, length) }),
    makeData({ type: keyField.type, length, nullCount: 0, data: cols.key.subarray(0, length) }),
    makeData({ type: valueField.type, length, nullCount: 0, data: cols.value.subarray(0, length) }),
  ];
  const struct = makeData({ type: new Struct(COUNTER_BATCH_SCHEMA.fields), length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(COUNTER_BATCH_SCHEMA, struct)]), 'stream');
}
