-- The batch's run rows (their texts by id: the writer has written the batch's new texts).
INSERT INTO run_records (run_id, content_hash, fingerprint, source_kind, source_path, fork, ref, commit_hash,
  commit_date, python_version, machine, nickname, benchmark, flags, n_files,
  specialized_instructions_text, stats_defines_text, defines_text, metadata_text)
SELECT run_id, content_hash, fingerprint, source_kind, source_path, fork, ref, commit_hash,
  commit_date, python_version, machine, nickname, benchmark, flags, n_files,
  specialized_instructions_text, stats_defines_text, defines_text, metadata_text
FROM temp.stage_runs ORDER BY run_id;
