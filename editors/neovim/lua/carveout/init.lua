-- carveout for Neovim 0.7+: starts the carveout language server for devicetree buffers
-- (filetype dts; *.dtso and *.overlay are made dts too) with vim.lsp.start_client, one
-- server per project root, and adds :CarveoutMemoryMap and :CarveoutBoard. Written against
-- the 0.7 API (no vim.fs, no vim.lsp.start) so that Debian 12's Neovim runs it.
local M = {}

local defaults = {
  -- the server command; nil: {java, '-jar', jar, 'lsp'} when a jar is known, else {'carveout', 'lsp'}
  cmd = nil,
  -- the shaded jar (server/target/carveout.jar); nil: $CARVEOUT_JAR
  jar = nil,
  -- the java executable; nil: $JAVA_HOME/bin/java, else java on PATH
  java = nil,
  -- carveout's settings, the keys of .carveout.json (includePaths, defines, dram, rules...)
  settings = {},
  filetypes = { 'dts' },
  -- root_dir(file) -> folder; nil: see M.root_dir
  root_dir = nil,
  on_attach = nil,
  capabilities = nil,
  -- format each devicetree buffer before it is written (textDocument/formatting)
  format_on_save = false,
}

local config = vim.deepcopy(defaults)
local clients = {} -- root folder -> client id

local function is_dir(path)
  local stat = vim.loop.fs_stat(path)
  return stat ~= nil and stat.type == 'directory'
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

local function parent(dir)
  local up = vim.fn.fnamemodify(dir, ':h')
  if up == dir then
    return nil
  end
  return up
end

--- The project folder of a file, which the server indexes for boards: the nearest folder
--- with a .carveout.json; else the top of a Linux kernel tree (arch/ beside
--- scripts/dtc or include/dt-bindings) or of a Zephyr workspace (.west); else the
--- nearest .git; else the file's own folder. Links are resolved first, as Neovim does for
--- the names of buffers, so a file has one project whichever path reached it.
function M.root_dir(file)
  local start = vim.fn.fnamemodify(file, ':p:h')
  start = vim.loop.fs_realpath(start) or start
  local tests = {
    function(dir) return exists(dir .. '/.carveout.json') end,
    function(dir)
      return is_dir(dir .. '/arch') and (is_dir(dir .. '/scripts/dtc') or is_dir(dir .. '/include/dt-bindings'))
    end,
    function(dir) return is_dir(dir .. '/.west') end,
    function(dir) return exists(dir .. '/.git') end,
  }
  for _, test in ipairs(tests) do
    local dir = start
    while dir do
      if test(dir) then
        return dir
      end
      dir = parent(dir)
    end
  end
  return start
end

--- The command that starts the server, or nil with the reason.
function M.command(opts)
  opts = opts or config
  if opts.cmd then
    return opts.cmd
  end
  local jar = opts.jar or os.getenv('CARVEOUT_JAR')
  if jar and jar ~= '' then
    local java = opts.java
    if not java then
      local home = os.getenv('JAVA_HOME')
      java = (home and home ~= '') and (home .. '/bin/java') or 'java'
    end
    return { java, '-jar', jar, 'lsp' }
  end
  if vim.fn.executable('carveout') == 1 then
    return { 'carveout', 'lsp' }
  end
  return nil, 'carveout: no server: set jar (or $CARVEOUT_JAR) to carveout.jar, or put the carveout script on PATH'
end

-- An empty Lua table is sent as a JSON array; the server wants an object.
local function object(t)
  if t == nil or next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

local function start(root)
  if clients[root] and vim.lsp.get_client_by_id(clients[root]) then
    return clients[root]
  end
  local cmd, problem = M.command(config)
  if not cmd then
    vim.notify(problem, vim.log.levels.ERROR)
    return nil
  end
  local id = vim.lsp.start_client({
    name = 'carveout',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    -- initializationOptions at start, and the answer to workspace/configuration (section carveout)
    init_options = object(config.settings),
    settings = { carveout = object(config.settings) },
    -- Neovim answers workspace/configuration from `settings` (since 0.5) but says so only from
    -- 0.8: said here, the server asks for the settings on every version
    capabilities = vim.tbl_deep_extend('force', config.capabilities or vim.lsp.protocol.make_client_capabilities(),
      { workspace = { configuration = true } }),
    on_attach = config.on_attach,
    on_exit = function()
      clients[root] = nil
    end,
  })
  clients[root] = id
  return id
end

--- Attaches the buffer to the server of its project, starting it when needed.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local file = vim.api.nvim_buf_get_name(bufnr)
  if file == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local root = (config.root_dir or M.root_dir)(file)
  local id = start(root)
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- The order of two addresses the server wrote as "0x..." strings. They stay strings: a Lua
-- number is a double, exact only up to 2^53, and a 64-bit address may lie above it (two
-- regions 0x400 apart near the top of the space would read as one number). Zero-padded to
-- 16 hex digits, the strings sort as the numbers do.
local function address(s)
  local digits = (s or '0x0'):gsub('^0[xX]', ''):lower():gsub('^0+', '')
  return string.rep('0', 16 - #digits) .. digits
end

-- What bounds a free gap, as the server names it (nothing at the edge of DRAM).
local function bounds(gap)
  if gap.below and gap.above then
    return ' between ' .. gap.below .. ' and ' .. gap.above
  elseif gap.below then
    return ' after ' .. gap.below
  elseif gap.above then
    return ' before ' .. gap.above
  end
  return ' (DRAM no region uses)'
end

-- Asks the buffer's carveout server for carveout/memoryMap and calls on_map(map, client);
-- a buffer without the server, or a failed request, is said to the user instead.
local function request_map(bufnr, on_map)
  local client
  -- buf_get_clients is 0.7's API; get_clients replaces it from 0.10
  local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, c in pairs(attached) do
    if c.name == 'carveout' then
      client = c
    end
  end
  if not client then
    vim.notify('carveout: this buffer has no carveout server', vim.log.levels.WARN)
    return
  end
  client.request('carveout/memoryMap', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, function(err, map)
    if err or not map then
      vim.notify('carveout/memoryMap: ' .. (err and err.message or 'no answer'), vim.log.levels.ERROR)
      return
    end
    on_map(map, client)
  end, bufnr)
end

--- The memory map of the current buffer's board, as text in a scratch window: the
--- boot-log lines in address order, the regions of each overlap the server reports marked,
--- the overlaps, then the free gaps. Overlaps and gaps are the server's, never computed here.
function M.memory_map(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  request_map(bufnr, function(map)
    local lines = { 'Memory map of ' .. (map.board and vim.uri_to_fname(map.board) or '(no board)') }
    local overlapping = {}
    for _, overlap in ipairs(map.overlaps or {}) do
      for _, side in ipairs(overlap.regions) do
        overlapping[side.path .. '#' .. side.entry] = true
      end
    end
    local rows = {}
    for _, region in ipairs(map.regions or {}) do
      for i, range in ipairs(region.reg or {}) do
        table.insert(rows, { base = address(range.base), text = region.bootLog[i] or region.name,
          enabled = region.enabled, overlaps = overlapping[region.path .. '#' .. (i - 1)] })
      end
      local placement = region.placement
      if placement and placement.state == 'placed' then
        table.insert(rows, { base = address(placement.base), text = 'predicted ' .. placement.bootLog, enabled = true })
      elseif #(region.reg or {}) == 0 then
        table.insert(lines, string.format('dynamic: %s size %s%s', region.name, region.size or '?',
          placement and (': ' .. placement.explanation) or ''))
      end
    end
    for i, reserve in ipairs(map.memreserve or {}) do
      table.insert(rows, { base = address(reserve.base), text = string.format('%s..%s %s', reserve.base, reserve['end'],
        reserve.name), enabled = true, overlaps = overlapping['/memreserve/#' .. (i - 1)] })
    end
    table.sort(rows, function(a, b) return a.base < b.base end)
    for _, row in ipairs(rows) do
      table.insert(lines, (row.overlaps and '!!' or '  ') .. ' ' .. row.text .. (row.enabled and '' or '  (disabled)'))
    end
    for _, overlap in ipairs(map.overlaps or {}) do
      table.insert(lines, string.format('overlap %s..%s: %s over %s', overlap.base, overlap['end'],
        overlap.regions[1].name, overlap.regions[2].name))
    end
    for _, gap in ipairs(map.gaps or {}) do
      table.insert(lines, string.format('free %s..%s', gap.base, gap['end']) .. bounds(gap))
    end
    vim.cmd('botright new')
    local buf = vim.api.nvim_get_current_buf()
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
    vim.bo[buf].buftype = 'nofile'
    vim.bo[buf].bufhidden = 'wipe'
    vim.bo[buf].modifiable = false
    vim.api.nvim_buf_set_name(buf, 'carveout memory map ' .. buf)
  end)
end

--- Chooses the board the current buffer (a .dtsi) is read in: vim.ui.select over the boards
--- that include it (the `boards` of carveout/memoryMap), the board in context first; the
--- server's command carveout.setBoardInContext holds the choice, and hover, definition,
--- completion, hints and the memory map answer from that board from then on.
function M.choose_board(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  request_map(bufnr, function(map, client)
    local boards = {}
    for _, board in ipairs(map.boards or {}) do
      if board == map.board then
        table.insert(boards, 1, board)
      else
        table.insert(boards, board)
      end
    end
    if #boards == 0 then
      vim.notify('carveout: ' .. name .. ' is in no board of the workspace', vim.log.levels.INFO)
      return
    elseif #boards == 1 and boards[1] == map.uri then
      vim.notify('carveout: ' .. name .. ' is a board: it is read as itself', vim.log.levels.INFO)
      return
    end
    vim.ui.select(boards, {
      prompt = 'The board ' .. name .. ' is read in:',
      format_item = function(board)
        return vim.fn.fnamemodify(vim.uri_to_fname(board), ':~:.') .. (board == map.board and ' (read in now)' or '')
      end,
    }, function(board)
      if not board then
        return
      end
      client.request('workspace/executeCommand',
        { command = 'carveout.setBoardInContext', arguments = { map.uri, board } }, function(command_err)
          if command_err then
            vim.notify('carveout.setBoardInContext: ' .. command_err.message, vim.log.levels.ERROR)
          end
        end, bufnr)
    end)
  end)
end

--- Replaces carveout's settings (the keys of .carveout.json) of the servers started from now
--- and of the running ones, whether started by setup() or by nvim-lspconfig, which apply them
--- at once: no restart is needed.
function M.update_settings(settings)
  config.settings = settings or {}
  local running = vim.lsp.get_clients and vim.lsp.get_clients({ name = 'carveout' }) or vim.lsp.get_active_clients()
  for _, client in ipairs(running) do
    if client.name == 'carveout' then
      -- Neovim answers workspace/configuration from these (client.settings from 0.11 on)
      client.config.settings = client.config.settings or {}
      client.config.settings.carveout = object(config.settings)
      if client.settings then
        client.settings.carveout = client.config.settings.carveout
      end
      -- the settings in the notification, as nvim-lspconfig sends them at start: the server
      -- applies them as they are, whether or not the client said it answers workspace/configuration
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end
  end
end

--- Formats the buffer with the server's textDocument/formatting (the kernel's style, as
--- `carveout format` writes it); vim.lsp.buf.format on 0.8+, formatting_sync on 0.7.
function M.format(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.lsp.buf.format then
    vim.lsp.buf.format({
      bufnr = bufnr,
      timeout_ms = 5000,
      filter = function(client)
        return client.name == 'carveout'
      end,
    })
  elseif vim.api.nvim_get_current_buf() == bufnr then
    vim.lsp.buf.formatting_sync(nil, 5000)
  end
end

--- setup{...}: see `defaults` above for the options.
function M.setup(opts)
  config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup('carveout', { clear = true })
  -- Neovim 0.7 knows *.dts and *.dtsi; overlays (.dtso, Zephyr's .overlay) are devicetree too
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = { '*.dtso', '*.overlay' },
    command = 'setfiletype dts',
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  vim.api.nvim_create_user_command('CarveoutMemoryMap', function()
    M.memory_map()
  end, { desc = 'carveout: the memory map of this board' })
  vim.api.nvim_create_user_command('CarveoutBoard', function()
    M.choose_board()
  end, { desc = 'carveout: choose the board this file is read in' })
  vim.api.nvim_create_user_command('CarveoutFormat', function()
    M.format()
  end, { desc = "carveout: format this file in the kernel's devicetree style" })
  if config.format_on_save then
    vim.api.nvim_create_autocmd('BufWritePre', {
      group = group,
      pattern = { '*.dts', '*.dtsi', '*.dtso', '*.overlay' },
      callback = function(args)
        M.format(args.buf)
      end,
    })
  end
end

return M
