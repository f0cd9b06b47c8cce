-- Appends {id, op, version} to the store's change feed, trimmed to about len entries; len 0 means
-- the store has no feed.
local function store_feed(feed, len, id, op, version)
  if len > 0 then
    redis.call('XADD', feed, 'MAXLEN', '~', len, '*', 'id', id, 'op', op, 'version', version)
  end
end
