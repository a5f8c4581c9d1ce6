-- The report's "Specialization effectiveness" (docs/format.md §3.4 item 5), with
-- the 3.13+ rule applied to every version: each instruction with an execution_count is
--   not_specialized  when the run marks it specializable,
--   hits / misses    when it is one of the run's specialized instructions
--                    (hits = count - its specialization.miss, misses = that miss),
--   basic            otherwise.
-- Each part is a share of the total Tier-1 instructions; $part keeps one (NULL = all four).
-- Present when the unit has execution counts and its run's specialized instructions are
-- known (stored with the run or bundled for its version).
WITH st AS (
  SELECT u.unit_id, u.run_id, k.opname,
         sum(u.value) FILTER (WHERE k.stat = 'execution_count') AS cnt,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'specialization.miss'), 0) AS miss,
         bool_or(k.stat = 'specializable') AS specializable
  FROM trend_units u
  JOIN trend_keys k USING (key_id)
  WHERE k.family = 'opcode' AND k.stat IN ('execution_count', 'specialization.miss', 'specializable')
  GROUP BY ALL
),
classified AS (
  SELECT st.unit_id,
         sum(st.cnt) AS total,
         coalesce(sum(st.cnt) FILTER (WHERE st.specializable), 0) AS not_specialized,
         coalesce(sum(st.cnt - st.miss) FILTER (WHERE NOT st.specializable AND s.opname IS NOT NULL), 0) AS hits,
         coalesce(sum(st.miss) FILTER (WHERE NOT st.specializable AND s.opname IS NOT NULL), 0) AS misses,
         coalesce(sum(st.cnt) FILTER (WHERE NOT st.specializable AND s.opname IS NULL), 0) AS basic
  FROM st
  LEFT JOIN trend_specialized s ON s.run_id = st.run_id AND s.opname = st.opname
  WHERE st.cnt IS NOT NULL
  GROUP BY st.unit_id
),
parts AS (SELECT unnest(['basic', 'not_specialized', 'hits', 'misses']) AS part)
SELECT l.unit_id, l.point_id, p.part,
       c.total IS NOT NULL AND l.run_id IN (SELECT run_id FROM trend_specialized) AS present,
       coalesce(CASE p.part
         WHEN 'basic' THEN c.basic WHEN 'not_specialized' THEN c.not_specialized
         WHEN 'hits' THEN c.hits WHEN 'misses' THEN c.misses END, 0)::HUGEINT AS num,
       coalesce(c.total, 0)::HUGEINT AS den
FROM trend_unit_list l
CROSS JOIN parts p
LEFT JOIN classified c USING (unit_id)
WHERE $part::VARCHAR IS NULL OR p.part = $part::VARCHAR;
