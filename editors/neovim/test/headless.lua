-- The Neovim set-up tested in Neovim itself, headless:
--   CARVEOUT_JAR=... CARVEOUT_BOARD=.../sc7280-herobrine-evoker-lte.dts \
--   nvim --headless -u NONE -i NONE -n --cmd 'set rtp^=editors/neovim' -c 'luafile editors/neovim/test/headless.lua'
-- Opens the corpus board through the FileType autocommand of require('carveout').setup(),
-- waits for its diagnostics, asks for a hover on a region, reads the .dtsi in another of its
-- boards with :CarveoutBoard, types a syntax error and waits for its diagnostic, turns a rule
-- off while the server runs and waits for its findings to go, draws the map of a board with
-- addresses above 2^53, and applies a code action to the overlap when the server offers
-- code actions. Files of the corpus are never written (the test's own boards go to Neovim's
-- temporary folder). Prints one line per check; exit status 0 when every check passed.
local jar = assert(os.getenv('CARVEOUT_JAR'), 'CARVEOUT_JAR')
local board = assert(os.getenv('CARVEOUT_BOARD'), 'CARVEOUT_BOARD')
local java = os.getenv('CARVEOUT_JAVA') or 'java'
local report_file = os.getenv('CARVEOUT_REPORT')
local sku = vim.fn.fnamemodify(board, ':h') .. '/sc7280-herobrine-lte-sku.dtsi'
local started = vim.loop.hrtime()
local report = {}

local function say(line)
  local text = string.format('[%5.1f s] %s', (vim.loop.hrtime() - started) / 1e9, line)
  table.insert(report, text)
  io.stdout:write(text .. '\n')
  io.stdout:flush()
end

local function finish(status)
  if report_file then
    local f = io.open(report_file, 'w')
    if f then
      f:write(table.concat(report, '\n') .. '\n')
      f:close()
    end
  end
  if status == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit ' .. status)
  end
end

local function check(ok, message)
  if not ok then
    error(message, 0)
  end
end

-- Raw diagnostics as the server published them, by URI (vim.diagnostic keeps less).
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
  if result then
    published[result.uri] = result.diagnostics
  end
  return default_publish(err, result, ctx, cfg)
end

-- The server's requests for its settings, with Neovim's answers (Neovim's own handler answers;
-- an item it cannot read fails there, as it does for a user).
local configuration_asked = {}
local default_configuration = vim.lsp.handlers['workspace/configuration']
vim.lsp.handlers['workspace/configuration'] = function(err, result, ctx, cfg)
  local answer = default_configuration(err, result, ctx, cfg)
  table.insert(configuration_asked, { items = result.items, answer = answer })
  return answer
end

local function wait_for(seconds, what, condition)
  local ok = vim.wait(seconds * 1000, condition, 100)
  check(ok, 'timed out after ' .. seconds .. ' s waiting for ' .. what)
end

local function find(diagnostics, pattern)
  for _, d in ipairs(diagnostics or {}) do
    if tostring(d.message):find(pattern) or tostring(d.code):find(pattern) then
      return d
    end
  end
  return nil
end

-- The root Neovim 0.11 finds from root_markers, as vim.fs.root finds it: each marker in
-- turn, looked for upwards from the file's folder; the first found gives the root.
local function marker_root(markers, file)
  for _, marker in ipairs(markers) do
    local dir = vim.loop.fs_realpath(vim.fn.fnamemodify(file, ':p:h'))
    while dir do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
      local up = vim.fn.fnamemodify(dir, ':h')
      dir = up ~= dir and up or nil
    end
  end
  return nil
end

local function write(path, text)
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
  return path
end

-- lsp/carveout.lua (Neovim 0.11's vim.lsp.config, not run here): its settings reach the
-- server at start too, and its root_markers find the top of a kernel tree (with MAINTAINERS,
-- or, like the corpus, without it) and of a Zephyr tree, not a folder inside them.
local function check_lsp_config(lsp_config, corpus_root)
  check(type(lsp_config.before_init) == 'function', 'lsp/carveout.lua: the settings are not sent at start (no before_init)')
  local params = {}
  lsp_config.before_init(params, { settings = { carveout = { rules = { overlap = 'off' } } } })
  check(params.initializationOptions and params.initializationOptions.rules.overlap == 'off',
    'lsp/carveout.lua: the settings are not sent as initializationOptions')
  check(type(lsp_config.init_options) == 'table', 'lsp/carveout.lua: no init_options')
  local markers = lsp_config.root_markers
  local trees = vim.loop.fs_realpath(vim.fn.fnamemodify(vim.fn.tempname(), ':h'))
  local kernel = trees .. '/linux'
  write(kernel .. '/MAINTAINERS', '')
  write(kernel .. '/arch/arm64/Kbuild', '') -- arch/arm64 has a Kbuild of its own
  local kernel_board = write(kernel .. '/arch/arm64/boot/dts/qcom/board.dts', '/dts-v1/;\n/ { };\n')
  local zephyr = trees .. '/west/zephyr'
  write(zephyr .. '/west.yml', 'manifest: {}\n')
  write(zephyr .. '/zephyr/module.yml', '')
  vim.fn.mkdir(trees .. '/west/.west', 'p')
  local zephyr_board = write(zephyr .. '/boards/vendor/board/board.dts', '/dts-v1/;\n/ { };\n')
  for _, case in ipairs({ { board, corpus_root }, { kernel_board, kernel }, { zephyr_board, zephyr } }) do
    local found = marker_root(markers, case[1])
    check(found == case[2], 'lsp/carveout.lua: root_markers give ' .. tostring(found) .. ' for ' .. case[1]
      .. ', not ' .. case[2])
  end
  say('PASS lsp/carveout.lua: init_options from the settings; root_markers find the kernel trees and the Zephyr tree')
end

local function run()
  -- nvim-lspconfig's registration, against a stand-in for lspconfig.configs (a plain table
  -- that lspconfig fills the same way), and the vim.lsp.config file
  package.loaded['lspconfig.configs'] = {}
  local definition = require('carveout.lspconfig')
  check(package.loaded['lspconfig.configs'].carveout == definition, 'lspconfig: carveout is not registered')
  local default = definition.default_config
  check(vim.tbl_contains(default.filetypes, 'dts'), 'lspconfig: filetype dts missing')
  -- the kernel tree as Neovim names the buffers in it: links resolved (the corpus may be
  -- reached through a symbolic link, as ../shared often is)
  local corpus_root = vim.loop.fs_realpath(vim.fn.fnamemodify(board, ':p:h:h:h:h:h:h'))
  check(default.root_dir(board) == corpus_root, 'lspconfig: root_dir ' .. tostring(default.root_dir(board))
    .. ' is not the kernel tree ' .. corpus_root)
  local lsp_config = dofile(vim.fn.globpath(vim.o.runtimepath, 'lsp/carveout.lua', false, true)[1])
  check(lsp_config.filetypes[1] == 'dts' and lsp_config.cmd[#lsp_config.cmd] == 'lsp', 'lsp/carveout.lua: wrong shape')
  say('PASS lspconfig definition "carveout" (root ' .. corpus_root .. ')')
  check_lsp_config(lsp_config, corpus_root)

  -- -u NONE starts without filetype detection, which every user's Neovim has on
  vim.cmd('filetype on')
  require('carveout').setup({ cmd = { java, '-jar', jar, 'lsp' } })
  vim.o.hidden = true

  -- the filetype of overlays
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.tempname() .. '.dtso'))
  check(vim.bo.filetype == 'dts', '*.dtso has filetype ' .. vim.bo.filetype)
  vim.cmd('bwipeout!')
  say('PASS *.dtso opens as filetype dts')

  -- 1. the board: the autocommand starts the server; its diagnostics arrive
  vim.cmd('edit ' .. vim.fn.fnameescape(board))
  local board_buf = vim.api.nvim_get_current_buf()
  local board_uri = vim.uri_from_bufnr(board_buf)
  check(vim.bo.filetype == 'dts', 'the board has filetype ' .. vim.bo.filetype)
  local client
  wait_for(60, 'the carveout client', function()
    for _, c in pairs(vim.lsp.buf_get_clients(board_buf)) do
      if c.name == 'carveout' and c.initialized then
        client = c
      end
    end
    return client ~= nil
  end)
  check(client.config.root_dir == corpus_root, 'the server runs in ' .. tostring(client.config.root_dir))
  say('PASS server started by the FileType autocommand, root ' .. client.config.root_dir)
  wait_for(60, 'the server to ask for its settings (workspace/configuration) and Neovim to answer', function()
    return #configuration_asked > 0
  end)
  local asked = configuration_asked[1]
  check(#asked.items == 1 and asked.items[1].section == 'carveout' and type(asked.answer[1]) == 'table',
    'workspace/configuration: ' .. vim.inspect(asked))
  say('PASS the server asked for section carveout (workspace/configuration) and Neovim answered')
  wait_for(120, 'diagnostics for the board', function()
    return published[board_uri] ~= nil
  end)
  say(string.format('PASS diagnostics published for %s: %d', vim.fn.fnamemodify(board, ':t'), #published[board_uri]))

  -- 2. the board's LTE layer, where rmtfs grows to 8 MiB over adsp-rpc-remote-heap
  vim.cmd('edit ' .. vim.fn.fnameescape(sku))
  local sku_buf = vim.api.nvim_get_current_buf()
  local sku_uri = vim.uri_from_bufnr(sku_buf)
  wait_for(60, 'the client on the .dtsi', function()
    return vim.lsp.buf_get_clients(sku_buf)[client.id] ~= nil
  end)
  wait_for(120, 'diagnostics for the .dtsi', function()
    return published[sku_uri] ~= nil
  end)
  local lines = vim.api.nvim_buf_get_lines(sku_buf, 0, -1, false)
  local ref_line
  for i, line in ipairs(lines) do
    if line:find('^&rmtfs_mem') then
      ref_line = i - 1
    end
  end
  check(ref_line, '&rmtfs_mem not found in ' .. sku)

  -- 3. hover on &rmtfs_mem: the boot-log line the kernel will print
  -- (empty until the server has analysed the board: asked again until then)
  local hover_text = ''
  local deadline = vim.loop.now() + 120000
  while not hover_text:find('nomap non-reusable rmtfs@9c900000', 1, true) do
    check(vim.loop.now() < deadline, 'timed out waiting for the hover on &rmtfs_mem: ' .. hover_text)
    local answer = client.request_sync('textDocument/hover',
      { textDocument = { uri = sku_uri }, position = { line = ref_line, character = 2 } }, 20000, sku_buf)
    local contents = answer and answer.result and answer.result.contents
    if contents then
      hover_text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), '\n')
    else
      vim.wait(500)
    end
  end
  check(hover_text:find('0x000000009c900000..0x000000009d0fffff (8192 KiB)', 1, true),
    'hover lacks the boot-log range: ' .. hover_text)
  say('PASS hover: ' .. (hover_text:match('0x%x+%.%.0x%x+ %(%d+ KiB%) [^\n`]*') or hover_text:sub(1, 120)))

  -- :CarveoutMemoryMap: the boot-log lines in address order, the overlap marked
  vim.cmd('CarveoutMemoryMap')
  local map_lines
  wait_for(60, 'the memory map buffer', function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_get_name(b):find('carveout memory map', 1, true) then
        map_lines = vim.api.nvim_buf_get_lines(b, 0, -1, false)
        return true
      end
    end
    return false
  end)
  local map_text = table.concat(map_lines, '\n')
  check(map_text:find('nomap non-reusable rmtfs@9c900000', 1, true), 'memory map lacks rmtfs:\n' .. map_text)
  check(map_text:find('!! 0x000000009cb80000..0x000000009d37ffff (8192 KiB) nomap non-reusable adsp-rpc-remote-heap@9cb80000',
    1, true), 'memory map does not mark the overlap:\n' .. map_text)
  -- both sides of the overlap the server reports, and the overlap itself, as the server gives it
  check(map_text:find('!! 0x000000009c900000..0x000000009d0fffff (8192 KiB) nomap non-reusable rmtfs@9c900000', 1, true),
    'memory map does not mark rmtfs as overlapping:\n' .. map_text)
  check(map_text:find('overlap 0x9cb80000..0x9d100000: adsp-rpc-remote-heap@9cb80000 over rmtfs@9c900000', 1, true),
    'memory map does not list the overlap:\n' .. map_text)
  say(string.format('PASS :CarveoutMemoryMap: %d lines, rmtfs and adsp-rpc-remote-heap marked as overlapping', #map_lines))
  vim.cmd('close')
  vim.api.nvim_set_current_buf(sku_buf)

  -- :CarveoutBoard: the .dtsi read in another board that includes it, then in the board again;
  -- vim.ui.select answered here as a user would
  local function read_in(pick)
    local offered
    local select = vim.ui.select
    vim.ui.select = function(items, opts, on_choice)
      offered = items
      vim.ui.select = select
      on_choice(pick(items, opts))
    end
    vim.cmd('CarveoutBoard')
    wait_for(60, 'the boards offered by :CarveoutBoard', function()
      return offered ~= nil
    end)
    return offered
  end
  local function hover_names(board_name)
    local want = 'as in `' .. board_name .. '`'
    local text = ''
    local until_ = vim.loop.now() + 120000
    while not text:find(want, 1, true) do
      check(vim.loop.now() < until_, 'the hover does not say ' .. want .. ': ' .. text)
      local answer = client.request_sync('textDocument/hover',
        { textDocument = { uri = sku_uri }, position = { line = ref_line, character = 2 } }, 20000, sku_buf)
      local contents = answer and answer.result and answer.result.contents
      text = contents and table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), '\n') or ''
      if not text:find(want, 1, true) then
        vim.wait(200)
      end
    end
  end
  -- the boards that include the .dtsi are known once the index has reached them
  wait_for(120, 'the index to find the boards of the .dtsi', function()
    local answer = client.request_sync('carveout/memoryMap', { textDocument = { uri = sku_uri } }, 20000, sku_buf)
    return answer and answer.result and #(answer.result.boards or {}) > 1
  end)
  local other
  local offered = read_in(function(items, opts)
    check(opts.format_item(items[1]):find('(read in now)', 1, true), 'the board in context is not first')
    other = items[2]
    return other
  end)
  local other_name = vim.fn.fnamemodify(vim.uri_to_fname(other), ':t')
  hover_names(other_name)
  read_in(function() return board_uri end)
  hover_names(vim.fn.fnamemodify(board, ':t'))
  say(string.format('PASS :CarveoutBoard: %d boards offered; the hover read in %s, then in %s again', #offered,
    other_name, vim.fn.fnamemodify(board, ':t')))

  -- 4. a syntax error typed into the buffer is reported, and cleared by the undo
  -- the corpus may be read-only on disk; the buffer is edited, never written
  vim.bo[sku_buf].readonly = false
  local reg_line = ref_line + 1
  local original = lines[reg_line + 1]
  vim.api.nvim_buf_set_lines(sku_buf, reg_line, reg_line + 1, false, { (original:gsub(';%s*$', '')) })
  wait_for(60, "the diagnostic \"expected ';'\"", function()
    return find(published[sku_uri], "expected ';'") ~= nil
  end)
  local syntax = find(published[sku_uri], "expected ';'")
  check(syntax.range.start.line == reg_line, "expected ';' on line " .. syntax.range.start.line)
  check(#vim.diagnostic.get(sku_buf) > 0, 'vim.diagnostic has nothing for the buffer')
  say(string.format("PASS diagnostic \"%s\" at %d:%d", syntax.message, syntax.range.start.line + 1,
    syntax.range.start.character + 1))
  vim.api.nvim_buf_set_lines(sku_buf, reg_line, reg_line + 1, false, { original })
  wait_for(60, 'the syntax diagnostic to clear', function()
    return find(published[sku_uri], "expected ';'") == nil
  end)
  say('PASS the diagnostic cleared when the line was restored')

  -- 4b. :CarveoutFormat (textDocument/formatting): a line indented by hand gets the style's tabs back
  local before_format = vim.api.nvim_buf_get_lines(sku_buf, 0, -1, false)
  local stripped = original:gsub('^%s+', '')
  vim.api.nvim_buf_set_lines(sku_buf, reg_line, reg_line + 1, false, { '  ' .. stripped })
  local previous_buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_set_current_buf(sku_buf)
  vim.cmd('CarveoutFormat')
  local reformatted
  for _, line in ipairs(vim.api.nvim_buf_get_lines(sku_buf, 0, -1, false)) do
    if line:gsub('^%s+', '') == stripped then
      reformatted = line
    end
  end
  check(reformatted ~= nil and reformatted:match('^\t+%S') ~= nil,
    'after :CarveoutFormat the line is ' .. vim.inspect(reformatted))
  vim.api.nvim_buf_set_lines(sku_buf, 0, -1, false, before_format)
  vim.api.nvim_set_current_buf(previous_buf)
  say('PASS :CarveoutFormat indented the line with tabs again')

  -- 5. a setting changed while the server runs: boundary-alignment turned off, its findings go
  local function anywhere(code)
    for uri, diagnostics in pairs(published) do
      for _, d in ipairs(diagnostics) do
        if d.code == code then
          return d, uri
        end
      end
    end
    return nil
  end
  wait_for(60, 'a boundary-alignment finding', function()
    return anywhere('boundary-alignment') ~= nil
  end)
  require('carveout').update_settings({ rules = { ['boundary-alignment'] = 'off' } })
  local ok = vim.wait(60000, function()
    return anywhere('boundary-alignment') == nil
  end, 100)
  local left, left_uri = anywhere('boundary-alignment')
  check(ok, 'timed out after 60 s waiting for the boundary-alignment findings to go once the rule is off: '
    .. (left and (left_uri .. ': ' .. left.message) or ''))
  say('PASS setting rules.boundary-alignment = off, changed while the server runs, removed its findings')

  -- 6. addresses above 2^53 (where a Lua number loses the low bits) keep their order in
  -- :CarveoutMemoryMap: two regions 0x400 apart near the top of the space, the higher first
  local high_board = write(vim.fn.tempname() .. '/high.dts', table.concat({
    '/dts-v1/;',
    '/ {',
    '\t#address-cells = <2>;',
    '\t#size-cells = <2>;',
    '\treserved-memory {',
    '\t\t#address-cells = <2>;',
    '\t\t#size-cells = <2>;',
    '\t\tranges;',
    '\t\thigh@ffffffff00000400 {',
    '\t\t\treg = <0xffffffff 0x00000400 0x0 0x400>;',
    '\t\t\tno-map;',
    '\t\t};',
    '\t\tlow@ffffffff00000000 {',
    '\t\t\treg = <0xffffffff 0x00000000 0x0 0x400>;',
    '\t\t\tno-map;',
    '\t\t};',
    '\t};',
    '};',
    '',
  }, '\n'))
  vim.cmd('edit ' .. vim.fn.fnameescape(high_board))
  local high_buf = vim.api.nvim_get_current_buf()
  wait_for(60, 'a carveout client on ' .. high_board, function()
    for _, c in pairs(vim.lsp.buf_get_clients(high_buf)) do
      if c.name == 'carveout' and c.initialized then
        return true
      end
    end
    return false
  end)
  vim.cmd('CarveoutMemoryMap')
  local high_map
  wait_for(60, 'the memory map of ' .. high_board, function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_get_name(b):find('carveout memory map', 1, true) then
        local text = table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n')
        if text:find('high@ffffffff00000400', 1, true) then
          high_map = text
          return true
        end
      end
    end
    return false
  end)
  local low_at = high_map:find('0xffffffff00000000..0xffffffff000003ff (1 KiB) nomap non-reusable low@', 1, true)
  local high_at = high_map:find('0xffffffff00000400..0xffffffff000007ff (1 KiB) nomap non-reusable high@', 1, true)
  check(low_at and high_at and low_at < high_at, 'the memory map is not in address order:\n' .. high_map)
  say('PASS :CarveoutMemoryMap orders 0xffffffff00000000 before 0xffffffff00000400')
  vim.cmd('close')
  vim.api.nvim_set_current_buf(sku_buf)

  -- 7. the overlap, and a code action on it
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  if not (caps.codeActionProvider or caps.code_action) then
    say('SKIPPED code action: this server build offers no code actions (codeActionProvider absent)')
    return
  end
  local overlap_uri, overlap
  wait_for(120, 'an overlap diagnostic', function()
    for uri, diagnostics in pairs(published) do
      local d = find(diagnostics, '^overlap$')
      if d and d.code == 'overlap' then
        overlap_uri, overlap = uri, d
        return true
      end
    end
    return false
  end)
  say(string.format('PASS overlap diagnostic in %s:%d: %s', vim.fn.fnamemodify(vim.uri_to_fname(overlap_uri), ':t'),
    overlap.range.start.line + 1, overlap.message))
  local overlap_buf = vim.uri_to_bufnr(overlap_uri)
  local answer = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = overlap_uri },
    range = overlap.range,
    context = { diagnostics = { overlap }, only = { 'quickfix' } },
  }, 60000, overlap_buf)
  check(answer and not answer.err, 'codeAction failed: ' .. vim.inspect(answer and answer.err))
  local actions = answer.result or {}
  check(#actions > 0, 'no code action for the overlap')
  local titles = {}
  for _, a in ipairs(actions) do
    table.insert(titles, a.title)
  end
  -- the first fix of the overlap itself (the range may also hold fixes of other findings)
  local action
  for _, a in ipairs(actions) do
    for _, d in ipairs(a.diagnostics or {}) do
      if not action and d.code == 'overlap' then
        action = a
      end
    end
  end
  check(action, 'no code action fixes the overlap; offered: ' .. table.concat(titles, '; '))
  if not action.edit and not action.command and client.supports_method('codeAction/resolve') then
    local resolved = client.request_sync('codeAction/resolve', action, 60000, overlap_buf)
    action = resolved and resolved.result or action
  end
  check(action.edit, 'the first code action has no edit: ' .. vim.inspect(action))
  local before = {}
  local function remember(uri)
    local bufnr = vim.uri_to_bufnr(uri)
    vim.fn.bufload(bufnr)
    before[uri] = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  end
  for uri in pairs(action.edit.changes or {}) do
    remember(uri)
  end
  for _, change in ipairs(action.edit.documentChanges or {}) do
    if change.textDocument and change.textDocument.uri then
      remember(change.textDocument.uri)
    end
  end
  for uri in pairs(before) do
    vim.bo[vim.uri_to_bufnr(uri)].readonly = false
  end
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local changed = 0
  for uri, text in pairs(before) do
    local bufnr = vim.uri_to_bufnr(uri)
    if table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= text then
      changed = changed + 1
    end
  end
  check(changed > 0, 'the code action "' .. action.title .. '" changed no buffer')
  say(string.format('PASS code action "%s" applied to %d buffer(s) (offered: %s)', action.title, changed,
    table.concat(titles, '; ')))
  wait_for(120, 'the overlap diagnostic to go', function()
    for _, diagnostics in pairs(published) do
      for _, d in ipairs(diagnostics) do
        if d.code == 'overlap' then
          return false
        end
      end
    end
    return true
  end)
  say('PASS no overlap left after the code action')
end

local ok, problem = xpcall(run, debug.traceback)
if ok then
  say('ALL PASSED')
  finish(0)
else
  say('FAIL ' .. tostring(problem))
  finish(1)
end
