-- Runs that carry the counters only a free-threaded build writes (Python/pystats.c
-- print_ft_stats, 3.15+), with the commit date that decides the merge caveat.
SELECT r.run_id, r.commit_date
FROM runs r
WHERE r.run_id IN (
  SELECT DISTINCT rc.run_id
  FROM run_counters rc
  WHERE rc.key_id IN (SELECT key_id FROM key_parts WHERE family = 'free_threading')
)
ORDER BY r.run_id;
