/**
 * import() of an ESM-only package (vega and vega-lite, for `trend --plot`).
 *
 * The CLI runs as a CommonJS bundle restored from a V8 code cache (code-cache.ts), and on
 * Node 20 a function restored from a code cache loses its module loader: its own import()
 * fails. The launcher (cli/main.ts), a plain ES module, lends its import() instead.
 */
const LENT = Symbol.for('pystats.importEsm');

type Importer = (specifier: string) => Promise<unknown>;

/** Called by the launcher before it runs the bundle. */
export function lendImport(importer: Importer): void {
  (globalThis as Record<symbol, unknown>)[LENT] = importer;
}

export function importEsm<T>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, unknown>)[LENT] as Importer | undefined;
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
