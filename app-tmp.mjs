// ../../tmp/dp/app.ts
import { DuckDBInstance } from "@duckdb/node-api";

// pipeline/load/column-appender.ts
import duckdb from "@duckdb/node-bindings";
var WIDTH = { INTEGER: 4, UBIGINT: 8 };
var CHUNK_ROWS = 2048;
var ColumnAppender = class {
  appender;
  chunk;
  vectors;
  widths;
  constructor(conn2, table, types, catalog = null) {
    this.widths = types.map((t) => WIDTH[t]);
    this.appender = duckdb.appender_create_ext(rawConnection(conn2), catalog, null, table);
    const logical = types.map((t) => duckdb.create_logical_type(duckdb.Type[t]));
    this.chunk = duckdb.create_data_chunk(logical);
    this.vectors = types.map((_, i) => duckdb.data_chunk_get_vector(this.chunk, i));
  }
  /** Appends rows [0, length) of the given columns (one typed array per table column). */
  append(columns, length) {
    for (let off = 0; off < length; off += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, length - off);
      columns.forEach((col, i) => {
        const width = this.widths[i];
        duckdb.copy_data_to_vector(this.vectors[i], 0, col.buffer, col.byteOffset + off * width, n * width);
      });
      duckdb.data_chunk_set_size(this.chunk, n);
      duckdb.append_data_chunk(this.appender, this.chunk);
    }
  }
  close() {
    duckdb.appender_flush_sync(this.appender);
    duckdb.appender_close_sync(this.appender);
  }
};
function rawConnection(conn2) {
  return conn2.connection;
}

// ../../tmp/dp/app.ts
import { rmSync } from "node:fs";
var RUNS = 2e4;
var K = 1300;
var N = RUNS * K;
var mode = process.argv[2] ?? "4";
rmSync("/tmp/app.duckdb", { force: true });
rmSync("/tmp/app.duckdb.wal", { force: true });
var db = await DuckDBInstance.create("/tmp/app.duckdb");
var conn = await db.connect();
await conn.run(`SET checkpoint_threshold='1GB'`);
await conn.run(mode === "3" ? "CREATE TABLE t (run_id INTEGER, key_id INTEGER, value UBIGINT)" : "CREATE TABLE t (run_id INTEGER, key_id INTEGER, ord INTEGER, value UBIGINT)");
var key = new Int32Array(K);
var ord = new Int32Array(K);
var runid = new Int32Array(K);
for (let i = 0; i < K; i++) {
  key[i] = i * 7 % 1500;
  ord[i] = i;
}
var vals = [];
var seed = 1;
var rnd = () => (seed = seed * 1103515245 + 12345 & 2147483647) / 2147483647;
for (let v = 0; v < 16; v++) {
  const a = new BigUint64Array(K);
  for (let i = 0; i < K; i++) a[i] = rnd() < 0.4 ? 0n : BigInt(Math.floor(Math.exp(rnd() * 20)));
  vals.push(a);
}
var t0 = performance.now();
await conn.run("BEGIN");
var app = new ColumnAppender(conn, "t", mode === "3" ? ["INTEGER", "INTEGER", "UBIGINT"] : ["INTEGER", "INTEGER", "INTEGER", "UBIGINT"]);
var tApp = 0;
var tCommit = 0;
for (let r = 0; r < RUNS; r++) {
  runid.fill(r + 1);
  const s = performance.now();
  app.append(mode === "3" ? [runid, key, vals[r % 16]] : [runid, key, ord, vals[r % 16]], K);
  tApp += performance.now() - s;
  if (r % 4e3 === 3999) {
    const c = performance.now();
    app.close();
    await conn.run("COMMIT");
    await conn.run("BEGIN");
    app = new ColumnAppender(conn, "t", mode === "3" ? ["INTEGER", "INTEGER", "UBIGINT"] : ["INTEGER", "INTEGER", "INTEGER", "UBIGINT"]);
    tCommit += performance.now() - c;
  }
}
app.close();
await conn.run("COMMIT");
var t1 = performance.now();
conn.closeSync();
db.closeSync();
var t2 = performance.now();
var cpu = process.cpuUsage();
console.log(`mode ${mode}: append ${tApp.toFixed(0)} ms, commits ${tCommit.toFixed(0)}, total ${(t1 - t0).toFixed(0)}, close ${(t2 - t1).toFixed(0)}, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
