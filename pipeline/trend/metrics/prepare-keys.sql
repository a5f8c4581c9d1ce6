-- The key table every metric reads, made once per trend.
--
-- trend_keys: every key split by the key_parts grammar, with
--   opname: the instruction name of an opcode key; 3.12 keys carry opcode numbers
--           (opcode[83].execution_count), mapped through CPython 3.12's opname table
--           ($opnames_312, 0-based numbers into a 1-based list) so 3.12 runs join the
--           same series as 3.13+ runs.
CREATE OR REPLACE TEMP TABLE trend_keys AS
SELECT key_id, key, family, name, stat, argument,
       CASE WHEN family = 'opcode' AND regexp_full_match(name, '\d+')
            THEN coalesce(($opnames_312::VARCHAR[])[name::INTEGER + 1], name)
            ELSE name END AS opname
FROM key_parts;
