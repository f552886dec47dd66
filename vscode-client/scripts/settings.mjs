// The settings VS Code shows come from the schema of .carveout.json, so the two cannot
// drift: `--write` regenerates package.json's contributes.configuration from it, and
// `--check` (run by `npm test`) fails when package.json is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'carveout.schema.json'), 'utf8'));
const packagePath = join(root, 'package.json');
const packageText = readFileSync(packagePath, 'utf8');
const pkg = JSON.parse(packageText);

// VS Code's settings editor does not follow $ref into a file's definitions: inline them.
function inline(node) {
  if (Array.isArray(node)) {
    return node.map(inline);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  let out = {};
  if (typeof node.$ref === 'string') {
    const target = node.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o[k], schema);
    out = { ...inline(target) };
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== '$ref') {
      out[key] = inline(value);
    }
  }
  return out;
}

const properties = {
  'carveout.java.home': {
    type: ['string', 'null'],
    default: null,
    // machine scope: a workspace must not choose which program the editor runs
    scope: 'machine',
    description: 'The Java 17+ installation (a JDK or JRE folder) that runs the language server. Unset: JAVA_HOME, then java on PATH.',
  },
  'carveout.trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Log the messages between the editor and the carveout language server in the output channel "carveout".',
  },
};
for (const [key, definition] of Object.entries(schema.properties)) {
  const setting = inline(definition);
  delete setting.examples;
  properties[`carveout.${key}`] = { ...setting, scope: 'resource' };
}

const configuration = {
  title: 'carveout',
  properties,
};
pkg.contributes.configuration = configuration;
const generated = JSON.stringify(pkg, null, 2) + '\n';

if (process.argv.includes('--write')) {
  writeFileSync(packagePath, generated);
  console.log(`package.json: ${Object.keys(properties).length} settings from schemas/carveout.schema.json`);
} else if (process.argv.includes('--check')) {
  if (generated !== packageText) {
    console.error('package.json contributes.configuration differs from schemas/carveout.schema.json: run `npm run settings`');
    process.exit(1);
  }
  console.log('package.json settings match schemas/carveout.schema.json');
} else {
  console.error('usage: node scripts/settings.mjs --write | --check');
  process.exit(2);
}
