--[[
  Ends the lease of one delivery for good: the leased -> done move. Delivery ack. The message leaves
  the inbox (XACK and XDEL), so it is never delivered again. Only the delivery that holds the lease may
  ack: a stream id is leased once, so XACK acks nothing for a delivery whose lease ran out (its message was
  added again as a new entry) or that was answered; it is refused and nothing is written. Not safe to run
  twice: a second run finds the message gone and replies DS_NOTLEASED.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    ARGV[1] the message's stream id in the inbox: the lease's token

  Output:
    1
    DS_NOTLEASED <stream id>             the message is not leased any more (acked, given back, dead,
                                         or its lease ran out and it was added again); nothing was written
    DS_WRONGTYPE <key> holds a <type>    KEYS[1] holds another Redis type; nothing was written
]]
--@include conn_lease

local inbox = KEYS[1]
local sid = ARGV[1]

-- The lease's XACK also tells a key of another type, so a held lease costs no TYPE.
local wrong = conn_lease(inbox, sid)
if wrong then
  return wrong
end
redis.call('XDEL', inbox, sid)
return 1
