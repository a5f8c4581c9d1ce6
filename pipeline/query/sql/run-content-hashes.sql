-- Each run's content hash (sha256 over its files' hashes): what its report is made from.
SELECT run_id, content_hash FROM runs;
