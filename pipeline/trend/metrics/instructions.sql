-- Total Tier-1 instructions executed: the sum of every opcode[NAME].execution_count,
-- the total of the report's "Execution counts" table. Absent when a unit has no
-- execution counts at all.
WITH ec AS (
  SELECT u.unit_id, sum(u.value) AS total
  FROM trend_units u
  JOIN trend_keys k USING (key_id)
  WHERE k.family = 'opcode' AND k.stat = 'execution_count'
  GROUP BY u.unit_id
)
SELECT l.unit_id, l.point_id, '' AS part,
       ec.total IS NOT NULL AS present,
       coalesce(ec.total, 0)::HUGEINT AS num,
       NULL::HUGEINT AS den
FROM trend_unit_list l
LEFT JOIN ec USING (unit_id);
