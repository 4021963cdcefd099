-- Sets a job aside on the dead-letter list and keeps only the newest ARGV[2] there: the list is for an operator to
-- look into, and a job that keeps failing (a poisonous upload sent in a loop) must not fill Redis's memory, which with
-- maxmemory and noeviction would then refuse every enqueue.
-- KEYS[1] dead-letter list; ARGV[1] raw job element, ARGV[2] most dead letters kept.
-- Returns how many of the oldest dead letters were dropped to make room.
redis.call('RPUSH', KEYS[1], ARGV[1])
local excess = redis.call('LLEN', KEYS[1]) - tonumber(ARGV[2])
if excess > 0 then
  redis.call('LTRIM', KEYS[1], excess, -1)
  return excess
end
return 0
