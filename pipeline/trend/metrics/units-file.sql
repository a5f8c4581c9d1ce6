-- Units are files (one per process for raw input; a JSON run's one file holds its sums):
-- the metric is computed per file, and a point shows min / median / max across them.
CREATE OR REPLACE TEMP VIEW trend_unit_list AS
SELECT f.file_id AS unit_id, f.run_id, t.point_id
FROM files f
JOIN trend_runs t USING (run_id);

CREATE OR REPLACE TEMP VIEW trend_units AS
SELECT fc.file_id AS unit_id, f.run_id, t.point_id, fc.key_id, fc.value::HUGEINT AS value
FROM process_counters fc
JOIN files f USING (file_id)
JOIN trend_runs t USING (run_id);
