-- Writes the objects objs (each {id, expected, ttl, t}) of a store, all or none, and returns their
-- new versions; or an error reply, having written nothing. mode 'insert' refuses ids that exist,
-- 'save' replaces them. expected is the version the caller read ('' to skip the check); t holds
-- the new fields. First every check (existence, version, every unique value against Redis and
-- the other objects), then every write: hash, version, op id, ids, expiry, index entries, feed.
-- An expired object counts as absent, and one that holds a unique value is removed first.
-- Needs store_fields, store_entries, store_apply, store_feed, store_remove, store_expired.
local function store_write(prefix, defs, objs, mode, op, now, feedlen, vfield)
  local rcall = redis.call
  local claimed = {}
  local doomed = {}
  for i, o in ipairs(objs) do
    o.key = prefix .. 'obj:' .. o.id
    local kind = rcall('TYPE', o.key)['ok']
    if kind ~= 'hash' and kind ~= 'none' then
      return redis.error_reply('DS_WRONGTYPE ' .. o.key .. ' holds a ' .. kind)
    end
    o.old = store_fields(o.key)
    if o.old and store_expired(prefix, o.id, now) then
      doomed[o.id] = true
      o.old = nil
    end
    local stored = o.old and tonumber(o.old['_ds_v']) or 0
    if mode == 'insert' and o.old then
      return redis.error_reply('DS_CONFLICT ' .. i .. ' ' .. stored .. ' exists')
    end
    if o.expected ~= '' and tonumber(o.expected) ~= stored then
      return redis.error_reply('DS_CONFLICT ' .. i .. ' ' .. stored .. ' version')
    end
    o.version = stored + 1
    for _, d in ipairs(defs) do
      if d.kind == 'unique' then
        local f = d.fields[1]
        local v = o.t[f]
        if v then
          local holder = claimed[f .. '\n' .. v]
          if holder and holder ~= o.id then
            return redis.error_reply('DS_UNIQUE ' .. i .. ' ' .. f .. ' ' .. holder)
          end
          claimed[f .. '\n' .. v] = o.id
          holder = rcall('HGET', prefix .. 'uniq:' .. f, v)
          if holder and holder ~= o.id then
            if store_expired(prefix, holder, now) then
              doomed[holder] = true
            else
              return redis.error_reply('DS_UNIQUE ' .. i .. ' ' .. f .. ' ' .. holder)
            end
          end
        end
      end
    end
  end
  for id in pairs(doomed) do
    store_remove(prefix, defs, id, feedlen, 'expire')
  end
  local versions = {}
  for i, o in ipairs(objs) do
    o.t['_ds_v'] = tostring(o.version)
    o.t['_ds_op'] = op
    if vfield ~= '' then
      o.t[vfield] = tostring(o.version)
    end
    local flat = {}
    for f, v in pairs(o.t) do
      flat[#flat + 1] = f
      flat[#flat + 1] = v
    end
    rcall('DEL', o.key)
    rcall('HSET', o.key, unpack(flat))
    rcall('SADD', prefix .. 'ids', o.id)
    if o.ttl > 0 then
      rcall('ZADD', prefix .. 'exp', now + o.ttl, o.id)
    else
      rcall('ZREM', prefix .. 'exp', o.id)
    end
    local before = o.old and store_entries(prefix, defs, o.old) or {}
    store_apply(o.id, before, store_entries(prefix, defs, o.t))
    store_feed(prefix .. 'changes', feedlen, o.id, o.old and 'update' or 'insert', o.version)
    versions[i] = o.version
  end
  return versions
end
