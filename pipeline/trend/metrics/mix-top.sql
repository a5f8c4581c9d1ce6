-- The instruction mix's candidates (mix.sql): every executed instruction with its share
-- of Tier-1 instructions summed over the trend's points (the N largest, ties by name, are
-- the mix's lines). A point's share sums its units' counts before dividing, so a point of
-- several runs weighs them by their counts. One scan of the counters
-- (trend_mix_executions: mix-executions.sql).
WITH ec AS (SELECT * FROM trend_mix_executions WHERE cnt IS NOT NULL),
point_total AS (SELECT point_id, sum(cnt) AS total FROM ec GROUP BY point_id),
point_share AS (
  SELECT e.point_id, e.opname, sum(e.cnt)::DOUBLE / any_value(p.total)::DOUBLE AS share
  FROM ec e JOIN point_total p USING (point_id)
  GROUP BY ALL
)
SELECT opname, sum(share) AS share
FROM point_share
GROUP BY opname
ORDER BY sum(share) DESC, opname;
