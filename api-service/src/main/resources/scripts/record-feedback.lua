-- Stores one feedback report unless its subject (a job or a photo) was reported before, and keeps the stream at its
-- cap: the oldest entries beyond ARGV[1] are removed together with their subjects' "seen" markers, so a marker lives
-- exactly as long as its entry (de-duplication holds for every report still kept, and neither the stream nor the
-- markers grow without bound).
-- KEYS[1]: the feedback stream; KEYS[2]: the subject's "seen" marker.
-- ARGV[1]: most entries kept; ARGV[2]: key prefix of the markers; ARGV[3]: the subject; ARGV[4...]: field, value, ...
-- Returns {1, new entry id} or {0, id of the earlier entry}.
-- Check, append and trim run as one script, so two simultaneous reports of one photo cannot both be stored, and a
-- crash cannot leave a marker without its entry.
local seen = redis.call('GET', KEYS[2])
if seen then
  return {0, seen}
end
local id = redis.call('XADD', KEYS[1], '*', 'subject', ARGV[3], unpack(ARGV, 4))
redis.call('SET', KEYS[2], id)
local excess = redis.call('XLEN', KEYS[1]) - tonumber(ARGV[1])
if excess > 0 then
  for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', excess)) do
    local fields = entry[2]
    for i = 1, #fields, 2 do
      -- Entries stored before the cap existed carry no subject; their markers stay.
      if fields[i] == 'subject' then
        local marker = ARGV[2] .. fields[i + 1]
        if redis.call('GET', marker) == entry[1] then
          redis.call('DEL', marker)
        end
      end
    end
  end
  redis.call('XTRIM', KEYS[1], 'MAXLEN', ARGV[1])
end
return {1, id}
