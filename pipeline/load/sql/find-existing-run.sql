-- A run already stored with the same content, or from the same unchanged files.
SELECT run_id, source_path FROM runs WHERE content_hash = $content_hash OR fingerprint = $fingerprint;
