-- The specialized instruction names of each selected run's CPython (the
-- `_specialized_instructions` summarize_stats.py appends): stored with the run when the
-- input had them, else the bundled table of the run's minor version (trend_run_minor,
-- filled from TypeScript, joined with trend_version_specialized). Names with '__' are
-- left out, as summarize_stats.py does. Runs of one CPython share the same list text, so
-- each distinct text is parsed once.
CREATE OR REPLACE TEMP TABLE trend_specialized AS
WITH sel AS (
  SELECT r.run_id, r.specialized_instructions AS list_text
  FROM runs r
  WHERE r.run_id IN (SELECT run_id FROM trend_runs)
),
parsed AS (
  SELECT list_text, unnest(from_json(list_text, '["VARCHAR"]')) AS opname
  FROM (SELECT DISTINCT list_text FROM sel WHERE list_text IS NOT NULL)
),
stored AS (
  SELECT s.run_id, p.opname FROM sel s JOIN parsed p USING (list_text)
),
bundled AS (
  SELECT s.run_id, v.opname
  FROM sel s
  JOIN trend_run_minor m USING (run_id)
  JOIN trend_version_specialized v USING (minor)
  WHERE s.list_text IS NULL
)
SELECT run_id, opname FROM (SELECT * FROM stored UNION ALL SELECT * FROM bundled)
WHERE opname NOT LIKE '%\_\_%' ESCAPE '\';
