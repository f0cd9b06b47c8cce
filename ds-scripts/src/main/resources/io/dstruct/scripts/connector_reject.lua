--[[
  Sends one delivery's message straight to the dead letters with a reason: the leased -> dead move.
  Delivery reject, and receivers for a payload that does not decode (the reason is the codec's message).
  Only the delivery that holds the lease may reject. Not safe to run twice.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the dead letters, {<name>}:connector:dead
    KEYS[3] the dead letters' index, {<name>}:connector:dead:ids
    ARGV[1] the message's stream id in the inbox: the lease's token (each id is leased once)
    ARGV[2] the reason, kept as the dead letter's error
    ARGV[3] the most dead letters kept

  Output:
    1
    DS_NOTLEASED <stream id>             the message is not leased any more; nothing was written
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_lease
--@include conn_entry
--@include conn_field
--@include conn_dead

local inbox = KEYS[1]
local dead = KEYS[2]
local deadIds = KEYS[3]
local sid = ARGV[1]
local reason = ARGV[2]
local deadLimit = tonumber(ARGV[3])

if not deadLimit or deadLimit < 1 then
  return redis.error_reply('DS_BADARG malformed connector_reject arguments')
end
local wrong = assert_type(inbox, 'stream') or assert_type(dead, 'stream') or assert_type(deadIds, 'hash')
  or conn_lease(inbox, sid)
if wrong then
  return wrong
end
local fields = conn_entry(inbox, sid)
if fields then
  local attempt = (tonumber(conn_field(fields, 'attempt')) or 0) + 1
  conn_dead(dead, deadIds, fields, reason, attempt, conn_now(), deadLimit)
end
redis.call('XDEL', inbox, sid)
return 1
