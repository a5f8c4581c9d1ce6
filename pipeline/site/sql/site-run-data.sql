-- Every selected run in one row, for the site's data scripts: the day it was ingested (the
-- default "Stats gathered on" date of its report), its metadata tables as stored, and its
-- counters as text, key ids and exact values in the run's key order (ord). DuckDB joins
-- the 1,000s of counters of a run into two strings, so Node reads one row per run.
-- $first and $last bound the ids (the run_ids of a batch lie between them).
WITH c AS (
  SELECT run_id,
         string_agg(key_id::VARCHAR, ',' ORDER BY ord) AS key_ids,
         string_agg(value::VARCHAR, ',' ORDER BY ord) AS vals
  FROM run_counters
  WHERE run_id BETWEEN $first::INTEGER AND $last::INTEGER AND run_id IN (SELECT unnest($run_ids::INTEGER[]))
  GROUP BY run_id
)
SELECT r.run_id, strftime(r.ingested_at, '%Y-%m-%d') AS ingested_day,
       r.specialized_instructions, r.stats_defines, r.defines, r.metadata,
       coalesce(c.key_ids, ''), coalesce(c.vals, '')
FROM runs r LEFT JOIN c USING (run_id)
WHERE r.run_id IN (SELECT unnest($run_ids::INTEGER[]))
ORDER BY r.run_id;
