--[[
  Leases up to ARGV[1] new messages of a connector's inbox to the caller (XREADGROUP of the group 'ds'):
  the ready -> leased move. Connector receive, iterate, and the async face. A message whose next delivery
  would exceed ARGV[2] attempts goes to the dead letters instead. Not safe to run twice: a second run
  leases other messages (the first run's come back when their lease runs out).

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the dead letters, {<name>}:connector:dead
    KEYS[3] the dead letters' index, {<name>}:connector:dead:ids: message id -> dead letter's stream id
    KEYS[4] the delayed set, {<name>}:connector:delayed, read to tell when the next delayed message is due
    ARGV[1] the most messages to lease, 1 to 1000
    ARGV[2] the most deliveries a message may have (maxAttempts)
    ARGV[3] the most dead letters kept; the oldest beyond it are dropped

  Output:
    {next, entry...}: the ms until the next delayed message is due (0 if one is due already, -1 if there is
    none), then each leased message as {stream id, delivery count (1), field, value, ...}
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_group
--@include conn_field
--@include conn_dead

local inbox = KEYS[1]
local dead = KEYS[2]
local deadIds = KEYS[3]
local delayed = KEYS[4]
local most = tonumber(ARGV[1])
local maxAttempts = tonumber(ARGV[2])
local deadLimit = tonumber(ARGV[3])

if not most or most < 1 or most > 1000 or not maxAttempts or maxAttempts < 1 or not deadLimit or deadLimit < 1 then
  return redis.error_reply('DS_BADARG malformed connector_receive arguments')
end
local wrong = assert_type(inbox, 'stream') or assert_type(dead, 'stream') or assert_type(deadIds, 'hash')
  or assert_type(delayed, 'zset')
if wrong then
  return wrong
end

local now = conn_now()
conn_group(inbox)
local read = {'XREADGROUP', 'GROUP', 'ds', 'ds', 'COUNT', most, 'STREAMS', inbox, '>'}
local r = redis.pcall(unpack(read))
if type(r) == 'table' and r.err then
  if not string.find(r.err, 'NOGROUP', 1, true) then
    return r
  end
  -- the stream was made by another client's XADD, without the group
  redis.call('XGROUP', 'CREATE', inbox, 'ds', '0')
  r = redis.call(unpack(read))
end

local nextDue = -1
local head = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
if #head > 0 then
  nextDue = math.max(0, tonumber(head[2]) - now)
end
local out = {nextDue}
if r then
  for _, e in ipairs(r[1][2]) do
    local sid = e[1]
    local fields = e[2]
    local attempt = (tonumber(conn_field(fields, 'attempt')) or 0) + 1
    if attempt > maxAttempts then
      conn_dead(dead, deadIds, fields, 'more than ' .. maxAttempts .. ' attempts', attempt - 1, now, deadLimit)
      redis.call('XACK', inbox, 'ds', sid)
      redis.call('XDEL', inbox, sid)
    else
      local item = {sid, 1}
      for i = 1, #fields do
        item[#item + 1] = fields[i]
      end
      out[#out + 1] = item
    end
  end
end
return out
