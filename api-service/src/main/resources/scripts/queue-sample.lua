-- The queue's length and the count of jobs ever queued, read at one instant (DrainMeter: what was queued and is no
-- longer waiting was taken by a worker).
-- KEYS[1] job queue, KEYS[2] count of jobs ever queued. Returns {length, count}.
return { redis.call('LLEN', KEYS[1]), tonumber(redis.call('GET', KEYS[2]) or '0') }
