-- Runs matching the optional filters (NULL = any). Dates compare on the commit date's day.
-- One JSON text, the rows in RUN_COLUMNS order (runJsonSqlFile: an archive has 20,000 runs).
SELECT to_json(list(json_array(run_id, fork, ref, commit_hash, commit_date, python_version, machine,
                               nickname, benchmark, flags, n_files, source_kind, source_path)
                    ORDER BY left(commit_date, 10) NULLS LAST, run_id))::VARCHAR
FROM runs
WHERE ($fork::VARCHAR IS NULL OR fork = $fork::VARCHAR)
  AND ($ref::VARCHAR IS NULL OR ref = $ref::VARCHAR)
  AND ($benchmark::VARCHAR IS NULL OR benchmark = $benchmark::VARCHAR)
  AND ($machine::VARCHAR IS NULL OR machine = $machine::VARCHAR)
  AND ($flags::VARCHAR IS NULL OR coalesce(flags, '') = $flags::VARCHAR)
  AND ($python_version::VARCHAR IS NULL OR python_version LIKE $python_version::VARCHAR || '%')
  AND ($commit::VARCHAR IS NULL OR commit_hash LIKE $commit::VARCHAR || '%')
  AND ($commit_date::VARCHAR IS NULL OR left(commit_date, 10) = $commit_date::VARCHAR)
  AND ($since::VARCHAR IS NULL OR left(commit_date, 10) >= $since::VARCHAR)
  AND ($until::VARCHAR IS NULL OR left(commit_date, 10) <= $until::VARCHAR);
