-- Appends a job unless the queue already holds max-depth jobs; checking and pushing in one step keeps the bound exact
-- with many api instances. Returns the new length, or -(current length) - 1 when the queue is full.
-- KEYS[1] job queue; ARGV[1] job JSON, ARGV[2] max depth
local depth = redis.call('LLEN', KEYS[1])
if depth >= tonumber(ARGV[2]) then
  return -depth - 1
end
return redis.call('RPUSH', KEYS[1], ARGV[1])
