-- Runs BITOP op (OR or AND) into dest over the keys in sources, at most 16 keys a call: Redis runs
-- its fast word-at-a-time loop only for up to 16 keys, and a loop a byte at a time for more.
-- dest may be one of the sources.
local function bitop_chunked(op, dest, sources)
  local head = {}
  for i = 1, math.min(16, #sources) do
    head[i] = sources[i]
  end
  redis.call('BITOP', op, dest, unpack(head))
  local next_key = 17
  while next_key <= #sources do
    local chunk = {dest}
    for i = next_key, math.min(next_key + 14, #sources) do
      chunk[#chunk + 1] = sources[i]
    end
    redis.call('BITOP', op, dest, unpack(chunk))
    next_key = next_key + 15
  end
end
