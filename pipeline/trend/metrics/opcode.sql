-- Execution count of one instruction ($by = 'name') or of one family ($by = 'family':
-- the base instruction and all its specialized forms, grouped by trend_opfamily, so
-- LOAD_CONST + LOAD_CONST_IMMORTAL + LOAD_CONST_MORTAL read as one continuous series).
-- $share = true divides by the unit's total Tier-1 instructions.
--
-- Presence: raw files print opcode stats only when non-zero, so a missing key is either
-- "not executed" or "no such instruction in this CPython". The selection is present when
-- one of its instructions has an execution_count or specializable key in the unit, or is
-- among the run's specialized instructions; it then reads 0 where a unit has no count.
-- Otherwise the unit is absent and the series shows a gap, never a zero.
WITH sel_names AS (
  SELECT $name::VARCHAR AS opname WHERE $by::VARCHAR = 'name'
  UNION
  SELECT opname FROM trend_opfamily WHERE $by::VARCHAR = 'family' AND family = $name::VARCHAR
),
ec AS (
  SELECT u.unit_id,
         sum(u.value) FILTER (WHERE k.stat = 'execution_count') AS total,
         sum(u.value) FILTER (WHERE k.stat = 'execution_count' AND s.opname IS NOT NULL) AS selected,
         bool_or(s.opname IS NOT NULL) AS has_key
  FROM trend_units u
  JOIN trend_keys k USING (key_id)
  LEFT JOIN sel_names s ON s.opname = k.opname
  WHERE k.family = 'opcode' AND k.stat IN ('execution_count', 'specializable')
  GROUP BY u.unit_id
),
listed AS (
  SELECT DISTINCT run_id FROM trend_specialized WHERE opname IN (SELECT opname FROM sel_names)
)
SELECT l.unit_id, l.point_id, '' AS part,
       coalesce(ec.has_key, false) OR l.run_id IN (SELECT run_id FROM listed) AS present,
       coalesce(ec.selected, 0)::HUGEINT AS num,
       CASE WHEN $share::BOOLEAN THEN coalesce(ec.total, 0) END::HUGEINT AS den
FROM trend_unit_list l
LEFT JOIN ec USING (unit_id);
