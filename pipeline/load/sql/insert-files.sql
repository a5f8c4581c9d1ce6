-- A batch's `files` rows (json-rows.ts): $rows is a JSON array of rows, each an array of
-- the cells in the table's column order.
INSERT INTO files (file_id, run_id, ord, path, size_bytes, content_hash, line_count, problem_count, problems)
SELECT r[1]::INTEGER, r[2]::INTEGER, r[3]::INTEGER, r[4], r[5]::BIGINT, r[6], r[7]::INTEGER, r[8]::INTEGER, r[9]
FROM (SELECT unnest(from_json($rows::VARCHAR, '[["VARCHAR"]]')) AS r);
