INSERT INTO runs (run_id, content_hash, fingerprint, source_kind, source_path, fork, ref, commit_hash,
  commit_date, python_version, machine, nickname, benchmark, flags, n_files,
  specialized_instructions, stats_defines, defines, metadata)
VALUES ($run_id, $content_hash, $fingerprint, $source_kind, $source_path, $fork, $ref, $commit_hash,
  $commit_date, $python_version, $machine, $nickname, $benchmark, $flags, $n_files,
  $specialized_instructions, $stats_defines, $defines, $metadata);
