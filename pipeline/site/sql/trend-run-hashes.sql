-- Each run's content hash, which (with its version) names the counters a trend point
-- sums: the site's trend cache keys a point by its runs' (trend-cache.ts).
-- As one JSON text (runJsonSqlFile).
SELECT to_json(list(json_array(run_id, content_hash)))::VARCHAR FROM runs;
