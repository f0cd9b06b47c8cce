--[[
  Delivers a reply into the requester's own mailbox for that request, if the request still waits: a
  stream of one entry that lives until a minute after the request's deadline. Delivery reply. Only keys
  of the requester are touched. A reply to a request that no longer waits (it timed out, or was answered
  already) is late: it is counted and dropped. Not safe to run twice: a second run counts a late reply.

  Input:
    KEYS[1] the requester's waiting requests, {<name>}:connector:requests: correlation id -> deadline
    KEYS[2] the request's mailbox, {<name>}:connector:reply:<correlation id>
    KEYS[3] the requester's count of late replies, {<name>}:connector:late
    ARGV[1] the correlation id
    ARGV[2] the replier's name
    ARGV[3] the payload (the codec's bytes)

  Output:
    1 if the reply was delivered, 0 if it was late (counted, and dropped)
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   KEYS[2] is not the mailbox of ARGV[1]; nothing was written
]]
--@include assert_type
--@include conn_now

local requests = KEYS[1]
local mailbox = KEYS[2]
local late = KEYS[3]
local corr = ARGV[1]
local from = ARGV[2]
local payload = ARGV[3]

if corr == '' or string.sub(mailbox, -(#corr + 1)) ~= ':' .. corr then
  return redis.error_reply('DS_BADARG malformed connector_reply arguments')
end
local wrong = assert_type(requests, 'zset') or assert_type(mailbox, 'stream') or assert_type(late, 'string')
if wrong then
  return wrong
end
local now = conn_now()
local deadline = tonumber(redis.call('ZSCORE', requests, corr))
if deadline and deadline >= now then
  redis.call('XADD', mailbox, '*', 'corr', corr, 'from', from, 'sentAt', string.format('%d', now),
    'payload', payload)
  redis.call('PEXPIREAT', mailbox, string.format('%d', deadline + 60000))
  redis.call('ZREM', requests, corr)
  return 1
end
if deadline then
  redis.call('ZREM', requests, corr)
end
redis.call('INCR', late)
return 0
