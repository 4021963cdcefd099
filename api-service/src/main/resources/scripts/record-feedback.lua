-- Stores one feedback report unless its subject (a job or a photo) was reported before.
-- KEYS[1]: the feedback stream; KEYS[2]: the subject's "seen" marker. ARGV: field, value, field, value, ...
-- Returns {1, new entry id} or {0, id of the earlier entry}.
-- Check and append run as one script, so two simultaneous reports of one photo cannot both be stored, and a crash
-- cannot leave a marker without its entry.
local seen = redis.call('GET', KEYS[2])
if seen then
  return {0, seen}
end
local id = redis.call('XADD', KEYS[1], '*', unpack(ARGV))
redis.call('SET', KEYS[2], id)
return {1, id}
