-- The store's runs the lake does not hold yet, by content (local run ids mean nothing in
-- a lake), with the batch exporting them, the run's hash within the batch, and the month
-- its counters are filed under.
CREATE OR REPLACE TEMP TABLE export_runs AS
SELECT $batch::VARCHAR AS batch, ('0x' || left(sha256($batch::VARCHAR || '/' || r.content_hash), 16))::UBIGINT AS run_hash, r.*,
       CASE WHEN regexp_matches(r.commit_date, '^\d{4}-\d{2}') THEN left(r.commit_date, 7) ELSE 'unknown' END AS month,
       -- The fork's partition directory (fork=<fork_dir>): a plain name as it is (what Hive,
       -- Spark, Trino and DuckDB read back as the same text: starts with a letter, at most 64
       -- of [A-Za-z0-9._-], not a word an engine reads as NULL or a number, nor a Windows
       -- device name); any other fork, NULL included, a short stable code. The fork's text
       -- is in the runs file; readers join counters to runs on fork_dir.
       CASE WHEN r.fork IS NULL THEN '~none'
            WHEN regexp_full_match(r.fork, '[A-Za-z][A-Za-z0-9._-]{0,63}')
                 AND lower(r.fork) NOT IN ('null', 'nan', 'inf', 'infinity', 'none', 'true', 'false',
                                           'con', 'prn', 'aux', 'nul')
                 AND NOT regexp_full_match(lower(r.fork), '(com|lpt)[0-9](\..*)?|(con|prn|aux|nul)\..*')
            THEN r.fork
            ELSE '~' || left(sha256(r.fork), 16) END AS fork_dir
FROM runs r
WHERE r.content_hash NOT IN (SELECT content_hash FROM export_lake_has);

-- The keys the batch's runs have (a run's counters hold every key of its files), each with
-- its stable 64-bit hash.
CREATE OR REPLACE TEMP TABLE export_keys AS
SELECT k.key_id, k.key, ('0x' || left(sha256(k.key), 16))::UBIGINT AS key_hash
FROM keys k
WHERE k.key_id IN (SELECT DISTINCT key_id FROM run_counters WHERE run_id IN (SELECT run_id FROM export_runs));
