-- carveout for Neovim 0.11+'s vim.lsp.config (and nvim-lspconfig's lsp/ layout):
--   vim.lsp.enable('carveout')
-- Override cmd with vim.lsp.config('carveout', { cmd = { 'java', '-jar', '/path/to/carveout.jar', 'lsp' } }),
-- and give settings as vim.lsp.config('carveout', { settings = { carveout = { rules = { ... } } } }).
local jar = os.getenv('CARVEOUT_JAR')
return {
  cmd = (jar and jar ~= '') and { 'java', '-jar', jar, 'lsp' } or { 'carveout', 'lsp' },
  filetypes = { 'dts' },
  -- The folder the server indexes for boards, in this order of preference (each looked for
  -- upwards from the file): the project's settings; the top of a Linux kernel tree; a Zephyr
  -- tree (the zephyr repository's west.yml, else the west workspace); a tree with arch/
  -- beside the file's folders (a kernel tree without MAINTAINERS, U-Boot); the repository.
  root_markers = { '.carveout.json', 'MAINTAINERS', 'west.yml', '.west', 'arch', '.git' },
  settings = { carveout = vim.empty_dict() },
  init_options = vim.empty_dict(),
  -- the server reads the same settings at start (initializationOptions) as when it asks
  before_init = function(params, config)
    params.initializationOptions = (config.settings or {}).carveout or vim.empty_dict()
  end,
}
