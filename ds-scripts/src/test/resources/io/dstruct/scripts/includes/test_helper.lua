local function helper() return 1 end
