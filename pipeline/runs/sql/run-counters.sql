-- The summed counters of the selected runs, as if their files were one directory:
-- a key's place is its first appearance, runs taken in the order given. Keys go out as
-- bytes: node-api's VARCHAR decoding would drop a leading U+FEFF (runs.ts decodes them).
WITH sel AS (
  SELECT unnest($run_ids::INTEGER[]) AS run_id, generate_subscripts($run_ids::INTEGER[], 1) AS pos
)
SELECT encode(k.key) AS key_bytes, sum(rc.value)::HUGEINT AS value
FROM run_counters rc
JOIN sel USING (run_id)
JOIN keys k USING (key_id)
GROUP BY k.key
ORDER BY min(sel.pos::BIGINT * 4294967296 + rc.ord);
