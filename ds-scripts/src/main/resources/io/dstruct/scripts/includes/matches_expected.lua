-- Returns whether current (a GET or HGET reply: false when absent) is what the caller expects:
-- present and equal to expected when must_exist is true, else absent.
local function matches_expected(current, must_exist, expected)
  if must_exist then
    return current == expected
  end
  return not current
end
