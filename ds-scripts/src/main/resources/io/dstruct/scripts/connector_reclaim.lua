--[[
  Gives back up to ARGV[1] messages of a connector whose lease ran out (idle in the group 'ds' for ARGV[2] ms
  or more, found with XAUTOCLAIM): the expired -> ready move. Each goes to the end of the inbox as a new entry,
  with the expired delivery counted in its attempt, and the old entry is acked and deleted, so a late answer of
  the expired delivery finds no lease and is refused. Run by receivers as part of receiving, at most once per
  min(visibility timeout / 2, 1 s) in each process. A message that has had its ARGV[3] attempts goes to the dead
  letters instead: the expired -> dead move. Not safe to run twice: a second run finds other expired leases.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the dead letters, {<name>}:connector:dead
    KEYS[3] the dead letters' index, {<name>}:connector:dead:ids
    ARGV[1] the most messages to give back, 1 to 1000
    ARGV[2] the visibility timeout in ms: the idle time after which a lease has run out
    ARGV[3] the most deliveries a message may have (maxAttempts)
    ARGV[4] the most dead letters kept

  Output:
    the number of expired leases found: given back, dead-lettered, or dropped because their entry was deleted
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_entry
--@include conn_field
--@include conn_without
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
  return 0
end
local r = redis.pcall('XAUTOCLAIM', inbox, 'ds', 'ds', timeout, '0-0', 'COUNT', most, 'JUSTID')
if type(r) == 'table' and r.err then
  if string.find(r.err, 'NOGROUP', 1, true) then
    return 0
  end
  return r
end

local now = conn_now()
for _, sid in ipairs(r[2]) do
  local fields = conn_entry(inbox, sid)
  if fields then
    local attempt = (tonumber(conn_field(fields, 'attempt')) or 0) + 1
    if attempt >= maxAttempts then
      conn_dead(dead, deadIds, fields, 'the lease ran out on attempt ' .. attempt .. ' (no ack within '
        .. timeout .. ' ms)', attempt, now, deadLimit)
    else
      redis.call('XADD', inbox, '*', unpack(conn_without(fields, {attempt = true}, {'attempt', string.format('%d', attempt)})))
    end
  end
  -- an entry deleted behind ds's back only drops its lease (Redis 7 drops it already)
  redis.call('XACK', inbox, 'ds', sid)
  redis.call('XDEL', inbox, sid)
end
return #r[2]
