-- A store written before `texts` (runs a table holding every run's texts, runs and files
-- with indexes) made current, inside the open's transaction: its runs and files tables set
-- aside here, ddl.sql then makes the new tables and the view `runs`, and
-- upgrade-runs-rows.sql moves the rows over.
ALTER TABLE runs RENAME TO runs_before_texts;
ALTER TABLE files RENAME TO files_before_texts;
