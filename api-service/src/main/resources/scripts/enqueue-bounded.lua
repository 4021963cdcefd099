-- Appends a job unless the queue already holds max-depth jobs; checking and pushing in one step keeps the bound exact
-- with many api instances. The image is already under its own key (JobQueue sets it in the same pipeline, just
-- before, with a TTL past the job's deadline), so it is there whenever a worker takes the job; a refused job's image
-- is deleted here. Every job queued is counted (KEYS[3], shared by all api instances): with the queue's length, the
-- count tells how fast the workers take jobs (DrainMeter).
-- Returns the new length, or -(current length) - 1 when the queue is full.
-- KEYS[1] job queue, KEYS[2] the job's image key, KEYS[3] count of jobs ever queued; ARGV[1] job JSON, ARGV[2] max
-- depth
local depth = redis.call('LLEN', KEYS[1])
if depth >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[2])
  return -depth - 1
end
redis.call('INCR', KEYS[3])
return redis.call('RPUSH', KEYS[1], ARGV[1])
