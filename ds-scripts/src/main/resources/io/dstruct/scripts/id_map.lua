--[[
  Returns the numbers of some strings in an IdMapper, giving each string that has none the next
  number: 0, 1, 2, ... in the order strings are first seen. Backs IdMapper.idOf and idsOf.

  Input:
    KEYS[1] the forward hash, {<name>}:idmap:forward: string -> number
    KEYS[2] the reverse hash, {<name>}:idmap:reverse: number -> string
    KEYS[3] the count of numbers handed out, {<name>}:idmap:next (a string holding an integer)
    ARGV (all of them) the strings; at least one

  Output:
    the numbers of the strings, in order (array of integers)
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was written
    DS_NOTINTEGER <key>                 KEYS[3] holds a string that is not an integer; nothing was written
    DS_BADARG <reason>                  no string was given; nothing was written
]]
--@include assert_type

local rcall = redis.call
local forward = KEYS[1]
local reverse = KEYS[2]
local next_key = KEYS[3]

if #ARGV == 0 then
  return redis.error_reply('DS_BADARG no string to map')
end
local wrong = assert_type(forward, 'hash') or assert_type(reverse, 'hash') or assert_type(next_key, 'string')
if wrong then
  return wrong
end
local stored = rcall('GET', next_key)
local next_id = tonumber(stored or '0')
if next_id == nil or next_id < 0 or next_id ~= math.floor(next_id) then
  return redis.error_reply('DS_NOTINTEGER ' .. next_key)
end

local ids = {}
local first_new = next_id
for i = 1, #ARGV do
  local id = rcall('HGET', forward, ARGV[i])
  if id then
    ids[i] = tonumber(id)
  else
    ids[i] = next_id
    rcall('HSET', forward, ARGV[i], next_id)
    rcall('HSET', reverse, next_id, ARGV[i])
    next_id = next_id + 1
  end
end
if next_id > first_new then
  rcall('SET', next_key, next_id)
end
return ids
