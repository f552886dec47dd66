// Puts the language server into the extension, the shaded jar the Maven build makes, and the
// project's LICENSE, which vsce packages from the extension's folder.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jar = join(root, '..', 'server', 'target', 'carveout.jar');
if (!existsSync(jar)) {
  console.error(`${relative(process.cwd(), jar)} is missing: build it first from the project root with`
    + ' `mvn -B -q -DskipTests install` (or `./carveout --version`).');
  process.exit(1);
}
mkdirSync(join(root, 'server'), { recursive: true });
copyFileSync(jar, join(root, 'server', 'carveout.jar'));
console.log(`server/carveout.jar: ${(statSync(jar).size / 1048576).toFixed(1)} MiB from ${relative(root, jar)}`);
copyFileSync(join(root, '..', 'LICENSE'), join(root, 'LICENSE'));
