-- Instruction mix: the $top instructions (the N with the largest mean share over the
-- trend's points, chosen by mix-top.sql), each as its own part (line): execution count /
-- total Tier-1 instructions.
-- Presence per instruction follows opcode.sql (a key in the unit, or listed among the
-- run's specialized instructions): an instruction missing from a run's CPython is a gap,
-- one it has but did not execute reads 0. One scan of the counters (trend_mix_executions:
-- mix-executions.sql).
WITH st AS (SELECT * FROM trend_mix_executions),
ec AS (SELECT * FROM st WHERE cnt IS NOT NULL),
unit_total AS (SELECT unit_id, sum(cnt) AS total FROM ec GROUP BY unit_id),
top AS (SELECT unnest($top::VARCHAR[]) AS opname),
listed AS (
  SELECT DISTINCT run_id, opname FROM trend_specialized WHERE opname IN (SELECT opname FROM top)
)
SELECT l.unit_id, l.point_id, t.opname AS part,
       st.unit_id IS NOT NULL OR ls.run_id IS NOT NULL AS present,
       coalesce(st.cnt, 0)::HUGEINT AS num,
       coalesce(ut.total, 0)::HUGEINT AS den
FROM trend_unit_list l
CROSS JOIN top t
LEFT JOIN st ON st.unit_id = l.unit_id AND st.opname = t.opname
LEFT JOIN listed ls ON ls.run_id = l.run_id AND ls.opname = t.opname
LEFT JOIN unit_total ut ON ut.unit_id = l.unit_id;
