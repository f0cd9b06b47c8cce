--[[
  Reserves the next block of ids of an IdGenerator and returns its first and last id. Sets the
  generator up on first use. Ids end at 2^53 - 1: near the end, the block is cut short to the ids
  that are left; when fewer than the minimum are left, nothing is reserved and nothing is written.

  Input:
    KEYS[1] the generator's key, {<name>}:id, holding the last id reserved so far
    ARGV[1] the block size, a whole number >= 1
    ARGV[2] the first id the generator hands out minus one, stored when KEYS[1] does not exist
    ARGV[3] the floor: the last id this client has reserved, or ARGV[2]. If the stored value is
            below it (the server lost its data), the counter restarts from the floor, so this
            client never goes back. Ids stay below 2^53, so Lua compares them exactly.
    ARGV[4] the minimum: the fewest ids the caller can use, 1 to ARGV[1]

  Output:
    the first and the last id of the reserved block (array of two integers), or an empty array
    when fewer than ARGV[4] ids are left below 2^53; nothing was written then
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                  an argument is not a whole number in its range; nothing
                                        was written
    DS_NOTINTEGER <key>                 KEYS[1] holds a string that is not a whole number from -1
                                        to 2^53 - 1; nothing was written
]]
--@include assert_type

local rcall = redis.call
local key = KEYS[1]
local MAX_ID = 2 ^ 53 - 1

local function whole(text, min, max)
  local n = tonumber(text)
  if n == nil or n < min or n > max or n ~= math.floor(n) then
    return nil
  end
  return n
end

local size = whole(ARGV[1], 1, MAX_ID)
local start = whole(ARGV[2], -1, MAX_ID)
local floor = whole(ARGV[3], -1, MAX_ID)
local minimum = size and whole(ARGV[4], 1, size)
if size == nil or start == nil or floor == nil or minimum == nil then
  return redis.error_reply('DS_BADARG block size, first id, floor or minimum out of range')
end
local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end
local last = start
local stored = rcall('GET', key)
if stored then
  last = whole(stored, -1, MAX_ID)
  if last == nil then
    return redis.error_reply('DS_NOTINTEGER ' .. key)
  end
end
if last < floor then
  last = floor
end
if MAX_ID - last < minimum then
  return {}
end
local block_last = math.min(last + size, MAX_ID)
rcall('SET', key, string.format('%d', block_last))
return { last + 1, block_last }
