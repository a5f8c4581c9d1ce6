-- The report's per-family specialization numbers (docs/format.md §3.4 item 4),
-- for the family $family, read from its base instruction's keys opcode[F].*:
--   total   = specialization.hit + specialization.miss + execution_count (missing = 0)
--   $kind 'hit' | 'miss' | 'deferred' | 'deopt': that counter / total
--   $kind 'failure': specialization.failure / (specialization.success + specialization.failure)
-- Present when the unit marks the family specializable (opcode[F].specializable, which
-- every file prints for every family with inline caches), as the report requires before
-- it shows a family; the family's counters then read 0 when absent.
WITH st AS (
  SELECT u.unit_id,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'specialization.hit'), 0) AS hit,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'specialization.miss'), 0) AS miss,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'specialization.deferred'), 0) AS deferred,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'specialization.deopt'), 0) AS deopt,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'specialization.success'), 0) AS success,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'specialization.failure'), 0) AS failure,
         coalesce(sum(u.value) FILTER (WHERE k.stat = 'execution_count'), 0) AS executed,
         bool_or(k.stat = 'specializable') AS specializable
  FROM trend_units u
  JOIN trend_keys k USING (key_id)
  WHERE k.family = 'opcode' AND k.opname = $family::VARCHAR
  GROUP BY u.unit_id
)
SELECT l.unit_id, l.point_id, '' AS part,
       coalesce(st.specializable, false) AS present,
       coalesce(CASE $kind::VARCHAR
         WHEN 'hit' THEN st.hit WHEN 'miss' THEN st.miss WHEN 'deferred' THEN st.deferred
         WHEN 'deopt' THEN st.deopt WHEN 'failure' THEN st.failure END, 0)::HUGEINT AS num,
       coalesce(CASE $kind::VARCHAR
         WHEN 'failure' THEN st.success + st.failure
         ELSE st.hit + st.miss + st.executed END, 0)::HUGEINT AS den
FROM trend_unit_list l
LEFT JOIN st USING (unit_id);
