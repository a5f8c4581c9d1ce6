-- Per-connection staging for the batch of runs being written (TEMP: never in the store
-- file). Emptied by batch-commit.sql inside the batch's transaction.
CREATE TEMP TABLE IF NOT EXISTS stage_order (run_id INTEGER, key_id INTEGER, ord INTEGER);
CREATE TEMP TABLE IF NOT EXISTS stage_sums (run_id INTEGER, key_id INTEGER, value UBIGINT);
CREATE TEMP TABLE IF NOT EXISTS stage_runs (
  run_id INTEGER, content_hash VARCHAR, fingerprint VARCHAR, source_kind VARCHAR, source_path VARCHAR,
  fork VARCHAR, ref VARCHAR, commit_hash VARCHAR, commit_date VARCHAR, python_version VARCHAR,
  machine VARCHAR, nickname VARCHAR, benchmark VARCHAR, flags VARCHAR, n_files INTEGER,
  specialized_instructions VARCHAR, stats_defines VARCHAR, defines VARCHAR, metadata VARCHAR,
  nfiles_bonus INTEGER, first_file INTEGER
);
