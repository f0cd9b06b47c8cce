--[[
  Registers a request of a connector that waits for its reply: its correlation id, with the deadline
  after which a reply is late. Connector request, before it sends the request. Also forgets the
  registrations whose deadline has passed. Safe to run twice: a second run registers the same id again,
  with a deadline a little later.

  Input:
    KEYS[1] the requester's waiting requests, {<name>}:connector:requests: correlation id -> deadline
    ARGV[1] the correlation id
    ARGV[2] the timeout in ms, 1 or more

  Output:
    the deadline, Unix ms by the server's clock
    DS_WRONGTYPE <key> holds a <type>    KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now

local requests = KEYS[1]
local corr = ARGV[1]
local timeout = tonumber(ARGV[2])

if corr == '' or not timeout or timeout < 1 then
  return redis.error_reply('DS_BADARG malformed connector_request arguments')
end
local wrong = assert_type(requests, 'zset')
if wrong then
  return wrong
end
local now = conn_now()
redis.call('ZREMRANGEBYSCORE', requests, '-inf', '(' .. string.format('%d', now))
redis.call('ZADD', requests, now + timeout, corr)
return now + timeout
