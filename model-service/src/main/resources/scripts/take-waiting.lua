-- Moves the jobs already waiting (up to ARGV[1]) into this worker's processing list and reads the image and cached
-- answer of the job just taken by BLMOVE, all in one round trip: at batch size one, the usual case when the service
-- is not busy, that is everything the job needs from Redis before it runs.
-- KEYS[1] job queue, KEYS[2] this worker's processing list, KEYS[3] the taken job's image, KEYS[4] its cached answer.
-- Returns { image or nil, cached answer or nil, moved element, ... }.
local reply = { redis.call('GET', KEYS[3]), redis.call('GET', KEYS[4]) }
for i = 1, tonumber(ARGV[1]) do
  local element = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
  if not element then
    break
  end
  reply[#reply + 1] = element
end
return reply
