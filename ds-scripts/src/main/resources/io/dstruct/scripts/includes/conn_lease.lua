-- Ends the lease of one delivery: acks its inbox entry in the group 'ds' (XACK). Each stream id is leased once
-- only, since a redelivery adds the message again as a new entry, so the id alone is the lease's token: XACK
-- acks a lease only while the delivery still holds it. Returns nil when the lease was held (and is now acked),
-- else a DS_NOTLEASED error reply, with nothing written.
local function conn_lease(inbox, id)
  local acked = redis.pcall('XACK', inbox, 'ds', id)
  if acked ~= 1 then
    return redis.error_reply('DS_NOTLEASED ' .. id)
  end
  return nil
end
