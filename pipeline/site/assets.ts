/**
 * The site's static files: its stylesheet and script, the report renderer's browser bundle
 * (built by build.mjs into dist/site/), and the browser bundles of Vega, Vega-Lite and
 * vega-embed copied from the installed packages, so no page asks the network for anything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fromRoot } from '../package-root.js';
import { assetPath } from './paths.js';
import type { SiteWriter } from './site-writer.js';
import { REPORT_SCRIPT } from './report-pages.js';

/** file name in the site → package and its browser bundle (next to the package's entry point). */
const BUNDLES: ReadonlyArray<[string, string, string]> = [
  ['vega.min.js', 'vega', 'vega.min.js'],
  ['vega-lite.min.js', 'vega-lite', 'vega-lite.min.js'],
  ['vega-embed.min.js', 'vega-embed', 'vega-embed.min.js'],
];

const OWN = ['site.css', 'site.js'];

export function copyAssets(out: SiteWriter): void {
  const copy = (name: string, from: string) => out.write(assetPath(name), readFileSync(from));
  // Resolved as Node resolves the packages for pystats itself, wherever npm put them.
  const require = createRequire(fromRoot('package.json'));
  for (const [name, pkg, file] of BUNDLES) copy(name, join(dirname(require.resolve(pkg)), file));
  for (const name of OWN) copy(name, fromRoot('pipeline', 'site', 'assets', name));
  const bundle = fromRoot('dist', 'site', REPORT_SCRIPT);
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'make build'`);
  copy(REPORT_SCRIPT, bundle);
}
