-- What each stored run's data script is made from, without its counters: a rebuild of the
-- site reuses a run's script when these are unchanged (run-data.ts).
-- As one JSON text (runJsonSqlFile).
SELECT to_json(list(json_array(run_id, content_hash, strftime(ingested_at, '%Y-%m-%d'))))::VARCHAR FROM runs;
