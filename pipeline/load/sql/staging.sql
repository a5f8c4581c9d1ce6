-- Per-connection staging for the run being written (TEMP: never in the store file).
CREATE TEMP TABLE IF NOT EXISTS stage_order (key_id INTEGER, ord INTEGER);
CREATE TEMP TABLE IF NOT EXISTS stage_sums (key_id INTEGER, value UBIGINT);
