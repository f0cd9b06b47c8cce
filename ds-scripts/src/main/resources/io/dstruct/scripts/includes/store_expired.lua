-- Returns whether the object id has an expiry at or before now.
local function store_expired(prefix, id, now)
  local at = redis.call('ZSCORE', prefix .. 'exp', id)
  return at ~= false and at ~= nil and tonumber(at) <= now
end
