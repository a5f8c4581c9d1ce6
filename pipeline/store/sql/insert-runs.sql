-- New runs into the store, from temp.incoming_runs (the columns of the view `runs`, texts
-- as text, ingested_at NULL for now), inside the caller's transaction: the texts the store
-- lacks are added to `texts`, numbered in order of first use, and each run row refers to
-- them by id. The ingest's batches, `lake import` and the upgrade of an older store all
-- come through here.
INSERT INTO texts
SELECT ((SELECT coalesce(max(text_id), 0) FROM texts) + row_number() OVER (ORDER BY first_use))::INTEGER, text
FROM (
  SELECT text, min(use) AS first_use
  FROM (
    SELECT unnest([specialized_instructions, stats_defines, defines, metadata]) AS text,
           unnest([4 * run_id::BIGINT, 4 * run_id::BIGINT + 1, 4 * run_id::BIGINT + 2, 4 * run_id::BIGINT + 3]) AS use
    FROM temp.incoming_runs
  )
  WHERE text IS NOT NULL
  GROUP BY text
) new_texts
WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.text = new_texts.text);

INSERT INTO run_records
SELECT i.run_id, i.content_hash, i.fingerprint, i.source_kind, i.source_path, i.fork, i.ref, i.commit_hash,
       i.commit_date, i.python_version, i.machine, i.nickname, i.benchmark, i.flags, i.n_files,
       si.text_id, sd.text_id, d.text_id, m.text_id, coalesce(i.ingested_at, current_timestamp)
FROM temp.incoming_runs i
LEFT JOIN texts si ON si.text = i.specialized_instructions
LEFT JOIN texts sd ON sd.text = i.stats_defines
LEFT JOIN texts d ON d.text = i.defines
LEFT JOIN texts m ON m.text = i.metadata
ORDER BY i.run_id;
