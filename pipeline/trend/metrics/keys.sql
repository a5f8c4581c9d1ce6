-- Counters chosen by regular expressions over whole keys. The expressions come from the
-- metric catalog, never from the user, and are bound as parameters all the same.
--   num  = sum of the keys matching $num_re
--   den  = $den 'keys': sum of the keys matching $den_re; 'instructions': the unit's
--          Tier-1 instructions (sum of opcode[*].execution_count); 'none': no denominator
--   part = the first capture group of $part_re (a GC generation, a rare event) when
--          given, so each part is its own line; $part keeps one of them.
-- These counters (calls, objects, GC, optimizer, rare events) are printed even when
-- zero, so a missing key means this CPython or build does not have it: the unit is
-- absent (a gap) unless a numerator key (and, with a denominator, a denominator key) exists.
WITH nk AS (
  SELECT key_id,
         CASE WHEN $part_re::VARCHAR IS NULL THEN '' ELSE regexp_extract(key, $part_re::VARCHAR, 1) END AS part
  FROM trend_keys
  WHERE regexp_matches(key, $num_re::VARCHAR)
),
num AS (
  SELECT u.unit_id, nk.part, sum(u.value) AS num
  FROM trend_units u
  JOIN nk USING (key_id)
  WHERE $part::VARCHAR IS NULL OR nk.part = $part::VARCHAR
  GROUP BY ALL
),
dk AS (
  SELECT key_id FROM trend_keys
  WHERE ($den::VARCHAR = 'instructions' AND family = 'opcode' AND stat = 'execution_count')
     OR ($den::VARCHAR = 'keys' AND regexp_matches(key, $den_re::VARCHAR))
),
den AS (
  SELECT u.unit_id, sum(u.value) AS den
  FROM trend_units u
  JOIN dk USING (key_id)
  GROUP BY u.unit_id
),
parts AS (SELECT DISTINCT part FROM num)
SELECT l.unit_id, l.point_id, p.part,
       num.num IS NOT NULL AND ($den::VARCHAR = 'none' OR den.den IS NOT NULL) AS present,
       coalesce(num.num, 0)::HUGEINT AS num,
       CASE WHEN $den::VARCHAR <> 'none' THEN coalesce(den.den, 0) END::HUGEINT AS den
FROM trend_unit_list l
CROSS JOIN parts p
LEFT JOIN num ON num.unit_id = l.unit_id AND num.part = p.part
LEFT JOIN den ON den.unit_id = l.unit_id;
