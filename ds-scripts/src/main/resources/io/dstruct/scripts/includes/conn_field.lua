-- Returns the value of the field name in a flat array of fields {name, value, ...}, or nil.
local function conn_field(fields, name)
  for i = 1, #fields, 2 do
    if fields[i] == name then
      return fields[i + 1]
    end
  end
  return nil
end
