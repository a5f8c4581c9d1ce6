-- What the instruction mix counts, read by mix-top.sql (its candidates) and mix.sql (its
-- lines): each unit's execution count per instruction (NULL for an instruction the unit
-- lists as specializable but has no execution count of).
CREATE OR REPLACE TEMP VIEW trend_mix_executions AS
SELECT u.unit_id, u.point_id, k.opname,
       sum(u.value) FILTER (WHERE k.stat = 'execution_count') AS cnt
FROM trend_units u
JOIN trend_keys k USING (key_id)
WHERE k.family = 'opcode' AND k.stat IN ('execution_count', 'specializable')
GROUP BY ALL;
