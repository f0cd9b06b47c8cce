-- Returns the index entries of an object with the fields t, as a table signature -> entry:
-- 's' a member of a set per indexed value (and of its field's value registry), 'z' a member of a
-- sorted set (ordered field, or one combination of a compound index and its registry), 'h' a
-- field of a unique hash. A null value, or an ordered value that is not a number, has no entry.
local function store_entries(prefix, defs, t)
  local out = {}
  for _, d in ipairs(defs) do
    local f = d.fields[1]
    if d.kind == 'indexed' then
      local v = t[f]
      if v then
        local e = {k = 's', key = prefix .. 'idx:' .. f .. ':' .. v, reg = prefix .. 'vals:' .. f, rv = v}
        out['s\n' .. e.key] = e
      end
    elseif d.kind == 'ordered' then
      local s = tonumber(t[f])
      if s then
        local e = {k = 'z', key = prefix .. 'ord:' .. f, score = s}
        out['z\n' .. e.key .. '\n' .. s] = e
      end
    elseif d.kind == 'unique' then
      local v = t[f]
      if v then
        local e = {k = 'h', key = prefix .. 'uniq:' .. f, v = v}
        out['h\n' .. e.key .. '\n' .. v] = e
      end
    elseif d.kind == 'compound' then
      local s = tonumber(t[d.order])
      local parts = {}
      for i, cf in ipairs(d.fields) do
        local v = t[cf]
        if not v then
          s = nil
          break
        end
        parts[i] = (string.gsub(v, '[%%:]', {['%'] = '%25', [':'] = '%3A'}))
      end
      if s then
        local enc = table.concat(parts, ':')
        local e = {k = 'z', key = prefix .. 'cmp:' .. d.key .. ':' .. enc, score = s,
                   reg = prefix .. 'cvals:' .. d.key, rv = enc}
        out['z\n' .. e.key .. '\n' .. s] = e
      end
    end
  end
  return out
end
