SELECT run_id, fork, ref, commit_hash, commit_date, python_version, machine, nickname, benchmark,
       flags, n_files, source_kind, source_path, specialized_instructions, stats_defines, defines, metadata
FROM runs WHERE run_id = $run_id::INTEGER;
