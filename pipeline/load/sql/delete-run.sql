DELETE FROM file_counters WHERE file_id IN (SELECT file_id FROM files WHERE run_id = $run_id);
DELETE FROM files WHERE run_id = $run_id;
DELETE FROM run_counters_u64 WHERE run_id = $run_id;
DELETE FROM run_counters_wide WHERE run_id = $run_id;
DELETE FROM run_links WHERE run_id = $run_id;
DELETE FROM run_records WHERE run_id = $run_id;
