-- The set-aside runs table's rows, as insert-runs.sql takes them (it then moves them into
-- run_records and texts; the caller drops runs_before_texts).
CREATE OR REPLACE TEMP VIEW incoming_runs AS SELECT * FROM runs_before_texts;
