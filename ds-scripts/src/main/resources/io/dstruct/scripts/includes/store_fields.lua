-- Returns the fields of the hash at key as a table (name -> value), or nil when it does not exist.
local function store_fields(key)
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then
    return nil
  end
  local t = {}
  for i = 1, #flat, 2 do
    t[flat[i]] = flat[i + 1]
  end
  return t
end
