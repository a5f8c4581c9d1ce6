-- The instructions of one family, as this trend groups them (trend_opfamily): a family
-- metric's cached values hold while these are unchanged (trend-cache.ts).
SELECT opname FROM trend_opfamily WHERE family = $family ORDER BY opname;
