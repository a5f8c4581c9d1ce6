/**
 * The temp tables every metric of one trend reads, loaded once per trend (trend-query.ts
 * runs the metrics over them): which point each run belongs to, the keys split into their
 * parts, and the per-version knowledge (each run's specialized instructions, the opcode
 * families).
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { runSqlFile, sqlStatements } from '../../sql-file.js';
import { minorOf, versionMetadata, detectMinorFromKeys, PYTHON_MINORS, type PythonMinor } from '../../../schemas/versions/index.js';
import { SPECIALIZED_INSTRUCTIONS_3_12 } from '../../report/opcodes-3.12.js';
import { ColumnAppender } from '../../load/column-appender.js';
import { knownFamilies, opcodeFamilies } from './opcode-families.js';
import type { RunAssignment, SelectedRun } from './trend-query.js';

const DIR = 'pipeline/trend/metrics';

/**
 * Temp tables for one trend: trend_runs (which point each run belongs to) and trend_keys
 * (prepare-keys.sql). With `specialized` (metrics that need to know which instructions a
 * run's CPython has: opcode, family, mix, effectiveness) also each run's minor version,
 * the bundled specialized-instruction lists for runs stored without them,
 * trend_specialized (prepare-specialized.sql) and trend_opfamily; otherwise those two are
 * created empty, which saves reading every run's instruction list.
 */
export async function loadTrendTables(
  conn: DuckDBConnection, runs: readonly SelectedRun[], assignments: readonly RunAssignment[],
  opts: { specialized: boolean; families: boolean },
): Promise<void> {
  await conn.run('CREATE OR REPLACE TEMP TABLE trend_runs (run_id INTEGER, point_id INTEGER)');
  // Appended as columns: a site's trend assigns 20,000 runs, and a bound list of them
  // costs a value object per run.
  const appender = new ColumnAppender(conn, 'trend_runs', ['INTEGER', 'INTEGER'], 'temp');
  appender.append([Int32Array.from(assignments, (a) => a.runId), Int32Array.from(assignments, (a) => a.pointId)], assignments.length);
  appender.close();
  await runSqlFile(conn, `${DIR}/prepare-keys.sql`, { opnames_312: listValue(versionMetadata('3.12').opnames ?? []) });
  await conn.run('CREATE OR REPLACE TEMP TABLE trend_opfamily (opname VARCHAR, family VARCHAR)');
  if (!opts.specialized && !opts.families) {
    await conn.run('CREATE OR REPLACE TEMP TABLE trend_specialized (run_id INTEGER, opname VARCHAR)');
    return;
  }
  const assigned = new Set(assignments.map((a) => a.runId));
  const minors = await loadRunMinors(conn, runs.filter((r) => assigned.has(r.runId)));
  // The bundled minors, and any a user's own tables (PYSTATS_TABLES_DIR) add.
  const withTables = [...new Set([...PYTHON_MINORS, ...minors])];
  const bundled = withTables.flatMap((minor) => specializedOf(minor).map((name) => [minor, name] as const));
  await conn.run('CREATE OR REPLACE TEMP TABLE trend_version_specialized (minor VARCHAR, opname VARCHAR)');
  await conn.run(
    'INSERT INTO trend_version_specialized SELECT unnest($m::VARCHAR[]), unnest($n::VARCHAR[])',
    { m: listValue(bundled.map((b) => b[0])), n: listValue(bundled.map((b) => b[1])) },
  );
  for (const stmt of sqlStatements(`${DIR}/prepare-specialized.sql`)) await conn.run(stmt);
  if (opts.families) await loadOpcodeFamilies(conn);
}

function specializedOf(minor: PythonMinor): readonly string[] {
  return minor === '3.12' ? SPECIALIZED_INSTRUCTIONS_3_12 : versionMetadata(minor).specializedInstructions ?? [];
}

/**
 * trend_run_minor: the minor version of each run, for the bundled tables. A run's is its
 * version text's (prepare-minors.sql joins the few distinct versions, each read once here,
 * with the runs: a site's trend has 20,000 runs); a run without one (a raw directory
 * ingested without identity) has the one its keys tell. Returns the minors found.
 */
async function loadRunMinors(conn: DuckDBConnection, runs: readonly SelectedRun[]): Promise<Set<string>> {
  const byVersion = new Map<string, string | null>();
  const detected = new Map<number, string>();
  for (const r of runs) {
    const version = r.pythonVersion;
    if (version && !byVersion.has(version)) byVersion.set(version, minorOf(version));
    if (version && byVersion.get(version)) continue;
    const rows = (await conn.runAndReadAll(
      'SELECT k.key FROM run_counters rc JOIN keys k USING (key_id) WHERE rc.run_id = $run',
      { run: r.runId },
    )).getRows();
    const minor = detectMinorFromKeys(rows.map((row) => row[0] as string));
    if (minor) detected.set(r.runId, minor);
  }
  const known = [...byVersion].filter((e): e is [string, string] => e[1] !== null);
  await conn.run('CREATE OR REPLACE TEMP TABLE trend_run_minor (run_id INTEGER, minor VARCHAR)');
  // (A bound list must not be empty: DuckDB cannot type it.)
  if (known.length > 0) {
    await runSqlFile(conn, `${DIR}/prepare-minors.sql`, {
      versions: listValue(known.map((e) => e[0])), version_minors: listValue(known.map((e) => e[1])),
    });
  }
  if (detected.size > 0) {
    await conn.run(
      'INSERT INTO trend_run_minor SELECT unnest($r::INTEGER[]), unnest($m::VARCHAR[])',
      { r: listValue([...detected.keys()]), m: listValue([...detected.values()]) },
    );
  }
  return new Set([...known.map((e) => e[1]), ...detected.values()]);
}

/** trend_opfamily(opname, family) over every instruction name the selected runs know. */
async function loadOpcodeFamilies(conn: DuckDBConnection): Promise<void> {
  const rows = (await conn.runAndReadAll(
    `SELECT opname, bool_or(specialized) FROM (
       SELECT DISTINCT opname, false AS specialized FROM trend_keys WHERE family = 'opcode'
       UNION ALL SELECT DISTINCT opname, true FROM trend_specialized
       UNION ALL SELECT DISTINCT opname, true FROM trend_version_specialized
     ) GROUP BY opname`,
  )).getRows();
  const specialized = new Set(rows.filter((r) => r[1] === true).map((r) => r[0] as string));
  // 3.12's opname table lists base instructions no selected run may have executed.
  const extraBases = (versionMetadata('3.12').opnames ?? []).filter((n) => !n.startsWith('<'));
  const known = knownFamilies(PYTHON_MINORS.map((minor) => versionMetadata(minor)));
  const families = opcodeFamilies([...rows.map((r) => r[0] as string), ...extraBases], specialized, known);
  await conn.run(
    'INSERT INTO trend_opfamily SELECT unnest($n::VARCHAR[]), unnest($f::VARCHAR[])',
    { n: listValue([...families.keys()]), f: listValue([...families.values()]) },
  );
}
