-- A batch's runs whose rows were staged (raw runs; a JSON run's rows go straight to
-- run_counters_u64), summed in bulk: one statement for them all. A run's counters are
-- the sum of its staged rows (stage_sums: the workers' partial sums when no per-file rows
-- are kept, or a raw run's sums added up exactly as its per-file rows were appended,
-- load/exact-sums.ts), in first-appearance order; $nfiles_key gets each run's nfiles_bonus
-- added (the reference counts a raw run's files into __nfiles__).
INSERT INTO temp.stage_summed
SELECT o.run_id, o.key_id, o.ord,
       coalesce(s.value, 0) + CASE WHEN o.key_id = $nfiles_key::INTEGER THEN r.nfiles_bonus::HUGEINT ELSE 0 END AS value
FROM temp.stage_order o
JOIN temp.stage_runs r USING (run_id)
LEFT JOIN (
  SELECT run_id, key_id, sum(value)::HUGEINT AS value FROM temp.stage_sums GROUP BY run_id, key_id
) s USING (run_id, key_id)
ORDER BY o.run_id, o.ord;
-- A sum that fits 64 bits, as nearly all do, and the rare one past them (ddl.sql).
INSERT INTO run_counters_u64 SELECT run_id, key_id, ord, value::UBIGINT FROM temp.stage_summed WHERE value <= 18446744073709551615;
INSERT INTO run_counters_wide SELECT run_id, key_id, ord, value FROM temp.stage_summed WHERE value > 18446744073709551615;
