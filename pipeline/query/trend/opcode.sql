-- Execution count of one instruction ($by = 'name') or of one family ($by = 'family':
-- the base instruction and all its specialized forms, grouped by trend_opfamily, so
-- LOAD_CONST + LOAD_CONST_IMMORTAL + LOAD_CONST_MORTAL read as one continuous series).
-- $share = true divides by the unit's total Tier-1 instructions.
--
-- Presence: raw files print opcode stats only when non-zero, so a missing key is either
-- "not executed" or "no such instruction in this CPython". The selection is present in a
-- run when one of its instructions has an execution_count or specializable key in the
-- run, or is among the run's specialized instructions; it then reads 0 where a unit has
-- no count. Otherwise the unit is absent and the series shows a gap, never a zero.
WITH sel_names AS (
  SELECT opname FROM trend_opfamily
  WHERE CASE $by::VARCHAR WHEN 'name' THEN opname ELSE family END = $name::VARCHAR
),
ec AS (
  SELECT u.unit_id,
         sum(u.value) AS total,
         sum(u.value) FILTER (WHERE k.opname IN (SELECT opname FROM sel_names)) AS selected
  FROM trend_units u
  JOIN trend_keys k USING (key_id)
  WHERE k.family = 'opcode' AND k.stat = 'execution_count'
  GROUP BY u.unit_id
),
known AS (
  SELECT rc.run_id
  FROM run_counters rc
  JOIN trend_runs USING (run_id)
  JOIN trend_keys k USING (key_id)
  WHERE k.family = 'opcode' AND k.stat IN ('execution_count', 'specializable')
    AND k.opname IN (SELECT opname FROM sel_names)
  UNION
  SELECT run_id FROM trend_specialized WHERE opname IN (SELECT opname FROM sel_names)
)
SELECT l.unit_id, l.point_id, '' AS part,
       l.run_id IN (SELECT run_id FROM known) AS present,
       coalesce(ec.selected, 0)::HUGEINT AS num,
       CASE WHEN $share::BOOLEAN THEN coalesce(ec.total, 0) END::HUGEINT AS den
FROM trend_unit_list l
LEFT JOIN ec USING (unit_id);
