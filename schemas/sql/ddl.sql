-- The pystats store. One row in `runs` per ingested run (a raw /tmp/py_stats directory
-- or one summarize_stats JSON). Counters are unsigned 64-bit in CPython's C code, so
-- per-file values are UBIGINT; per-run sums can exceed 64 bits (run_counters, below).
--
-- Ids (run_id, file_id, text_id) and one run per content_hash are kept by the one writer
-- a store has at a time (its lock; pipeline/load/run-writer.ts), not by PRIMARY KEY or
-- UNIQUE indexes on the tables every ingest adds to: DuckDB rewrites a changed table's
-- whole index at each checkpoint, which cost 130-290 ms of every ingest into a store of
-- 20,000 runs, for each of files and the runs table, and grows with the store. `keys`
-- keeps its indexes: it changes only when a new CPython brings new keys.

-- Every distinct counter key ever seen, interned to a small integer.
CREATE TABLE IF NOT EXISTS keys (
  key_id  INTEGER PRIMARY KEY,
  key     VARCHAR NOT NULL UNIQUE
);

-- Texts many runs share, stored once: a JSON run's `_specialized_instructions`,
-- `_stats_defines`, `_defines` and bench_runner `metadata` (one CPython's tables are the
-- same in every run of it: kept per run they were 30 % of an archive's store).
CREATE TABLE IF NOT EXISTS texts (
  text_id  INTEGER NOT NULL,
  text     VARCHAR NOT NULL
);

-- A run's row; its texts by id. Read it as the view `runs` (below).
CREATE TABLE IF NOT EXISTS run_records (
  run_id          INTEGER NOT NULL,
  content_hash    VARCHAR NOT NULL,        -- sha256 over the run's files' sha256s, in visit order
  fingerprint     VARCHAR NOT NULL,        -- sha256 over (name, size, mtime) of the files: skips re-reading
  source_kind     VARCHAR NOT NULL,        -- 'raw' (directory of .txt) or 'json'
  source_path     VARCHAR NOT NULL,
  fork            VARCHAR,
  ref             VARCHAR,
  commit_hash     VARCHAR,
  commit_date     VARCHAR,                 -- as git prints %cI, e.g. 2024-06-08T17:48:47+00:00
  python_version  VARCHAR,                 -- e.g. 3.13.0b2+
  machine         VARCHAR,
  nickname        VARCHAR,
  benchmark       VARCHAR,                 -- a benchmark name, or 'all'
  flags           VARCHAR,                 -- sorted, comma-joined (JIT, NOGIL, PYTHON_UOPS, TAILCALL)
  n_files         INTEGER NOT NULL,        -- the run's __nfiles__
  specialized_instructions_text INTEGER,   -- texts.text_id (NULL when absent)
  stats_defines_text INTEGER,
  defines_text    INTEGER,
  metadata_text   INTEGER,
  ingested_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One row per run, as every reader sees it (and as stores before `texts` held it):
-- specialized_instructions, stats_defines and defines are JSON text as the input had it
-- (NULL when absent); metadata is bench_runner's metadata block, JSON text, key order kept.
CREATE OR REPLACE VIEW runs AS
SELECT r.run_id, r.content_hash, r.fingerprint, r.source_kind, r.source_path, r.fork, r.ref, r.commit_hash,
       r.commit_date, r.python_version, r.machine, r.nickname, r.benchmark, r.flags, r.n_files,
       si.text AS specialized_instructions, sd.text AS stats_defines, d.text AS defines, m.text AS metadata,
       r.ingested_at
FROM run_records r
LEFT JOIN texts si ON si.text_id = r.specialized_instructions_text
LEFT JOIN texts sd ON sd.text_id = r.stats_defines_text
LEFT JOIN texts d ON d.text_id = r.defines_text
LEFT JOIN texts m ON m.text_id = r.metadata_text;

-- The benchmarks an aggregated bench_runner run's tree published beside it (per-benchmark
-- `-pystats-<bench>.md`/`.json` siblings at ingest): the links line of its report, when
-- the store holds no per-benchmark run of that commit (2024's trees had only the .md).
CREATE TABLE IF NOT EXISTS run_links (
  run_id     INTEGER NOT NULL,
  benchmark  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS files (
  file_id        INTEGER NOT NULL,
  run_id         INTEGER NOT NULL,
  ord            INTEGER NOT NULL,          -- visit order within the run (0-based)
  path           VARCHAR NOT NULL,
  size_bytes     BIGINT NOT NULL,
  content_hash   VARCHAR NOT NULL,          -- sha256 of the bytes
  line_count     INTEGER NOT NULL,
  problem_count  INTEGER NOT NULL,          -- unparsable lines skipped
  problems       VARCHAR                    -- JSON array of {line, text}, at most 100 kept
);

-- Counters exactly as each process wrote them (raw input). A JSON run's per-process files
-- are gone: its one "file" is the JSON, holding the sums (__nfiles__ included), which are
-- its run_counters and are not stored again here (the view process_counters shows every
-- file's counters; stores written before keep a JSON run's copy here too).
-- `pystats summarize` keeps no rows here.
CREATE TABLE IF NOT EXISTS file_counters (
  file_id  INTEGER NOT NULL,
  key_id   INTEGER NOT NULL,
  value    UBIGINT NOT NULL
);

-- The run's counters, in first-appearance key order (`ord`), which several report row
-- orders depend on; __nfiles__ included. Read them as the view `run_counters` (below).
-- Every counter CPython writes is 64-bit, and so is nearly every sum: those are kept as
-- UBIGINT, which DuckDB appends in half the time of HUGEINT (an archive's ingest appends
-- millions of these rows on its critical path); the rare sum past 64 bits is kept exact
-- in run_counters_wide.
CREATE TABLE IF NOT EXISTS run_counters_u64 (
  run_id  INTEGER NOT NULL,
  key_id  INTEGER NOT NULL,
  ord     INTEGER NOT NULL,
  value   UBIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS run_counters_wide (
  run_id  INTEGER NOT NULL,
  key_id  INTEGER NOT NULL,
  ord     INTEGER NOT NULL,
  value   HUGEINT NOT NULL                 -- > 18446744073709551615
);

-- Every run counter, as every reader sees it (and as stores before run_counters_u64 held
-- them): value HUGEINT.
CREATE OR REPLACE VIEW run_counters AS
SELECT run_id, key_id, ord, value::HUGEINT AS value FROM run_counters_u64
UNION ALL
SELECT run_id, key_id, ord, value FROM run_counters_wide;
