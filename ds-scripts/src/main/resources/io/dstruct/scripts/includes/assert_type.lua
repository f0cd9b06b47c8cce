-- Returns a DS_WRONGTYPE error reply when key exists and holds another Redis type than
-- expected ('string', 'hash', 'list', ...), else nil.
local function assert_type(key, expected)
  local kind = redis.call('TYPE', key)['ok']
  if kind ~= expected and kind ~= 'none' then
    return redis.error_reply('DS_WRONGTYPE ' .. key .. ' holds a ' .. kind)
  end
  return nil
end
