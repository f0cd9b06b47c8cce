--[[
  Ends a request's wait: forgets its registration, so any later reply is late, and returns the reply if
  one came first. Connector request, when its timeout passed or its caller is gone. Safe to run twice:
  the mailbox is left for the caller to delete.

  Input:
    KEYS[1] the requester's waiting requests, {<name>}:connector:requests
    KEYS[2] the request's mailbox, {<name>}:connector:reply:<correlation id>
    ARGV[1] the correlation id

  Output:
    the reply's fields (corr, from, sentAt, payload; flat), or an empty array when no reply came
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
]]
--@include assert_type

local requests = KEYS[1]
local mailbox = KEYS[2]
local corr = ARGV[1]

local wrong = assert_type(requests, 'zset') or assert_type(mailbox, 'stream')
if wrong then
  return wrong
end
redis.call('ZREM', requests, corr)
local r = redis.call('XRANGE', mailbox, '-', '+', 'COUNT', 1)
if #r == 0 then
  return {}
end
return r[1][2]
