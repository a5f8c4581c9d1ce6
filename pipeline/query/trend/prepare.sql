-- Per-query temp tables every metric reads. Created after trend_runs(run_id, point_id)
-- has been filled with the selected runs.
--
-- trend_keys: every key split by the key_parts grammar, with
--   opname: the instruction name of an opcode key; 3.12 keys carry opcode numbers
--           (opcode[83].execution_count), mapped through CPython 3.12's opname table
--           ($opnames_312, 0-based numbers into a 1-based list) so 3.12 runs join the
--           same series as 3.13+ runs.
CREATE OR REPLACE TEMP TABLE trend_keys AS
SELECT key_id, key, family, name, stat, argument,
       CASE WHEN family = 'opcode' AND regexp_full_match(name, '\d+')
            THEN coalesce(($opnames_312::VARCHAR[])[name::INTEGER + 1], name)
            ELSE name END AS opname
FROM key_parts;

-- The specialized instruction names of each selected run's CPython (the
-- `_specialized_instructions` summarize_stats.py appends): stored with the run when the
-- input had them, else the bundled table of the run's minor version (trend_run_minor,
-- filled from TypeScript, joined with trend_version_specialized). Names with '__' are
-- left out, as summarize_stats.py does.
CREATE OR REPLACE TEMP TABLE trend_specialized AS
WITH sel AS (SELECT DISTINCT run_id FROM trend_runs),
stored AS (
  SELECT r.run_id, unnest(from_json(r.specialized_instructions, '["VARCHAR"]')) AS opname
  FROM runs r JOIN sel USING (run_id)
  WHERE r.specialized_instructions IS NOT NULL
),
bundled AS (
  SELECT r.run_id, v.opname
  FROM runs r
  JOIN sel USING (run_id)
  JOIN trend_run_minor m USING (run_id)
  JOIN trend_version_specialized v USING (minor)
  WHERE r.specialized_instructions IS NULL
)
SELECT run_id, opname FROM (SELECT * FROM stored UNION ALL SELECT * FROM bundled)
WHERE opname NOT LIKE '%\_\_%' ESCAPE '\';
