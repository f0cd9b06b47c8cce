--[[
  Sends a dead letter back to its connector's inbox as a new message (attempt 0), keeping its id, sender,
  sentAt and payload: the dead -> ready move. Connector replay. Not safe to run twice: a second run finds
  no dead letter and replies 0.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the dead letters, {<name>}:connector:dead
    KEYS[3] the dead letters' index, {<name>}:connector:dead:ids
    ARGV[1] the message id

  Output:
    1 if the dead letter was sent back, 0 if there is no dead letter of that id (nothing written)
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
]]
--@include assert_type
--@include conn_group
--@include conn_entry
--@include conn_without

local inbox = KEYS[1]
local dead = KEYS[2]
local deadIds = KEYS[3]
local id = ARGV[1]

local wrong = assert_type(inbox, 'stream') or assert_type(dead, 'stream') or assert_type(deadIds, 'hash')
if wrong then
  return wrong
end
local sid = redis.call('HGET', deadIds, id)
if not sid then
  return 0
end
local fields = conn_entry(dead, sid)
if not fields then
  redis.call('HDEL', deadIds, id)
  return 0
end
conn_group(inbox)
redis.call('XADD', inbox, '*', unpack(conn_without(fields, {attempt = true, error = true, attempts = true,
  deadAt = true}, {'attempt', '0'})))
redis.call('XDEL', dead, sid)
redis.call('HDEL', deadIds, id)
return 1
