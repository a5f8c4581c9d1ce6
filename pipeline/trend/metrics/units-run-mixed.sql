-- trend_units when some selected runs have several files (see units-run.sql): those are
-- read from run_counters, the one-file runs from file_counters.
CREATE OR REPLACE TEMP VIEW trend_units AS
SELECT o.run_id AS unit_id, o.run_id, t.point_id, fc.key_id, fc.value::HUGEINT AS value
FROM file_counters fc
JOIN trend_one_file o USING (file_id)
JOIN trend_runs t USING (run_id)
UNION ALL
SELECT rc.run_id AS unit_id, rc.run_id, t.point_id, rc.key_id, rc.value
FROM run_counters rc
JOIN trend_runs t USING (run_id)
WHERE rc.run_id IN (SELECT run_id FROM trend_runs WHERE run_id NOT IN (SELECT run_id FROM trend_one_file));
