-- What a trend's point values are made from besides the counters of its runs (the site's
-- trend cache, trend-cache.ts, is valid only while these are unchanged): the instruction
-- families and the bundled specialized-instruction lists the trend's tables hold.
SELECT 'family' AS kind, opname AS a, family AS b FROM trend_opfamily
UNION ALL
SELECT 'specialized', minor, opname FROM trend_version_specialized
ORDER BY ALL;
