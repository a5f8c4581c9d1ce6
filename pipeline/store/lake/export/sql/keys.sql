-- DIR/keys/<batch>.parquet: every key the batch's runs have.
SELECT b.batch, k.key_hash, k.key
FROM export_keys k
CROSS JOIN (SELECT DISTINCT batch FROM export_runs) b
ORDER BY k.key;
