-- The sibling benchmarks of an aggregated run already stored (ingested again as part of its
-- tree): the ones it does not have yet.
INSERT INTO run_links (run_id, benchmark)
SELECT $run_id::INTEGER, b
FROM (SELECT unnest(from_json($benchmarks::VARCHAR, '["VARCHAR"]')) AS b)
WHERE b NOT IN (SELECT benchmark FROM run_links WHERE run_id = $run_id::INTEGER);
