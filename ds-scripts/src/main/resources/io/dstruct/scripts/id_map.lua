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
    DS_NOTINTEGER <key>                 KEYS[3], or the number of one of the strings in KEYS[1],
                                        is not a whole number >= 0; nothing was written
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

-- Every stored number is read and checked before anything is written.
local ids = {}
for i = 1, #ARGV do
  local stored_id = rcall('HGET', forward, ARGV[i])
  if stored_id then
    local id = tonumber(stored_id)
    if id == nil or id < 0 or id > 2 ^ 53 or id ~= math.floor(id) then
      return redis.error_reply('DS_NOTINTEGER ' .. forward)
    end
    ids[i] = id
  end
end

local first_new = next_id
local assigned = {}
for i = 1, #ARGV do
  if ids[i] == nil then
    local value = ARGV[i]
    if assigned[value] == nil then
      assigned[value] = next_id
      rcall('HSET', forward, value, next_id)
      rcall('HSET', reverse, next_id, value)
      next_id = next_id + 1
    end
    ids[i] = assigned[value]
  end
end
if next_id > first_new then
  rcall('SET', next_key, next_id)
end
return ids
