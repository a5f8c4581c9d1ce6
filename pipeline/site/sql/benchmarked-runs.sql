-- Each stored per-benchmark run's commit, fork, flags and benchmark: the links lines of
-- the aggregated reports of a whole site at once (benchmarks-of-commit.sql, for every commit).
-- As one JSON text (runJsonSqlFile).
SELECT to_json(list(json_array(commit_hash, fork, flags, benchmark) ORDER BY benchmark))::VARCHAR
FROM (
  SELECT DISTINCT commit_hash, coalesce(fork, '') AS fork, coalesce(flags, '') AS flags, benchmark
  FROM runs
  WHERE commit_hash IS NOT NULL AND benchmark IS NOT NULL AND benchmark <> 'all'
);
