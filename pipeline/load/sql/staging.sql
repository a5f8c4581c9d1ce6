-- Per-connection staging for the batch of runs being written (TEMP: never in the store
-- file), made anew for each batch. Emptied by DELETE before each of thousands of small
-- commits instead, they went with DuckDB's 64 MB cap filling up (README: the archive bench).
CREATE OR REPLACE TEMP TABLE stage_order (run_id INTEGER, key_id INTEGER, ord INTEGER);
CREATE OR REPLACE TEMP TABLE stage_sums (run_id INTEGER, key_id INTEGER, value UBIGINT);
CREATE OR REPLACE TEMP TABLE stage_summed (run_id INTEGER, key_id INTEGER, ord INTEGER, value HUGEINT);
CREATE OR REPLACE TEMP TABLE stage_runs (
  run_id INTEGER, content_hash VARCHAR, fingerprint VARCHAR, source_kind VARCHAR, source_path VARCHAR,
  fork VARCHAR, ref VARCHAR, commit_hash VARCHAR, commit_date VARCHAR, python_version VARCHAR,
  machine VARCHAR, nickname VARCHAR, benchmark VARCHAR, flags VARCHAR, n_files INTEGER,
  specialized_instructions_text INTEGER, stats_defines_text INTEGER, defines_text INTEGER, metadata_text INTEGER,
  nfiles_bonus INTEGER, first_file INTEGER
);
