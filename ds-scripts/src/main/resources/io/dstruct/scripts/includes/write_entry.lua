-- Sets key to value: keeping its current TTL when keep is true and the key existed,
-- else with a TTL of ttl milliseconds when ttl > 0, else with no TTL.
local function write_entry(key, value, ttl, keep, existed)
  if keep and existed then
    redis.call('SET', key, value, 'KEEPTTL')
  elseif ttl > 0 then
    redis.call('SET', key, value, 'PX', ttl)
  else
    redis.call('SET', key, value)
  end
end
