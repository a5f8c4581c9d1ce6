-- A run's counters = the SQL sum of its files' counters, in first-appearance order.
-- $nfiles_key gets $nfiles_bonus added: the reference counts files into __nfiles__.
INSERT INTO run_counters
SELECT $run_id::INTEGER, o.key_id, o.ord,
       coalesce(s.value, 0) + CASE WHEN o.key_id = $nfiles_key::INTEGER THEN $nfiles_bonus::HUGEINT ELSE 0 END
FROM temp.stage_order o
LEFT JOIN (
  SELECT fc.key_id, sum(fc.value)::HUGEINT AS value
  FROM file_counters fc
  WHERE fc.file_id BETWEEN $first_file::INTEGER AND $last_file::INTEGER
  GROUP BY fc.key_id
) s USING (key_id);
