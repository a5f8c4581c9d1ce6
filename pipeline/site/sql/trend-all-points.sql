-- trend_runs back to every point's runs (after trend-keep-points.sql).
DELETE FROM trend_runs;
INSERT INTO trend_runs SELECT * FROM trend_runs_every;
