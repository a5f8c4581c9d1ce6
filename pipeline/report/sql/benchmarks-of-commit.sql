-- The per-benchmark runs of one commit: the links line of its aggregated report.
SELECT DISTINCT benchmark
FROM runs
WHERE commit_hash = $commit_hash::VARCHAR
  AND coalesce(fork, '') = coalesce($fork::VARCHAR, '')
  AND coalesce(flags, '') = coalesce($flags::VARCHAR, '')
  AND benchmark IS NOT NULL AND benchmark <> 'all'
ORDER BY benchmark;
