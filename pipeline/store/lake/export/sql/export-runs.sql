-- The store's runs the lake does not hold yet, by content (local run ids mean nothing in
-- a lake), with the batch exporting them, the run's hash within the batch, and the month
-- its counters are filed under.
CREATE OR REPLACE TEMP TABLE export_runs AS
SELECT $batch::VARCHAR AS batch, ('0x' || left(sha256($batch::VARCHAR || '/' || r.content_hash), 16))::UBIGINT AS run_hash, r.*,
       CASE WHEN regexp_matches(r.commit_date, '^\d{4}-\d{2}') THEN left(r.commit_date, 7) ELSE 'unknown' END AS month
FROM runs r
WHERE r.content_hash NOT IN (SELECT content_hash FROM export_lake_has);

-- The keys the batch's runs have (a run's counters hold every key of its files), each with
-- its stable 64-bit hash.
CREATE OR REPLACE TEMP TABLE export_keys AS
SELECT k.key_id, k.key, ('0x' || left(sha256(k.key), 16))::UBIGINT AS key_hash
FROM keys k
WHERE k.key_id IN (SELECT DISTINCT key_id FROM run_counters WHERE run_id IN (SELECT run_id FROM export_runs));
