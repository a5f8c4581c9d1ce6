-- DIR/run_counters/fork=…/month=…/: each run's summed counters by key text. HUGEINT would
-- be written as DOUBLE; DECIMAL(38,0) is Parquet's exact 16-byte integer.
SELECT e.batch, e.content_hash, k.key, rc.ord, rc.value::DECIMAL(38,0) AS value, e.fork, e.month
FROM run_counters rc
JOIN export_runs e USING (run_id)
JOIN keys k USING (key_id)
ORDER BY e.run_id, rc.ord;
