-- Each stored per-benchmark run's commit, fork, flags and benchmark: the links lines of
-- the aggregated reports of a whole site at once (benchmarks-of-commit.sql, for every commit).
SELECT DISTINCT commit_hash, coalesce(fork, ''), coalesce(flags, ''), benchmark
FROM runs
WHERE commit_hash IS NOT NULL AND benchmark IS NOT NULL AND benchmark <> 'all'
ORDER BY benchmark;
