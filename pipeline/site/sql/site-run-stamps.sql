-- What each stored run's data script is made from, without its counters: a rebuild of the
-- site reuses a run's script when these are unchanged (run-data.ts).
SELECT run_id, content_hash, strftime(ingested_at, '%Y-%m-%d') AS ingested_day FROM runs;
