-- The links line of an aggregated report: the per-benchmark runs of its commit, and the
-- per-benchmark results its tree published beside it (run_links, recorded at ingest).
SELECT benchmark FROM (
  SELECT benchmark
  FROM runs
  WHERE commit_hash = $commit_hash::VARCHAR
    AND coalesce(fork, '') = coalesce($fork::VARCHAR, '')
    AND coalesce(flags, '') = coalesce($flags::VARCHAR, '')
    AND benchmark IS NOT NULL AND benchmark <> 'all'
  UNION
  SELECT benchmark FROM run_links WHERE run_id = $run_id::INTEGER
)
ORDER BY benchmark;
