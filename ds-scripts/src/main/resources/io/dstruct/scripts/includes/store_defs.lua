-- Returns the index definitions stored in the meta hash (field 'indexes', a JSON array of
-- {name, kind, fields[, order]}), or an empty table. Every write maintains all of them.
local function store_defs(meta)
  local text = redis.call('HGET', meta, 'indexes')
  if not text then
    return {}
  end
  return cjson.decode(text)
end
