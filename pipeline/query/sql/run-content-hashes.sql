-- Each run's content hash (sha256 over its files' hashes), what its report is made from,
-- and the day it was ingested: the site's default "Stats gathered on" date of its report.
SELECT run_id, content_hash, strftime(ingested_at, '%Y-%m-%d') AS ingested_day FROM runs;
