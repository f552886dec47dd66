-- The carveout server for nvim-lspconfig, registered under the name `carveout`:
--   require('carveout.lspconfig')
--   require('lspconfig').carveout.setup({ settings = { carveout = { dram = { ... } } } })
-- The command defaults to $CARVEOUT_JAR run by Java, else `carveout lsp` from PATH; pass
-- cmd = { 'java', '-jar', '/path/to/carveout.jar', 'lsp' } to choose.
local carveout = require('carveout')
local configs = require('lspconfig.configs')

if not configs.carveout then
  configs.carveout = {
    default_config = {
      cmd = carveout.command({}) or { 'carveout', 'lsp' },
      filetypes = { 'dts' },
      root_dir = function(fname)
        return carveout.root_dir(fname)
      end,
      single_file_support = true,
      settings = { carveout = vim.empty_dict() },
      init_options = vim.empty_dict(),
      -- the server reads the same settings at start (initializationOptions) as when it asks
      on_new_config = function(new_config)
        new_config.init_options = (new_config.settings or {}).carveout or vim.empty_dict()
      end,
    },
    docs = {
      description = [[
carveout: a language server for Linux devicetree sources (.dts, .dtsi, .dtso, .overlay) that
knows the physical memory map: overlapping carve-outs, misaligned CMA pools, firmware
regions taken back by a board. Needs Java 17+. Settings are the keys of .carveout.json,
under `settings.carveout`.
]],
    },
  }
end

return configs.carveout
