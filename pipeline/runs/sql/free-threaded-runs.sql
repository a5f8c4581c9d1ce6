-- Runs that carry the counters only a free-threaded build writes (Python/pystats.c
-- print_ft_stats, 3.15+), with the commit date that decides the merge caveat. Every
-- run, or only those of $run_ids when given (a report's runs: a cheap lookup).
SELECT r.run_id, r.commit_date
FROM runs r
WHERE r.run_id IN (
  SELECT DISTINCT rc.run_id
  FROM run_counters rc
  WHERE rc.key_id IN (SELECT key_id FROM key_parts WHERE family = 'free_threading')
    AND ($run_ids::INTEGER[] IS NULL OR list_contains($run_ids::INTEGER[], rc.run_id))
)
ORDER BY r.run_id;
