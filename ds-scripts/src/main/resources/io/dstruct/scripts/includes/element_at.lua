-- Returns the element of the list key at index, or nil and a DS_INDEX error reply when the
-- index is not below the list's size.
local function element_at(key, index)
  local element = redis.call('LINDEX', key, index)
  if not element then
    return nil, redis.error_reply('DS_INDEX ' .. index .. ' ' .. redis.call('LLEN', key))
  end
  return element, nil
end
