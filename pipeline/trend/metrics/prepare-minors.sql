-- trend_run_minor (made empty first): the minor version (3.13) of each run of the trend
-- that has a version text in $versions, each with its minor in $version_minors (the
-- versions pystats has tables for, or falls back to). Runs with no such version get the
-- minor their keys tell, added after (trend-tables.ts).
INSERT INTO trend_run_minor
SELECT r.run_id, v.minor
FROM runs r
JOIN (SELECT unnest($versions::VARCHAR[]) AS python_version, unnest($version_minors::VARCHAR[]) AS minor) v USING (python_version)
WHERE r.run_id IN (SELECT run_id FROM trend_runs);
