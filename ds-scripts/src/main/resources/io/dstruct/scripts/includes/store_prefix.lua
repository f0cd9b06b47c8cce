-- Returns the key prefix '{<name>}:' of an object store from its meta key '{<name>}:meta'. Every other
-- key of the store is this prefix and a suffix, in the same hash slot as the meta key.
local function store_prefix(meta)
  return string.sub(meta, 1, #meta - 4)
end
