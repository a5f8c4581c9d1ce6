-- The store's tables (ddl.sql: same names, columns and types) as views over a Parquet
-- lake's lake-level tables (pipeline/store/lake/read/lake-tables.sql): what a read command opened
-- with --lake sees. views.sql is laid over these as over a store file.
CREATE OR REPLACE TEMP VIEW runs AS
SELECT r.run_id, r.content_hash, r.fingerprint, r.source_kind, r.source_path, r.fork, r.ref, r.commit_hash,
       r.commit_date, r.python_version, r.machine, r.nickname, r.benchmark, r.flags, r.n_files,
       t.specialized_instructions, t.stats_defines, t.defines, t.metadata, r.ingested_at
FROM lake_runs r
LEFT JOIN lake_run_texts t USING (run_hash);

CREATE OR REPLACE TEMP VIEW keys AS SELECT key_id, key FROM lake_keys;

CREATE OR REPLACE TEMP VIEW files AS
SELECT file_id, run_id, ord, path, size_bytes, file_hash AS content_hash, line_count, problem_count, problems
FROM lake_files;

CREATE OR REPLACE TEMP VIEW file_counters AS SELECT file_id, key_id, value FROM lake_file_counters;

CREATE OR REPLACE TEMP VIEW run_counters AS SELECT run_id, key_id, ord, value FROM lake_run_counters;

-- The lake does not carry run_links (sibling benchmarks seen at ingest): an aggregated
-- report read over a lake names only the per-benchmark runs the lake holds.
CREATE OR REPLACE TEMP VIEW run_links AS SELECT NULL::INTEGER AS run_id, NULL::VARCHAR AS benchmark WHERE false;
