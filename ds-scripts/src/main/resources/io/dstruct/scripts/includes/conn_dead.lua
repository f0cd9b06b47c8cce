-- Appends a dead letter to a connector's dead-letter stream: the envelope's fields without attempt and
-- error, then error, attempts (the deliveries made) and deadAt (Unix ms). Indexes it by message id in the
-- hash index, then trims the stream to limit entries, oldest first (at most 100 per call), dropping their
-- index fields. Returns the dead letter's stream id.
local function conn_dead(dead, index, fields, err, attempts, now, limit)
  local entry = {}
  local msgid
  for i = 1, #fields, 2 do
    local name = fields[i]
    if name == 'id' then
      msgid = fields[i + 1]
    end
    if name ~= 'attempt' and name ~= 'error' and name ~= 'attempts' and name ~= 'deadAt' then
      entry[#entry + 1] = name
      entry[#entry + 1] = fields[i + 1]
    end
  end
  entry[#entry + 1] = 'error'
  entry[#entry + 1] = err
  entry[#entry + 1] = 'attempts'
  entry[#entry + 1] = string.format('%d', attempts)
  entry[#entry + 1] = 'deadAt'
  entry[#entry + 1] = string.format('%d', now)
  local sid = redis.call('XADD', dead, '*', unpack(entry))
  if msgid then
    redis.call('HSET', index, msgid, sid)
  end
  local over = redis.call('XLEN', dead) - limit
  if over > 0 then
    local old = redis.call('XRANGE', dead, '-', '+', 'COUNT', math.min(over, 100))
    for _, e in ipairs(old) do
      local f = e[2]
      for i = 1, #f, 2 do
        if f[i] == 'id' and redis.call('HGET', index, f[i + 1]) == e[1] then
          redis.call('HDEL', index, f[i + 1])
        end
      end
      redis.call('XDEL', dead, e[1])
    end
  end
  return sid
end
