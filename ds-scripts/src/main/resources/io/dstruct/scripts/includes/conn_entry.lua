-- Returns the fields of a stream entry as a flat array {name, value, ...}, or nil when it is gone.
local function conn_entry(stream, id)
  local r = redis.call('XRANGE', stream, id, id)
  if #r == 0 then
    return nil
  end
  return r[1][2]
end
