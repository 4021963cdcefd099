-- Gives the jobs of a dead worker back to their model's queue, atomically, so two reapers never requeue a job twice.
-- Each job's attempt count goes up; a job that has already been taken max-attempts times is not retried (it may be
-- what kills workers): it goes to the dead-letter list and its caller gets a FAILED answer.
-- The dead-letter list keeps only the newest ARGV[5] jobs (see push-dead-letter.lua).
-- A job goes back to the queue its model field names: none (an older api's job) or the default model's name = the
-- legacy queue KEYS[2]; any other = ARGV[7] .. model (RedisKeys.jobQueue(model), whose naming this repeats).
-- KEYS[1] processing list of the dead worker, KEYS[2] default model's job queue, KEYS[3] dead-letter list, KEYS[4]
-- worker heartbeat. ARGV[1] max attempts, ARGV[2] result TTL s, ARGV[3] reply TTL s, ARGV[4] result key prefix,
-- ARGV[5] most dead letters kept, ARGV[6] default model's name, ARGV[7] prefix of the other models' queue keys.
-- Returns {requeued, set aside as dead letters, oldest dead letters dropped to keep the cap}.
if redis.call('EXISTS', KEYS[4]) == 1 then
  return {0, 0, 0}
end
local requeued, dead = 0, 0
local jobs = redis.call('LRANGE', KEYS[1], 0, -1)
-- Walk backwards so LPUSH keeps the original order at the head of the queue (these jobs waited longest).
for i = #jobs, 1, -1 do
  local raw = jobs[i]
  local ok, job = pcall(cjson.decode, raw)
  if not ok then
    redis.call('RPUSH', KEYS[3], raw)
    dead = dead + 1
  else
    job.attempt = (job.attempt or 0) + 1
    if job.attempt >= tonumber(ARGV[1]) then
      redis.call('RPUSH', KEYS[3], raw)
      local result = cjson.encode({jobId = job.id, status = 'FAILED',
        error = 'the job failed on ' .. job.attempt .. ' workers in a row and was set aside'})
      redis.call('SET', ARGV[4] .. job.id, result, 'EX', ARGV[2])
      redis.call('RPUSH', job.replyTo, result)
      redis.call('EXPIRE', job.replyTo, ARGV[3])
      dead = dead + 1
    else
      local queue = KEYS[2]
      if type(job.model) == 'string' and job.model ~= ARGV[6] then
        queue = ARGV[7] .. job.model
      end
      redis.call('LPUSH', queue, cjson.encode(job))
      requeued = requeued + 1
    end
  end
end
redis.call('DEL', KEYS[1])
local dropped = 0
if dead > 0 then
  dropped = math.max(0, redis.call('LLEN', KEYS[3]) - tonumber(ARGV[5]))
  if dropped > 0 then
    redis.call('LTRIM', KEYS[3], dropped, -1)
  end
end
return {requeued, dead, dropped}
