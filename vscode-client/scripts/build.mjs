// Bundles the extension (Node, CommonJS, `vscode` left to the editor) and the Memory Map
// view (browser; with the server's memory-map.js and, as dist/webview.css, its memory-map.css)
// with esbuild; `--tests` bundles the unit tests for `node --test`.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info', absWorkingDir: root };

if (process.argv.includes('--tests')) {
  rmSync(join(root, 'dist-test'), { recursive: true, force: true });
  const tests = readdirSync(join(root, 'test', 'unit')).filter((f) => f.endsWith('.test.ts')).map((f) => `test/unit/${f}`);
  await esbuild.build({
    ...common, entryPoints: tests, outdir: 'dist-test', platform: 'node', format: 'cjs', target: 'node20',
    logLevel: 'warning',
  });
} else {
  const builds = [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] },
    { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2020' },
  ];
  if (process.argv.includes('--watch')) {
    for (const options of builds) {
      await (await esbuild.context(options)).watch();
    }
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
  }
}
