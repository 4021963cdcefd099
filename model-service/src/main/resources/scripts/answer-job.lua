-- Answers one job atomically: the job leaves this worker's processing list, its result becomes readable under its id,
-- the waiting api instance is told, the answer is cached for the same image and model, and the image is deleted.
-- A crash before this script runs leaves the job in the processing list, where it can be recovered.
-- Idempotent and exclusive: if the job is no longer in this worker's list (answered already by a retry of this very
-- script, or given to another worker by the reaper while this one was presumed dead), nothing is written and the image
-- stays for that other worker, so a caller never gets two answers. Returns 1 when the answer was delivered, 0 when it
-- was not this worker's to give.
-- KEYS[1] result key, KEYS[2] reply list, KEYS[3] processing list, KEYS[4] cache key ('' = do not cache),
-- KEYS[5] image key
-- ARGV[1] result JSON, ARGV[2] result TTL s, ARGV[3] raw job element, ARGV[4] reply TTL s, ARGV[5] cache JSON,
-- ARGV[6] cache TTL s
if redis.call('LREM', KEYS[3], 1, ARGV[3]) == 0 then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[4])
if KEYS[4] ~= '' then
  redis.call('SET', KEYS[4], ARGV[5], 'EX', ARGV[6])
end
redis.call('DEL', KEYS[5])
return 1
