-- The runs a trend reads: the user's filters (NULL = any), bound as parameters. Dates
-- compare on the first ten characters of the commit date (the committer's day), as
-- `pystats runs` does. Series and points are assembled from these rows in TypeScript.
SELECT run_id, fork, commit_hash, commit_date, python_version, machine, benchmark,
       coalesce(flags, '') AS flags, n_files, source_kind
FROM runs
WHERE ($fork::VARCHAR IS NULL OR fork = $fork::VARCHAR)
  AND ($benchmark::VARCHAR IS NULL OR benchmark = $benchmark::VARCHAR)
  AND ($machine::VARCHAR IS NULL OR machine = $machine::VARCHAR)
  AND ($flags::VARCHAR IS NULL OR coalesce(flags, '') = $flags::VARCHAR)
  AND ($since::VARCHAR IS NULL OR left(commit_date, 10) >= $since::VARCHAR)
  AND ($until::VARCHAR IS NULL OR left(commit_date, 10) <= $until::VARCHAR)
ORDER BY run_id;
