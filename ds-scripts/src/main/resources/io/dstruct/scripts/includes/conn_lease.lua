-- Ends the lease of one delivery: acks its inbox entry in the group 'ds' (XACK). Each stream id is leased once
-- only, since a redelivery adds the message again as a new entry, so the id alone is the lease's token: XACK
-- acks a lease only while the delivery still holds it. Returns nil when the lease was held (and is now acked),
-- else an error reply with nothing written: DS_WRONGTYPE when the inbox holds another Redis type (told only
-- then, so a held lease costs no TYPE), else DS_NOTLEASED.
local function conn_lease(inbox, id)
  local acked = redis.pcall('XACK', inbox, 'ds', id)
  if acked == 1 then
    return nil
  end
  local kind = redis.call('TYPE', inbox)['ok']
  if kind ~= 'stream' and kind ~= 'none' then
    return redis.error_reply('DS_WRONGTYPE ' .. inbox .. ' holds a ' .. kind)
  end
  return redis.error_reply('DS_NOTLEASED ' .. id)
end
