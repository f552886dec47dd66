import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { explicitSettings, Inspected, SETTING_KEYS } from '../../src/settings';

test('the keys are the schema of .carveout.json', () => {
  assert.deepEqual([...SETTING_KEYS], ['includePaths', 'defines', 'pageSize', 'boundaryAlignment', 'cmaAlignment',
    'cmaAreas', 'dram', 'baseline', 'rules', 'boards', 'format']);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const contributed = Object.keys(pkg.contributes.configuration.properties);
  for (const key of SETTING_KEYS) {
    assert.ok(contributed.includes(`carveout.${key}`), key);
  }
});

test('only what the user set is sent, the most specific level winning', () => {
  const seen: Record<string, Inspected> = {
    pageSize: { globalValue: 4096, workspaceValue: '0x10000' },
    cmaAreas: {},
    rules: { workspaceFolderValue: { overlap: 'warning' }, globalValue: { overlap: 'off' } },
  };
  assert.deepEqual(explicitSettings((k) => seen[k], '/ws'), { pageSize: '0x10000', rules: { overlap: 'warning' } });
});

test('include paths are resolved against the workspace folder', () => {
  const seen: Record<string, Inspected> = {
    includePaths: { workspaceValue: ['include', '/abs/dts', '${workspaceFolder}/scripts/dtc/include-prefixes'] },
  };
  assert.deepEqual(explicitSettings((k) => seen[k], '/src/linux'), {
    includePaths: ['/src/linux/include', '/abs/dts', '/src/linux/scripts/dtc/include-prefixes'],
  });
});
