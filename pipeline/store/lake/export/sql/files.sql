-- DIR/files/<batch>.parquet: the batch's runs' input files, by run and visit order.
SELECT e.batch, e.run_hash, e.content_hash, f.ord, f.path, f.size_bytes, f.content_hash AS file_hash,
       f.line_count, f.problem_count, f.problems
FROM files f
JOIN export_runs e USING (run_id)
ORDER BY e.run_id, f.ord;
