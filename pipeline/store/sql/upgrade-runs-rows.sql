-- The set-aside tables' rows: files as they were, runs as insert-runs.sql takes them (it
-- then moves them into run_records and texts; the caller drops the set-aside tables).
INSERT INTO files SELECT * FROM files_before_texts ORDER BY file_id;
CREATE OR REPLACE TEMP VIEW incoming_runs AS SELECT * FROM runs_before_texts;
