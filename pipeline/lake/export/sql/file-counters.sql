-- DIR/file_counters/fork=…/month=…/ (--per-file): each process's counters, by the run's
-- content, the file's visit order and the key text. UBIGINT is Parquet's unsigned INT64.
SELECT e.batch, e.content_hash, f.ord AS file_ord, k.key, fc.value, e.fork, e.month
FROM file_counters fc
JOIN files f USING (file_id)
JOIN export_runs e ON e.run_id = f.run_id
JOIN keys k ON k.key_id = fc.key_id
ORDER BY e.run_id, f.ord;
