-- trend_units when every selected run is a one-file run (see units-run.sql).
CREATE OR REPLACE TEMP VIEW trend_units AS
SELECT o.run_id AS unit_id, o.run_id, t.point_id, fc.key_id, fc.value::HUGEINT AS value
FROM file_counters fc
JOIN trend_one_file o USING (file_id)
JOIN trend_runs t USING (run_id);
