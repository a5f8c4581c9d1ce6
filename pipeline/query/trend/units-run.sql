-- Units are whole runs: a point's value is computed from the sums of its runs' counters.
CREATE OR REPLACE TEMP VIEW trend_unit_list AS
SELECT run_id AS unit_id, run_id, point_id FROM trend_runs;

CREATE OR REPLACE TEMP VIEW trend_units AS
SELECT rc.run_id AS unit_id, rc.run_id, t.point_id, rc.key_id, rc.value
FROM run_counters rc
JOIN trend_runs t USING (run_id);
