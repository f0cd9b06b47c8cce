--[[
  Counts a connector's messages in each state, in one step. Connector stats. Writes nothing.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the delayed set, {<name>}:connector:delayed
    KEYS[3] the dead letters, {<name>}:connector:dead
    KEYS[4] the count of late replies, {<name>}:connector:late

  Output:
    {inbox, leased, delayed, dead, late}: the messages in the inbox (ready or leased), those leased, those
    delayed, the dead letters, and the late replies counted
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type
]]
--@include assert_type

local inbox = KEYS[1]
local delayed = KEYS[2]
local dead = KEYS[3]
local late = KEYS[4]

local wrong = assert_type(inbox, 'stream') or assert_type(delayed, 'zset') or assert_type(dead, 'stream')
  or assert_type(late, 'string')
if wrong then
  return wrong
end
local leased = 0
if redis.call('EXISTS', inbox) == 1 then
  local p = redis.pcall('XPENDING', inbox, 'ds')
  if type(p) == 'table' and not p.err then
    leased = p[1]
  end
end
return {redis.call('XLEN', inbox), leased, redis.call('ZCARD', delayed), redis.call('XLEN', dead),
  tonumber(redis.call('GET', late) or '0') or 0}
