// The TextMate grammar over every devicetree file of the shared corpus: no property value
// may run past a brace (which would colour the rest of a file as one value), no rule may
// stay open at the end of a file, and nothing is marked invalid.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const CORPUS = join('..', '..', 'shared', 'corpus');

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      sources(path, out);
    } else if (/\.(dts|dtsi|dtso)$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

test('the grammar reads the corpus without runaway rules', async (t) => {
  if (!existsSync(CORPUS)) {
    if (process.env.CI === 'true') {
      assert.fail(`corpus not found at ${CORPUS}; under CI this is a failure`);
    }
    t.skip(`corpus not found at ${CORPUS}`);
    return;
  }
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync('syntaxes/dts.tmLanguage.json', 'utf8'), 'dts.tmLanguage.json'),
  });
  const grammar = await registry.loadGrammar('source.dts');
  assert.ok(grammar);
  const problems: string[] = [];
  const files = sources(CORPUS);
  for (const file of files) {
    let stack = textmate.INITIAL;
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      for (const token of result.tokens) {
        const text = line.slice(token.startIndex, token.endIndex);
        if (token.scopes.some((s) => s.startsWith('invalid'))) {
          problems.push(`${file}:${i + 1}: invalid token ${JSON.stringify(text)}`);
        }
        if (token.scopes.includes('meta.property.dts') && !token.scopes.some((s) => /string|comment|reference/.test(s))
          && /[{}]/.test(text)) {
          problems.push(`${file}:${i + 1}: a property value runs into ${JSON.stringify(line.trim())}`);
        }
      }
    }
    if ((stack as unknown as { depth: number }).depth > 1) {
      problems.push(`${file}: a rule is still open at the end of the file`);
    }
  }
  assert.ok(files.length > 500, `${files.length} files`);
  assert.deepEqual(problems.slice(0, 20), []);
});
