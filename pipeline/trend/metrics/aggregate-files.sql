-- Per-file spread: the metric per file (per process for raw input), then min / median /
-- max over the files of the point. A file that lacks a key the point has reads 0 (raw
-- files print opcode stats only when non-zero); a file whose denominator is 0 has no
-- value and is left out of the spread.
WITH v AS (
  SELECT point_id, part, present,
         CASE WHEN $has_den::BOOLEAN
              THEN num::DOUBLE / nullif(den, 0)::DOUBLE * $scale::DOUBLE
              ELSE num::DOUBLE * $scale::DOUBLE END AS v
  FROM trend_metric
)
SELECT point_id, part,
       bool_or(present) AS present,
       min(v) AS vmin,
       quantile_cont(v, 0.5) AS vmedian,
       max(v) AS vmax,
       count(v) AS units
FROM v
GROUP BY point_id, part
ORDER BY point_id, part;
