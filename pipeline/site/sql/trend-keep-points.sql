-- The site's trend queries only the points its cache does not hold (site-trends.ts):
-- trend_runs narrowed to theirs, every point's kept aside for trend-all-points.sql.
CREATE OR REPLACE TEMP TABLE trend_runs_every AS SELECT * FROM trend_runs;
DELETE FROM trend_runs WHERE point_id NOT IN (SELECT unnest($points::INTEGER[]));
