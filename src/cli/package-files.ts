import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file shipped with Myotrophy (data/, examples/), found from the package's root: the nearest folder
 * above this module that holds Myotrophy's package.json, so the path is right whether the command runs
 * from the sources or from a build.
 */
export function packageFile(relativePath: string): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'myotrophy') {
      return join(folder, relativePath);
    }
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`Myotrophy's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}
