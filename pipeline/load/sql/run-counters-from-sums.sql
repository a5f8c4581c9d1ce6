-- Without per-file rows (summarize): the workers' partial sums, summed again here.
INSERT INTO run_counters
SELECT $run_id::INTEGER, o.key_id, o.ord,
       coalesce(s.value, 0) + CASE WHEN o.key_id = $nfiles_key::INTEGER THEN $nfiles_bonus::HUGEINT ELSE 0 END
FROM temp.stage_order o
LEFT JOIN (
  SELECT key_id, sum(value)::HUGEINT AS value FROM temp.stage_sums GROUP BY key_id
) s USING (key_id);
