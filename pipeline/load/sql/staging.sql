-- Per-connection staging for the batch of runs being written (TEMP: never in the store
-- file), made anew for each batch. Emptied by DELETE before each of thousands of small
-- commits instead, they went with DuckDB's 64 MB cap filling up (README: the archive bench).
CREATE OR REPLACE TEMP TABLE stage_order (run_id INTEGER, key_id INTEGER, ord INTEGER);
CREATE OR REPLACE TEMP TABLE stage_sums (run_id INTEGER, key_id INTEGER, value UBIGINT);
CREATE OR REPLACE TEMP TABLE stage_runs (
  run_id INTEGER, content_hash VARCHAR, fingerprint VARCHAR, source_kind VARCHAR, source_path VARCHAR,
  fork VARCHAR, ref VARCHAR, commit_hash VARCHAR, commit_date VARCHAR, python_version VARCHAR,
  machine VARCHAR, nickname VARCHAR, benchmark VARCHAR, flags VARCHAR, n_files INTEGER,
  specialized_instructions VARCHAR, stats_defines VARCHAR, defines VARCHAR, metadata VARCHAR,
  nfiles_bonus INTEGER, first_file INTEGER
);
-- The staged runs as insert-runs.sql takes them (pipeline/store/sql).
CREATE OR REPLACE TEMP VIEW incoming_runs AS
SELECT * EXCLUDE (nfiles_bonus, first_file), NULL::TIMESTAMP AS ingested_at FROM temp.stage_runs;
