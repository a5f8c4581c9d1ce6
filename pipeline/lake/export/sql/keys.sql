-- DIR/keys/<batch>.parquet: every key the batch's runs have (a run's counters hold every
-- key of its files, so this covers file_counters too).
SELECT b.batch, k.key
FROM keys k
CROSS JOIN (SELECT DISTINCT batch FROM export_runs) b
WHERE k.key_id IN (SELECT DISTINCT key_id FROM run_counters WHERE run_id IN (SELECT run_id FROM export_runs))
ORDER BY k.key;
