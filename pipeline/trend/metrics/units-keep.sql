-- trend_units kept in a temp table, for a trend that queries many metrics over the same
-- units (prepareUnits' keep): each metric then scans this instead of joining the store's
-- counters again. Values as UBIGINT, which DuckDB sums twice as fast as HUGEINT; a value
-- past 64 bits (a counter summed over a run's many files) fails the cast, and the caller
-- keeps the view over the store instead. Sums are HUGEINT either way.
CREATE OR REPLACE TEMP TABLE trend_units_kept AS
SELECT unit_id, run_id, point_id, key_id, value::UBIGINT AS value
FROM trend_units;

CREATE OR REPLACE TEMP VIEW trend_units AS
SELECT unit_id, run_id, point_id, key_id, value
FROM trend_units_kept;
