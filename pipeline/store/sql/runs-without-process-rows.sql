-- Raw runs stored without their per-process rows (ingested without --per-file): runs of
-- raw files with counters in them, none of which has a file_counters row. Their sums are
-- in run_counters; what is missing is the spread across their processes.
WITH raw AS (
  SELECT r.run_id, r.source_path
  FROM runs r
  WHERE r.source_kind = 'raw'
    AND EXISTS (SELECT 1 FROM files f WHERE f.run_id = r.run_id AND f.line_count > f.problem_count)
)
SELECT run_id, source_path
FROM raw
WHERE run_id NOT IN (
  SELECT DISTINCT f.run_id
  FROM file_counters fc
  JOIN files f USING (file_id)
  WHERE f.run_id IN (SELECT run_id FROM raw)
)
ORDER BY run_id;
