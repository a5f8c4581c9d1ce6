-- The sibling benchmarks of the aggregated runs of an ingest (new, or stored before and met
-- again as part of their tree): the ones each does not have yet, all in one statement.
-- $links: a JSON array of [run_id, [benchmark, …]].
INSERT INTO run_links (run_id, benchmark)
SELECT DISTINCT l.run_id, l.benchmark
FROM (
  SELECT (pair->>0)::INTEGER AS run_id, unnest(from_json(pair->1, '["VARCHAR"]')) AS benchmark
  FROM (SELECT unnest(from_json($links::VARCHAR, '["JSON"]')) AS pair)
) l
WHERE NOT EXISTS (SELECT 1 FROM run_links r WHERE r.run_id = l.run_id AND r.benchmark = l.benchmark);
