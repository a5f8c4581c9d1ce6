-- A point's value from its runs: sum each counter over the point's runs that have the
-- metric, then divide (so a ratio over several runs weighs them by their counts, as
-- summarize_stats.py does when it sums their files). Counters stay HUGEINT until the
-- division, which is done in DOUBLE here. $scale: 100 for percentages, 1000 for "per
-- 1,000 instructions", 1 otherwise. $exact: also return the exact numerator (a plain
-- counter metric's value, digit for digit).
SELECT point_id, part,
       bool_or(present) AS present,
       CASE WHEN $exact::BOOLEAN THEN sum(num) FILTER (WHERE present) END::HUGEINT AS exact,
       CASE WHEN bool_or(present) THEN
         CASE WHEN $has_den::BOOLEAN
              THEN (sum(num) FILTER (WHERE present))::DOUBLE / nullif(sum(den) FILTER (WHERE present), 0)::DOUBLE * $scale::DOUBLE
              ELSE (sum(num) FILTER (WHERE present))::DOUBLE * $scale::DOUBLE END
       END AS value,
       count(*) FILTER (WHERE present) AS units
FROM trend_metric
GROUP BY point_id, part
ORDER BY point_id, part;
