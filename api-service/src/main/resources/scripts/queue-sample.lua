-- One sample for admission, read at one instant: the queue's length and the count of jobs ever queued (DrainMeter:
-- what was queued and is no longer waiting was taken by a worker), and the batch time the api instances measured.
-- An instance that has measured one from its answers shares it for 10 s, so an instance that has none yet (new behind
-- a balancer while the queue is full) can admit jobs and so get answers of its own.
-- KEYS[1] job queue, KEYS[2] count of jobs ever queued, KEYS[3] shared batch time (ms); ARGV[1] this instance's
-- batch time in ms, or '' when it has measured none.
-- Returns {length, count, shared batch time ms or -1}.
if ARGV[1] ~= '' then
  redis.call('SET', KEYS[3], ARGV[1], 'EX', 10)
end
return { redis.call('LLEN', KEYS[1]), tonumber(redis.call('GET', KEYS[2]) or '0'),
  tonumber(redis.call('GET', KEYS[3]) or '-1') }
