-- DIR/run_counters/fork=…/month=…/: each run's summed counters, by run_hash and key_hash
-- (pipeline/store/lake/layout.ts). A sum fits UBIGINT (value) but for rare ones past 64 bits,
-- kept exact in value_wide.
SELECT e.run_hash, k.key_hash, rc.ord,
       CASE WHEN rc.value <= 18446744073709551615 THEN rc.value::UBIGINT END AS value,
       CASE WHEN rc.value > 18446744073709551615 THEN rc.value::DECIMAL(38,0) END AS value_wide,
       e.fork_dir AS fork, e.month
FROM run_counters rc
JOIN export_runs e USING (run_id)
JOIN export_keys k USING (key_id);
