-- Removes up to n objects whose expiry (score in the expiry sorted set) is at or before now, and
-- returns how many it removed. Needs store_remove and what it needs.
local function store_sweep(prefix, defs, now, n, feedlen)
  if n <= 0 then
    return 0
  end
  local ids = redis.call('ZRANGEBYSCORE', prefix .. 'exp', '-inf', now, 'LIMIT', 0, n)
  for _, id in ipairs(ids) do
    store_remove(prefix, defs, id, feedlen, 'expire')
  end
  return #ids
end
