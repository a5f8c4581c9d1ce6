-- The counters of one run, in first-appearance order: run-counters.sql for a single run,
-- without the list unnesting and the aggregate (a run holds each key once). Keys go out
-- as bytes, as there (runs.ts decodes them).
SELECT encode(k.key) AS key_bytes, rc.value
FROM run_counters rc
JOIN keys k USING (key_id)
WHERE rc.run_id = $run_id::INTEGER
ORDER BY rc.ord;
