/**
 * The package root, found by walking up from this module to the package's package.json.
 * The same code runs as TypeScript under vitest and as compiled JS in dist/, so files that
 * are not compiled (.sql, version tables) and the compiled worker are located from here.
 * dist/package.json only says that dist's .js files are CommonJS (build.mjs): it has no
 * name, and the walk goes past it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!isPackageRoot(dir)) {
    const up = dirname(dir);
    if (up === dir) throw new Error('pystats: cannot find the package root (package.json)');
    dir = up;
  }
  return dir;
}

function isPackageRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) && typeof (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'string';
}

export const PACKAGE_ROOT = findRoot();

export function fromRoot(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
