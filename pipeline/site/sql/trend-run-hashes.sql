-- Each run's content hash, which (with its version) names the counters a trend point
-- sums: the site's trend cache keys a point by its runs' (trend-cache.ts).
SELECT run_id, content_hash FROM runs;
