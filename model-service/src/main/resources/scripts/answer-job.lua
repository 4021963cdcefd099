-- Answers one job atomically: the result becomes readable under its id, the waiting api instance is told, the
-- answer is cached for the same image and model, and only then does the job leave this worker's processing list.
-- A crash before this script runs leaves the job in the processing list, where it can be recovered.
-- KEYS[1] result key, KEYS[2] reply list, KEYS[3] processing list, KEYS[4] cache key ('' = do not cache)
-- ARGV[1] result JSON, ARGV[2] result TTL s, ARGV[3] raw job element, ARGV[4] reply TTL s, ARGV[5] cache JSON,
-- ARGV[6] cache TTL s
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[4])
if KEYS[4] ~= '' then
  redis.call('SET', KEYS[4], ARGV[5], 'EX', ARGV[6])
end
return redis.call('LREM', KEYS[3], 1, ARGV[3])
