-- A lake's committed files as lake-level tables, with ids synthesized the same way by
-- every reader (the store's lake backend, lake import), so that RUN ids over --lake and
-- in a fresh store imported from the lake agree. {{runs}} … {{file_counters}} stand for
-- the datasets' read_parquet sources (see read-lake.ts). Counter rows are joined on their
-- 64-bit run_hash and key_hash (layout.ts), not on text.

-- One row per run: a run two exports both wrote (two stores racing into one lake) is
-- taken from the earlier batch. run_id = the run's place in lake order: batches in the
-- order they were exported, within a batch the exporting store's own run order.
-- (Numbered on the few columns that decide, then joined to the others.)
CREATE OR REPLACE TEMP TABLE lake_runs AS
WITH kept AS (
  SELECT batch, run_hash, source_run_id, content_hash FROM {{runs}}
  QUALIFY row_number() OVER (PARTITION BY content_hash ORDER BY batch, source_run_id) = 1
),
ids AS (
  SELECT run_hash, row_number() OVER (ORDER BY batch, source_run_id, content_hash)::INTEGER AS run_id FROM kept
)
SELECT ids.run_id, r.* EXCLUDE (specialized_instructions, stats_defines, defines, metadata)
FROM {{runs}} r
JOIN ids USING (run_hash)
ORDER BY ids.run_id;

-- The runs' JSON text columns (several kB a run) stay in the files until a query reads
-- them: loading them at every open took most of its time.
CREATE OR REPLACE TEMP VIEW lake_run_texts AS
SELECT run_hash, specialized_instructions, stats_defines, defines, metadata FROM {{runs}};

-- Keys by their text: key_id is the key's place in text order, from 0 as a store's are.
CREATE OR REPLACE TEMP TABLE lake_keys AS
SELECT (row_number() OVER (ORDER BY key) - 1)::INTEGER AS key_id, key, key_hash
FROM (SELECT DISTINCT key, key_hash FROM {{keys}});

-- Files of the runs kept; file_id in run order, then visit order.
CREATE OR REPLACE TEMP TABLE lake_files AS
SELECT row_number() OVER (ORDER BY r.run_id, f.ord)::INTEGER AS file_id, r.run_id, f.run_hash, r.fork_dir, r.month,
       f.ord, f.path, f.size_bytes, f.file_hash, f.line_count, f.problem_count, f.problems
FROM {{files}} f
JOIN lake_runs r USING (run_hash);

-- Two keys with one hash would merge their counters: refused (never seen; 64 bits).
SELECT CASE WHEN count(DISTINCT key_hash) <> count(*) OR count(DISTINCT key) <> count(*)
            THEN error('two counter keys of this lake share a key_hash: it cannot be read') END
FROM lake_keys;

-- The counters stay in the Parquet files: these views read them at query time. The join
-- on the partition (fork_dir: the fork's directory name, export-runs.sql) and month repeats what run_hash already decides, for DuckDB's join filters:
-- a query on some runs then reads only their partitions (4 files of 33 for a trend since
-- mid-2024 over the 1,000 runs of make bench, 3× faster).
CREATE OR REPLACE TEMP VIEW lake_run_counters AS
SELECT r.run_id, k.key_id, c.ord,
       CASE WHEN c.value IS NOT NULL THEN c.value::HUGEINT ELSE c.value_wide::HUGEINT END AS value
FROM {{run_counters}} c
JOIN lake_runs r ON r.run_hash = c.run_hash AND r.month = c.month AND r.fork_dir = c.fork
JOIN lake_keys k USING (key_hash);

CREATE OR REPLACE TEMP VIEW lake_file_counters AS
SELECT f.file_id, k.key_id, c.value
FROM {{file_counters}} c
JOIN lake_files f ON f.run_hash = c.run_hash AND f.ord = c.file_ord AND f.month = c.month AND f.fork_dir = c.fork
JOIN lake_keys k USING (key_hash);
