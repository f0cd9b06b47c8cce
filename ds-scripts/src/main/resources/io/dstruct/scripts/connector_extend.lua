--[[
  Renews the lease of one delivery, so that it runs out ARGV[2] ms before the visibility timeout would let
  it from now (XCLAIM ... IDLE ARGV[2] JUSTID, which counts no delivery). Delivery extend. Safe to run
  twice: a second run renews the same lease again.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    ARGV[1] the message's stream id in the inbox: the lease's token (each id is leased once)
    ARGV[2] the idle time to set, in ms: the visibility timeout minus the extension, 0 or more

  Output:
    1
    DS_NOTLEASED <stream id>             the message is not leased any more; nothing was written
    DS_WRONGTYPE <key> holds a <type>    KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type

local inbox = KEYS[1]
local sid = ARGV[1]
local idle = tonumber(ARGV[2])

if not idle or idle < 0 then
  return redis.error_reply('DS_BADARG malformed connector_extend arguments')
end
local wrong = assert_type(inbox, 'stream')
if wrong then
  return wrong
end
-- XCLAIM claims only a pending id, one whose delivery still holds its lease
local claimed = redis.pcall('XCLAIM', inbox, 'ds', 'ds', 0, sid, 'IDLE', idle, 'JUSTID')
if type(claimed) ~= 'table' or claimed.err or #claimed == 0 then
  return redis.error_reply('DS_NOTLEASED ' .. sid)
end
return 1
