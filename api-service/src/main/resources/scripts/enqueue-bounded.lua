-- Appends a job unless the queue already holds max-depth jobs; checking and pushing in one step keeps the bound exact
-- with many api instances. The image goes under its own key first, with a TTL past the job's deadline, so it is there
-- whenever a worker takes the job and gone soon after nobody can want it. Every job queued is counted (KEYS[3], shared
-- by all api instances): with the queue's length, the count tells how fast the workers take jobs (DrainMeter).
-- Returns the new length, or -(current length) - 1 when the queue is full.
-- KEYS[1] job queue, KEYS[2] the job's image key, KEYS[3] count of jobs ever queued; ARGV[1] job JSON, ARGV[2] max
-- depth, ARGV[3] image bytes, ARGV[4] image TTL s
local depth = redis.call('LLEN', KEYS[1])
if depth >= tonumber(ARGV[2]) then
  return -depth - 1
end
redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4])
redis.call('INCR', KEYS[3])
return redis.call('RPUSH', KEYS[1], ARGV[1])
