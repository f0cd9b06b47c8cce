-- Removes the object id (its hash, index entries, id and expiry) and returns whether its hash
-- existed. Needs store_fields, store_entries, store_apply and store_feed.
local function store_remove(prefix, defs, id, feedlen, op)
  local key = prefix .. 'obj:' .. id
  local t = store_fields(key)
  if t then
    store_apply(id, store_entries(prefix, defs, t), {})
    redis.call('DEL', key)
  end
  redis.call('SREM', prefix .. 'ids', id)
  redis.call('ZREM', prefix .. 'exp', id)
  if t then
    store_feed(prefix .. 'changes', feedlen, id, op, t['_ds_v'] or '0')
  end
  return t ~= nil
end
