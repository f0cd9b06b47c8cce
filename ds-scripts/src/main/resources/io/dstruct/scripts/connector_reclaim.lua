--[[
  Leases to the caller up to ARGV[1] messages of a connector whose lease ran out (idle in the group 'ds'
  for ARGV[2] ms or more, found with XAUTOCLAIM): the expired -> leased move, with the delivery count
  raised. Run by receivers as part of receiving, at most once per min(visibility timeout / 2, 1 s)
  in each process. A message whose next delivery would exceed ARGV[3] attempts goes to the dead
  letters instead. Not safe to run twice: a second run finds other expired leases.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the dead letters, {<name>}:connector:dead
    KEYS[3] the dead letters' index, {<name>}:connector:dead:ids
    ARGV[1] the most messages to lease, 1 to 1000
    ARGV[2] the visibility timeout in ms: the idle time after which a lease has run out
    ARGV[3] the most deliveries a message may have (maxAttempts)
    ARGV[4] the most dead letters kept

  Output:
    {entry...}: each leased message as {stream id, delivery count, field, value, ...}
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_field
--@include conn_dead

local inbox = KEYS[1]
local dead = KEYS[2]
local deadIds = KEYS[3]
local most = tonumber(ARGV[1])
local timeout = tonumber(ARGV[2])
local maxAttempts = tonumber(ARGV[3])
local deadLimit = tonumber(ARGV[4])

if not most or most < 1 or most > 1000 or not timeout or timeout < 0 or not maxAttempts or maxAttempts < 1
    or not deadLimit or deadLimit < 1 then
  return redis.error_reply('DS_BADARG malformed connector_reclaim arguments')
end
local wrong = assert_type(inbox, 'stream') or assert_type(dead, 'stream') or assert_type(deadIds, 'hash')
if wrong then
  return wrong
end
if redis.call('EXISTS', inbox) == 0 then
  return {}
end
-- JUSTID finds and takes the expired leases without counting a delivery; the XCLAIM below counts it.
local r = redis.pcall('XAUTOCLAIM', inbox, 'ds', 'ds', timeout, '0-0', 'COUNT', most, 'JUSTID')
if type(r) == 'table' and r.err then
  if string.find(r.err, 'NOGROUP', 1, true) then
    return {}
  end
  return r
end

local now = conn_now()
local out = {}
for _, sid in ipairs(r[2]) do
  local claimed = redis.call('XCLAIM', inbox, 'ds', 'ds', 0, sid)
  local e = claimed[1]
  if not e then
    -- the entry was deleted behind ds's back: drop its lease (Redis 7 did so already)
    redis.call('XACK', inbox, 'ds', sid)
  else
    local fields = e[2]
    local count = tonumber(redis.call('XPENDING', inbox, 'ds', sid, sid, 1)[1][4])
    local attempt = (tonumber(conn_field(fields, 'attempt')) or 0) + count
    if attempt > maxAttempts then
      conn_dead(dead, deadIds, fields, 'the lease ran out on attempt ' .. (attempt - 1) .. ' (no ack within '
        .. timeout .. ' ms)', attempt - 1, now, deadLimit)
      redis.call('XACK', inbox, 'ds', sid)
      redis.call('XDEL', inbox, sid)
    else
      local item = {sid, count}
      for i = 1, #fields do
        item[#item + 1] = fields[i]
      end
      out[#out + 1] = item
    end
  end
end
return out
