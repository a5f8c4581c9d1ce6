/**
 * SQL kept in .sql files next to the code that runs it, read once, run with bound
 * parameters only. A file may hold several statements; each gets the parameters it names.
 */
import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { fromRoot } from './package-root.js';

const cache = new Map<string, string[]>();

/** The statements of a .sql file under the package root (comments kept, split on ';' at line end). */
export function sqlStatements(relativePath: string): string[] {
  let stmts = cache.get(relativePath);
  if (!stmts) {
    const text = readFileSync(fromRoot(relativePath), 'utf8');
    stmts = text.split(/;\s*$/m).filter((s) => s.replace(/--.*$/gm, '').trim().length > 0);
    cache.set(relativePath, stmts);
  }
  return stmts;
}

export type SqlParams = Record<string, DuckDBValue>;

/** Runs every statement of a .sql file; returns the rows of the last one. */
export async function runSqlFile(conn: DuckDBConnection, relativePath: string, params: SqlParams = {}): Promise<DuckDBValue[][]> {
  let rows: DuckDBValue[][] = [];
  for (const stmt of sqlStatements(relativePath)) {
    rows = (await conn.runAndReadAll(stmt, paramsFor(stmt, params))).getRows();
  }
  return rows;
}

/**
 * Runs a .sql file whose last statement returns one JSON text, an array of rows (NULL for
 * none), and parses it. For the long lists (20,000 runs of an archive): DuckDB writes the
 * text on its own threads, and JSON.parse reads it in a tenth of the main thread's time
 * runSqlFile takes to make each row's values one by one.
 */
export async function runJsonSqlFile(conn: DuckDBConnection, relativePath: string, params: SqlParams = {}): Promise<unknown[][]> {
  const [[text]] = await runSqlFile(conn, relativePath, params);
  return text === null ? [] : (JSON.parse(text as string) as unknown[][]);
}

/** Only the parameters a statement names: DuckDB refuses unused ones. */
export function paramsFor(stmt: string, params: SqlParams): SqlParams {
  const used: SqlParams = {};
  for (const name of Object.keys(params)) {
    if (new RegExp(`\\$${name}\\b`).test(stmt)) used[name] = params[name];
  }
  return used;
}
