-- Moves the index entries of the object id from old to new (tables from store_entries): removes
-- each old entry that new does not hold, then adds each new one that old does not hold. A value
-- registry loses a value when its set or sorted set becomes empty.
local function store_apply(id, old, new)
  local rcall = redis.call
  for sig, e in pairs(old) do
    if not new[sig] then
      if e.k == 's' then
        rcall('SREM', e.key, id)
        if rcall('SCARD', e.key) == 0 then
          rcall('SREM', e.reg, e.rv)
        end
      elseif e.k == 'z' then
        rcall('ZREM', e.key, id)
        if e.reg and rcall('ZCARD', e.key) == 0 then
          rcall('SREM', e.reg, e.rv)
        end
      elseif rcall('HGET', e.key, e.v) == id then
        rcall('HDEL', e.key, e.v)
      end
    end
  end
  for sig, e in pairs(new) do
    if not old[sig] then
      if e.k == 's' then
        rcall('SADD', e.key, id)
        rcall('SADD', e.reg, e.rv)
      elseif e.k == 'z' then
        rcall('ZADD', e.key, e.score, id)
        if e.reg then
          rcall('SADD', e.reg, e.rv)
        end
      else
        rcall('HSET', e.key, e.v, id)
      end
    end
  end
end
