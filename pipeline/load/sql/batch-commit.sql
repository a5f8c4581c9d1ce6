-- A batch's runs, summed in bulk: one statement for every run of the batch whose rows
-- were staged (a JSON run's rows go straight to run_counters), then the batch's run rows
-- (their texts by id: the writer has written the batch's new texts). A run's counters are
-- the sum of its staged rows (stage_sums: the workers' partial sums when no per-file rows
-- are kept, or a raw run's sums added up exactly as its per-file rows were appended,
-- load/exact-sums.ts), in first-appearance order; $nfiles_key gets each run's nfiles_bonus
-- added (the reference counts a raw run's files into __nfiles__).
INSERT INTO run_counters
SELECT o.run_id, o.key_id, o.ord,
       coalesce(s.value, 0) + CASE WHEN o.key_id = $nfiles_key::INTEGER THEN r.nfiles_bonus::HUGEINT ELSE 0 END
FROM temp.stage_order o
JOIN temp.stage_runs r USING (run_id)
LEFT JOIN (
  SELECT run_id, key_id, sum(value)::HUGEINT AS value FROM temp.stage_sums GROUP BY run_id, key_id
) s USING (run_id, key_id)
ORDER BY o.run_id, o.ord;

INSERT INTO run_records (run_id, content_hash, fingerprint, source_kind, source_path, fork, ref, commit_hash,
  commit_date, python_version, machine, nickname, benchmark, flags, n_files,
  specialized_instructions_text, stats_defines_text, defines_text, metadata_text)
SELECT run_id, content_hash, fingerprint, source_kind, source_path, fork, ref, commit_hash,
  commit_date, python_version, machine, nickname, benchmark, flags, n_files,
  specialized_instructions_text, stats_defines_text, defines_text, metadata_text
FROM temp.stage_runs ORDER BY run_id;
