-- A lake's committed files as lake-level tables, with ids synthesized the same way by
-- every reader (the store's lake backend, lake import), so that RUN ids over --lake and
-- in a fresh store imported from the lake agree. {{runs}} … {{file_counters}} stand for
-- the datasets' read_parquet sources (see read-lake.ts).

-- One row per run: a run two exports both wrote (two stores racing into one lake) is
-- taken from the earlier batch. run_id = the run's place in lake order: batches in the
-- order they were exported, within a batch the exporting store's own run order.
CREATE OR REPLACE TEMP TABLE lake_runs AS
SELECT row_number() OVER (ORDER BY batch, source_run_id, content_hash)::INTEGER AS run_id, *
FROM (
  SELECT * FROM {{runs}}
  QUALIFY row_number() OVER (PARTITION BY content_hash ORDER BY batch, source_run_id) = 1
);

-- Keys by their text: key_id is the key's place in text order, from 0 as a store's are.
CREATE OR REPLACE TEMP TABLE lake_keys AS
SELECT (row_number() OVER (ORDER BY key) - 1)::INTEGER AS key_id, key
FROM (SELECT DISTINCT key FROM {{keys}});

-- Files of the runs kept; file_id in run order, then visit order.
CREATE OR REPLACE TEMP TABLE lake_files AS
SELECT row_number() OVER (ORDER BY r.run_id, f.ord)::INTEGER AS file_id, r.run_id, f.batch, f.content_hash,
       f.ord, f.path, f.size_bytes, f.file_hash, f.line_count, f.problem_count, f.problems
FROM {{files}} f
JOIN lake_runs r USING (batch, content_hash);

-- The counters stay in the Parquet files: these views read them at query time.
CREATE OR REPLACE TEMP VIEW lake_run_counters AS
SELECT r.run_id, k.key_id, c.ord, c.value::HUGEINT AS value
FROM {{run_counters}} c
JOIN lake_runs r USING (batch, content_hash)
JOIN lake_keys k USING (key);

CREATE OR REPLACE TEMP VIEW lake_file_counters AS
SELECT f.file_id, k.key_id, c.value
FROM {{file_counters}} c
JOIN lake_files f ON f.batch = c.batch AND f.content_hash = c.content_hash AND f.ord = c.file_ord
JOIN lake_keys k USING (key);
