-- carveout for Neovim 0.11+'s vim.lsp.config (and nvim-lspconfig's lsp/ layout):
--   vim.lsp.enable('carveout')
-- Override cmd with vim.lsp.config('carveout', { cmd = { 'java', '-jar', '/path/to/carveout.jar', 'lsp' } }).
local jar = os.getenv('CARVEOUT_JAR')
return {
  cmd = (jar and jar ~= '') and { 'java', '-jar', jar, 'lsp' } or { 'carveout', 'lsp' },
  filetypes = { 'dts' },
  root_markers = { '.carveout.json', '.west', '.git' },
  settings = { carveout = vim.empty_dict() },
}
