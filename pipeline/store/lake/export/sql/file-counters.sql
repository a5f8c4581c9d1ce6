-- DIR/file_counters/fork=…/month=…/ (--per-file): each process's counters, by run_hash,
-- the file's visit order and key_hash. UBIGINT is Parquet's unsigned INT64.
SELECT e.run_hash, f.ord AS file_ord, k.key_hash, fc.value, e.fork_dir AS fork, e.month
FROM file_counters fc
JOIN files f USING (file_id)
JOIN export_runs e ON e.run_id = f.run_id
JOIN export_keys k ON k.key_id = fc.key_id;
