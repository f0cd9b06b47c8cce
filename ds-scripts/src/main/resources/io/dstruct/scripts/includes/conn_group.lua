-- Creates a connector's inbox stream with its consumer group 'ds' when the stream does not exist, so a
-- script that adds to an inbox never leaves a stream without its group.
local function conn_group(inbox)
  if redis.call('EXISTS', inbox) == 0 then
    redis.call('XGROUP', 'CREATE', inbox, 'ds', '0', 'MKSTREAM')
  end
end
