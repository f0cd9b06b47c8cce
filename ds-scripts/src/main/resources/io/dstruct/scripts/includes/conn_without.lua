-- Returns a copy of a flat array of fields {name, value, ...} without the names in drop (a set), followed
-- by the pairs of add (a flat array).
local function conn_without(fields, drop, add)
  local out = {}
  for i = 1, #fields, 2 do
    if not drop[fields[i]] then
      out[#out + 1] = fields[i]
      out[#out + 1] = fields[i + 1]
    end
  end
  for i = 1, #add do
    out[#out + 1] = add[i]
  end
  return out
end
