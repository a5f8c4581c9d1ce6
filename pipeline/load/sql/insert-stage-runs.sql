-- A batch's run rows, staged (json-rows.ts; batch-runs.sql stores them): $rows is a JSON
-- array of rows, each an array of the cells in stage_runs' column order.
INSERT INTO temp.stage_runs
SELECT r[1]::INTEGER, r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
  r[15]::INTEGER, r[16]::INTEGER, r[17]::INTEGER, r[18]::INTEGER, r[19]::INTEGER, r[20]::INTEGER, r[21]::INTEGER
FROM (SELECT unnest(from_json($rows::VARCHAR, '[["VARCHAR"]]')) AS r);
