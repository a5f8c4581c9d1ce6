-- The store's runs the lake does not hold yet, by content (local run ids mean nothing in
-- a lake), with the batch exporting them and the month their counters are filed under.
CREATE OR REPLACE TEMP TABLE export_runs AS
SELECT $batch::VARCHAR AS batch, r.*,
       CASE WHEN regexp_matches(r.commit_date, '^\d{4}-\d{2}') THEN left(r.commit_date, 7) ELSE 'unknown' END AS month
FROM runs r
WHERE r.content_hash NOT IN (SELECT content_hash FROM export_lake_has);
