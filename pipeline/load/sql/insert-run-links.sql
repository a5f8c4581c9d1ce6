-- The sibling benchmarks found beside an aggregated run's JSON (a JSON array of names).
INSERT INTO run_links (run_id, benchmark)
SELECT $run_id::INTEGER, unnest(from_json($benchmarks::VARCHAR, '["VARCHAR"]'));
