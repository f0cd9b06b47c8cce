-- Checks the lease of one delivery: the inbox entry id must still be pending in the group 'ds' with the
-- delivery count the delivery saw. Every redelivery raises that count, so the pair is the lease's token.
-- Returns nil when the lease holds, else a DS_NOTLEASED (no longer pending) or DS_LEASEMOVED (delivered
-- again since) error reply.
local function conn_lease(inbox, id, count)
  local p = redis.pcall('XPENDING', inbox, 'ds', id, id, 1)
  if type(p) ~= 'table' or p.err or #p == 0 then
    return redis.error_reply('DS_NOTLEASED ' .. id)
  end
  if tonumber(p[1][4]) ~= tonumber(count) then
    return redis.error_reply('DS_LEASEMOVED ' .. id .. ' ' .. p[1][4])
  end
  return nil
end
