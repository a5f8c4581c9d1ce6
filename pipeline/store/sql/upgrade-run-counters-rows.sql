-- A store whose run_counters was a table of HUGEINT values (before run_counters_u64): its
-- rows, set aside as run_counters_before_u64, moved into the current tables in their order
-- (DuckDB keeps insertion order): a value that fits 64 bits into run_counters_u64, the rare
-- one past them into run_counters_wide. The view run_counters reads the same rows after.
INSERT INTO run_counters_u64
SELECT run_id, key_id, ord, value::UBIGINT FROM run_counters_before_u64 WHERE value <= 18446744073709551615;
INSERT INTO run_counters_wide
SELECT run_id, key_id, ord, value FROM run_counters_before_u64 WHERE value > 18446744073709551615;
DROP TABLE run_counters_before_u64;
