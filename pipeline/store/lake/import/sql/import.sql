-- A lake's runs into the store (run after lake-tables.sql has laid the lake out as lake_*
-- tables), inside the caller's transaction. Runs the store already holds, by content, are
-- left out. New runs, files and keys are numbered after the store's own, in lake order:
-- into an empty store that gives every run, file and key the id it has over --lake.

CREATE OR REPLACE TEMP TABLE import_runs AS
SELECT l.run_id AS lake_run_id,
       ((SELECT coalesce(max(run_id), 0) FROM runs) + row_number() OVER (ORDER BY l.run_id))::INTEGER AS run_id
FROM lake_runs l
WHERE l.content_hash NOT IN (SELECT content_hash FROM runs);

INSERT INTO keys
SELECT ((SELECT coalesce(max(key_id), -1) FROM keys) + row_number() OVER (ORDER BY l.key))::INTEGER, l.key
FROM lake_keys l
WHERE l.key NOT IN (SELECT key FROM keys)
ORDER BY l.key;

CREATE OR REPLACE TEMP TABLE import_key_map AS
SELECT l.key_id AS lake_key_id, k.key_id
FROM lake_keys l
JOIN keys k USING (key);

CREATE OR REPLACE TEMP TABLE import_files AS
SELECT f.file_id AS lake_file_id,
       ((SELECT coalesce(max(file_id), 0) FROM files) + row_number() OVER (ORDER BY f.file_id))::INTEGER AS file_id,
       i.run_id
FROM lake_files f
JOIN import_runs i ON i.lake_run_id = f.run_id;

INSERT INTO files
SELECT i.file_id, i.run_id, f.ord, f.path, f.size_bytes, f.file_hash, f.line_count, f.problem_count, f.problems
FROM lake_files f
JOIN import_files i ON i.lake_file_id = f.file_id
ORDER BY i.file_id;

INSERT INTO file_counters
SELECT i.file_id, m.key_id, c.value
FROM lake_file_counters c
JOIN import_files i ON i.lake_file_id = c.file_id
JOIN import_key_map m ON m.lake_key_id = c.key_id
ORDER BY i.file_id, m.key_id;

-- A sum that fits 64 bits, as nearly all do, and the rare one past them (ddl.sql).
INSERT INTO run_counters_u64
SELECT i.run_id, m.key_id, c.ord, c.value::UBIGINT
FROM lake_run_counters c
JOIN import_runs i ON i.lake_run_id = c.run_id
JOIN import_key_map m ON m.lake_key_id = c.key_id
WHERE c.value <= 18446744073709551615
ORDER BY i.run_id, c.ord;

INSERT INTO run_counters_wide
SELECT i.run_id, m.key_id, c.ord, c.value
FROM lake_run_counters c
JOIN import_runs i ON i.lake_run_id = c.run_id
JOIN import_key_map m ON m.lake_key_id = c.key_id
WHERE c.value > 18446744073709551615
ORDER BY i.run_id, c.ord;

-- The runs' rows, stored by pipeline/store/sql/insert-runs.sql (their texts once).
CREATE OR REPLACE TEMP VIEW incoming_runs AS
SELECT i.run_id, l.content_hash, l.fingerprint, l.source_kind, l.source_path, l.fork, l.ref, l.commit_hash,
       l.commit_date, l.python_version, l.machine, l.nickname, l.benchmark, l.flags, l.n_files,
       t.specialized_instructions, t.stats_defines, t.defines, t.metadata, l.ingested_at
FROM lake_runs l
JOIN lake_run_texts t USING (run_hash)
JOIN import_runs i ON i.lake_run_id = l.run_id;

SELECT (SELECT count(*) FROM import_runs), (SELECT count(*) FROM lake_runs);
