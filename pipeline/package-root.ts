/**
 * The package root, found by walking up from this module to package.json. The same
 * code runs as TypeScript under vitest and as compiled JS in dist/, so files that are
 * not compiled (.sql, version tables) and the compiled worker are located from here.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('pystats: cannot find the package root (package.json)');
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();

export function fromRoot(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
