-- What every trend point's values are made from besides the counters of its runs and
-- pystats' own SQL (the site's trend cache, trend-cache.ts, is valid only while these are
-- unchanged): the bundled specialized-instruction lists the trend's tables hold.
SELECT minor, opname FROM trend_version_specialized ORDER BY ALL;
