/**
 * Report pages are most of a site's build time (a run's report is a few hundred kB of
 * Markdown, rendered then converted) and they only change when their run's content, the
 * report date or the code that writes them changes. Each report page carries a stamp of
 * exactly that; a rebuild into the same folder keeps a page whose stamp matches, so a
 * daily rebuild renders the new runs' reports only.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fromRoot } from '../../package-root.js';
import { runSqlFile } from '../../sql-file.js';

/** What writes a report page: the exporters and the per-version tables, hashed once per process. */
let codeHash: string | null = null;
function reportCode(): string {
  if (codeHash === null) {
    const h = createHash('sha256');
    for (const dir of [['pipeline', 'export'], ['pipeline', 'query'], ['schemas', 'versions']]) {
      const root = fromRoot(...dir);
      for (const f of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
        if (/\.(ts|js|sql|json|css)$/.test(f)) h.update(f).update(readFileSync(join(root, f)));
      }
    }
    codeHash = h.digest('hex');
  }
  return codeHash;
}

export interface RunSource {
  contentHash: string;
  /** YYYY-MM-DD the run was ingested. */
  ingestedDay: string;
}

export async function runSources(conn: DuckDBConnection): Promise<Map<number, RunSource>> {
  const rows = await runSqlFile(conn, 'pipeline/query/sql/run-content-hashes.sql');
  return new Map(rows.map((r) => [Number(r[0]), { contentHash: r[1] as string, ingestedDay: r[2] as string }]));
}

/** The stamp of a page made from these runs' contents (base side, then head side) on this date. */
export function reportStamp(contents: readonly string[], date: string): string {
  return createHash('sha256').update(JSON.stringify([reportCode(), date, contents])).digest('hex').slice(0, 32);
}

export function stampMeta(stamp: string): string {
  return `<meta name="pystats-stamp" content="${stamp}">`;
}

/** True when the page at `file` exists and carries `stamp` (read from its head only). */
export function hasStamp(file: string, stamp: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').includes(stampMeta(stamp));
  } finally {
    closeSync(fd);
  }
}
