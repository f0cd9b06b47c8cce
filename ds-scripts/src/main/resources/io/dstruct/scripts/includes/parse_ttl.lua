-- Returns ttl (milliseconds, as text) as a number, or nil unless it is a whole number >= 0.
local function parse_ttl(ttl)
  local n = tonumber(ttl)
  if n == nil or n < 0 or n ~= math.floor(n) then
    return nil
  end
  return n
end
