-- DIR/runs/<batch>.parquet: the batch's runs; source_run_id keeps the exporting store's
-- order, which orders the batch's runs in the lake.
SELECT batch, run_hash, run_id AS source_run_id, content_hash, fingerprint, source_kind, source_path, fork, ref,
       commit_hash, commit_date, python_version, machine, nickname, benchmark, flags, n_files,
       specialized_instructions, stats_defines, defines, metadata, ingested_at, month, fork_dir
FROM export_runs
ORDER BY run_id;
