/**
 * What a reader's DuckDB may do (issue 17): read, and nothing else.
 *
 * - confine(): once the store's views are laid, DuckDB itself is told to touch no file but
 *   the ones it reads (enable_external_access=false, allowed_directories = the lake's own
 *   directory, or an export's target), to install or load no extension, and to take no
 *   setting back (lock_configuration). A store file is already opened READ_ONLY.
 * - readOnlyStatement(): ad hoc SQL (`pystats sql` without --write) must be one SELECT
 *   (SHOW, DESCRIBE, SUMMARIZE, VALUES, PRAGMA show_… are SELECTs to DuckDB) or an EXPLAIN
 *   of one. That matters over a lake: its in-memory DuckDB may read the lake directory,
 *   and DuckDB's allowed_directories lets a COPY write there as well.
 */
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './lake/read/read-lake.js';

/** Locks a reader's connection down; `dirs` are the only directories DuckDB may open files in. */
export async function confine(conn: DuckDBConnection, dirs: readonly string[] = []): Promise<void> {
  const withSlash = dirs.map((d) => (d.endsWith('/') ? d : `${d}/`));
  if (withSlash.length > 0) await conn.run(`SET allowed_directories = [${withSlash.map(sqlString).join(', ')}]`);
  await conn.run('SET enable_external_access = false');
  await conn.run('SET autoinstall_known_extensions = false');
  await conn.run('SET autoload_known_extensions = false');
  await conn.run('SET allow_community_extensions = false');
  await conn.run('SET lock_configuration = true');
}

/** Why ad hoc SQL was refused before any of it ran. */
export class SqlRefusedError extends Error {}

const READING = new Set([StatementType.SELECT]);

/**
 * Checks that `sql` is one statement that only reads (nothing of it runs here). Several
 * statements are refused whatever they are: only one result could be printed.
 */
export async function checkOneStatement(conn: DuckDBConnection, sql: string, readOnly: boolean): Promise<void> {
  if (sql.replace(/--[^\n]*/g, '').trim() === '') throw new SqlRefusedError('no statement given');
  const extracted = await conn.extractStatements(sql);
  if (extracted.count !== 1) {
    throw new SqlRefusedError(`${extracted.count} statements given; pystats sql runs one statement at a time (nothing was run)`);
  }
  if (!readOnly) return;
  const type = (await extracted.prepare(0)).statementType;
  if (READING.has(type)) return;
  if (type === StatementType.EXPLAIN) {
    // EXPLAIN ANALYZE runs its statement: what it explains must be a SELECT too.
    const inner = /^\s*(?:--[^\n]*\n\s*)*EXPLAIN\s+(?:ANALY[SZ]E\s+)?([\s\S]*)$/i.exec(sql)?.[1];
    if (inner !== undefined && inner.trim() !== '') {
      const nested = await conn.extractStatements(inner);
      if (nested.count === 1 && READING.has((await nested.prepare(0)).statementType)) return;
    }
  }
  throw new SqlRefusedError(`the store is opened read-only and only SELECT (or EXPLAIN SELECT) may run; not this ${StatementType[type]} statement; pass --write to change the store (never over --lake)`);
}
