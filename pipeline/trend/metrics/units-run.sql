-- Units are whole runs: a point's value is computed from the sums of its runs' counters.
--
-- Where the counters are read from: a run with exactly one file that holds counters (every
-- JSON run: its one "file" holds the sums) is read from file_counters, whose UBIGINT
-- column scans about four times faster than run_counters' HUGEINT one; every other run
-- (raw directories, sums-only ingests) from run_counters. The numbers are the same: a
-- run's counters are the sums of its files' counters.
CREATE OR REPLACE TEMP TABLE trend_one_file AS
SELECT f.run_id, f.file_id
FROM files f
JOIN (
  SELECT run_id FROM files
  WHERE run_id IN (SELECT run_id FROM trend_runs)
  GROUP BY run_id HAVING count(*) = 1
) USING (run_id)
WHERE f.file_id IN (SELECT DISTINCT file_id FROM file_counters);

CREATE OR REPLACE TEMP VIEW trend_unit_list AS
SELECT run_id AS unit_id, run_id, point_id FROM trend_runs;
