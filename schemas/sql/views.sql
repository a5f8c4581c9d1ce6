-- The key grammar as SQL: every key split into family / name / stat / argument.
--   opcode[LOAD_ATTR].pair_count[LOAD_FAST]          -> opcode | LOAD_ATTR | pair_count | LOAD_FAST
--   opcode[CALL].specialization.failure_kinds[12]    -> opcode | CALL | specialization.failure_kinds | 12
--   uops[_LOAD_FAST].execution_count                 -> uops | _LOAD_FAST | execution_count | NULL
--   Calls via PyEval_EvalFrame[3]                    -> calls | Calls via PyEval_EvalFrame | NULL | 3
--   GC[1] objects collected                          -> gc | objects collected | NULL | 1
--   Trace length[64]                                 -> histogram | Trace length | NULL | 64
--   Rare event (set_class)                           -> rare_event | set_class | NULL | NULL
--   Object allocations from freelist                 -> object | allocations from freelist | NULL | NULL
--   Mutex sleeps (mutex_sleeps)                      -> free_threading | mutex_sleeps | NULL | NULL
-- Free-threaded builds (3.15+, Python/pystats.c print_ft_stats) write Mutex sleeps, QSBR
-- polls and World stops; a run with any of them is a free-threaded build.
-- base_uop: a uop's name without the register-variant suffix 3.15's tier 2 adds
-- (uops[_LOAD_FAST_r01] -> _LOAD_FAST), so per-uop series stay continuous across the
-- split; the name itself for other uops, NULL for other families.
-- 3.12 keys keep their opcode numbers as names (opcode[83].execution_count -> name '83').
CREATE OR REPLACE VIEW key_parts AS
WITH k AS (
  SELECT key_id, key,
    regexp_matches(key, '^(opcode|uops|uop|unsupported_opcode|error_in_opcode)\[') AS bracketed
  FROM keys
)
SELECT key_id, key,
  CASE
    WHEN bracketed THEN regexp_extract(key, '^([a-z_]+)\[', 1)
    WHEN key LIKE 'Calls %' OR key LIKE 'Frame%' THEN 'calls'
    WHEN key LIKE 'Object %' THEN 'object'
    WHEN key LIKE 'GC[%' THEN 'gc'
    WHEN regexp_matches(key, '^(Trace length|Trace run length|Optimized trace length|Trace total memory size)\[') THEN 'histogram'
    WHEN key LIKE 'Optimiz%' OR key = 'Executors invalidated' THEN 'optimizer'
    WHEN key LIKE 'JIT %' THEN 'jit'
    WHEN key LIKE 'Rare event %' THEN 'rare_event'
    WHEN regexp_full_match(key, '(Mutex sleeps|QSBR polls|World stops) \([a-z_]+\)') THEN 'free_threading'
    WHEN key = '__nfiles__' THEN 'meta'
    ELSE 'other'
  END AS family,
  CASE
    WHEN bracketed THEN regexp_extract(key, '^[a-z_]+\[([^\]]*)\]', 1)
    WHEN key LIKE 'GC[%' THEN regexp_extract(key, '^GC\[\d+\] (.*)$', 1)
    WHEN key LIKE 'Rare event %' THEN regexp_extract(key, '^Rare event \((.*)\)$', 1)
    WHEN regexp_full_match(key, '(Mutex sleeps|QSBR polls|World stops) \([a-z_]+\)') THEN regexp_extract(key, '\(([a-z_]+)\)$', 1)
    WHEN key LIKE 'Object %' THEN substr(key, 8)
    ELSE regexp_replace(key, '\[[^\]]*\]$', '')
  END AS name,
  CASE
    WHEN bracketed THEN nullif(regexp_replace(regexp_extract(key, '^[a-z_]+\[[^\]]*\]\.?(.*)$', 1), '\[[^\]]*\]$', ''), '')
  END AS stat,
  CASE
    WHEN bracketed THEN nullif(regexp_extract(key, '^[a-z_]+\[[^\]]*\]\.?[^\[]*\[([^\]]*)\]$', 1), '')
    WHEN key LIKE 'GC[%' THEN regexp_extract(key, '^GC\[(\d+)\]', 1)
    ELSE nullif(regexp_extract(key, '\[([^\]]*)\]$', 1), '')
  END AS argument,
  CASE
    WHEN regexp_matches(key, '^uops?\[') THEN regexp_replace(regexp_extract(key, '^[a-z_]+\[([^\]]*)\]', 1), '_r[0-9]{2}$', '')
  END AS base_uop
FROM k;

-- One row per run counter with the run's identity: the table most queries start from.
CREATE OR REPLACE VIEW counters AS
SELECT r.run_id, r.fork, r.ref, r.commit_hash, r.commit_date, r.python_version, r.machine,
       r.benchmark, r.flags, kp.key, kp.family, kp.name, kp.stat, kp.argument, rc.ord, rc.value
FROM run_counters rc
JOIN runs r USING (run_id)
JOIN key_parts kp USING (key_id);

-- Every file's counters: a raw run's per-process rows (file_counters), and a JSON run's
-- one "file", which holds the run's sums, read from run_counters (stores written before
-- JSON runs stopped keeping a copy in file_counters have theirs there: read once).
CREATE OR REPLACE VIEW process_counters AS
SELECT file_id, key_id, value FROM file_counters
UNION ALL
SELECT f.file_id, rc.key_id, rc.value::UBIGINT AS value
FROM run_counters rc
JOIN runs r USING (run_id)
JOIN files f USING (run_id)
WHERE r.source_kind = 'json' AND f.file_id NOT IN (SELECT file_id FROM file_counters);

-- Per-process counters, for spread across a run's processes.
CREATE OR REPLACE VIEW file_counter_rows AS
SELECT f.run_id, f.file_id, f.ord AS file_ord, f.path, kp.key, kp.family, kp.name, kp.stat,
       kp.argument, fc.value
FROM process_counters fc
JOIN files f USING (file_id)
JOIN key_parts kp USING (key_id);
