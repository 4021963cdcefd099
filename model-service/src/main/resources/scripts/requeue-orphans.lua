-- Gives the jobs of a dead worker back to the queue, atomically, so two reapers never requeue a job twice.
-- Each job's attempt count goes up; a job that has already been taken max-attempts times is not retried (it may be
-- what kills workers): it goes to the dead-letter list and its caller gets a FAILED answer.
-- KEYS[1] processing list of the dead worker, KEYS[2] job queue, KEYS[3] dead-letter list, KEYS[4] worker heartbeat
-- ARGV[1] max attempts, ARGV[2] result TTL s, ARGV[3] reply TTL s, ARGV[4] result key prefix
if redis.call('EXISTS', KEYS[4]) == 1 then
  return {0, 0}
end
-- A job element is a JSON header line, a newline, then the image bytes (see JobCodec); an element without a newline
-- is a whole-JSON job of the older format.
local function split(raw)
  local newline = string.find(raw, '\n', 1, true)
  if newline then
    return string.sub(raw, 1, newline - 1), string.sub(raw, newline)
  end
  return raw, ''
end
local requeued, dead = 0, 0
local jobs = redis.call('LRANGE', KEYS[1], 0, -1)
-- Walk backwards so LPUSH keeps the original order at the head of the queue (these jobs waited longest).
for i = #jobs, 1, -1 do
  local raw = jobs[i]
  local header, image = split(raw)
  local ok, job = pcall(cjson.decode, header)
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
      redis.call('LPUSH', KEYS[2], cjson.encode(job) .. image)
      requeued = requeued + 1
    end
  end
end
redis.call('DEL', KEYS[1])
return {requeued, dead}
