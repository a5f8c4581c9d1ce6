/**
 * A batch's run rows reach DuckDB as one JSON text (load/json-rows.ts), where an appender
 * took them value by value before: every text must be stored as the appender stored it,
 * whatever it holds (quotes, backslashes, control characters, non-ASCII, a lone surrogate
 * from a JSON metadata escape), and every number exactly.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { JsonRows, textCell } from '../pipeline/load/json-rows.js';
import { runSqlFile } from '../pipeline/sql-file.js';

const TEXTS = [
  'plain', 'with "quotes" and \\backslashes\\', 'tab\tnewline\ncr\r', '\u0001\u001f control',
  'naïve — ünïcödé ✓ 😀', 'lone \ud800 surrogate', 'trailing lone \udfff', '', ' spaces ',
];

it('stores texts and numbers as the appender did', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await runSqlFile(conn, 'pipeline/load/sql/staging.sql');
    const rows = new JsonRows('pipeline/load/sql/insert-stage-runs.sql');
    const app = await conn.createAppender('stage_runs', null, 'temp');
    TEXTS.forEach((text, i) => {
      const ints = [i, 2 ** 31 - 1, -(2 ** 31), 0, null, 7, 8];
      rows.push([i, textCell(text), null, text === '' ? null : textCell(text), ...Array.from({ length: 10 }, () => textCell(text)), ...ints]);
      // The same row through an appender, as run rows were written before.
      app.appendInteger(i + 1000);
      for (const t of [text, null, text === '' ? null : text, ...Array.from({ length: 10 }, () => text)]) {
        if (t === null) app.appendNull();
        else app.appendVarchar(t);
      }
      for (const n of ints) {
        if (n === null) app.appendNull();
        else app.appendInteger(n);
      }
      app.endRow();
    });
    app.closeSync();
    await rows.insert(conn);
    const read = async (where: string) => (await conn.runAndReadAll(
      `SELECT * EXCLUDE (run_id) FROM temp.stage_runs WHERE ${where} ORDER BY run_id`,
    )).getRowsJson();
    const viaJson = await read('run_id < 1000');
    expect(viaJson).toHaveLength(TEXTS.length);
    expect(viaJson).toEqual(await read('run_id >= 1000'));
    expect(viaJson[4][0]).toBe('naïve — ünïcödé ✓ 😀');
    expect(viaJson[5][0]).toBe('lone \ufffd surrogate');
  } finally {
    conn.closeSync();
    db.closeSync();
  }
});
