/** Options shared by several commands, declared once. */
import type { Options } from 'yargs';
import { DEFAULT_DB, DEFAULT_WAIT_SECONDS } from '../pipeline/defaults.js';
import { defaultWorkerCount } from '../pipeline/load/worker-pool.js';
import { UserError } from './user-error.js';

export const TABULAR_FORMATS = ['table', 'csv', 'json'] as const;

export const dbOption: Options = {
  type: 'string', default: DEFAULT_DB, describe: "DuckDB store file (':memory:' for a throw-away store)",
};

/**
 * Where a command's store is, and how long to wait when another process holds it. --db has
 * no yargs default here (open-store.ts applies it) because yargs counts a default as given
 * and would refuse every --lake as conflicting with it.
 */
export const storeOptions: Record<string, Options> = {
  db: { ...dbOption, default: undefined, defaultDescription: DEFAULT_DB },
  lake: {
    type: 'string', conflicts: 'db',
    describe: 'Read a Parquet lake directory (pystats lake export) instead of the store file',
  },
  wait: {
    type: 'number', default: DEFAULT_WAIT_SECONDS,
    describe: 'Seconds to wait when another process holds the store (one writer or many readers at a time)',
  },
};

/** The store options of a command that writes a store file (ingest, lake import): no --lake. */
export const writeStoreOptions: Record<string, Options> = { db: dbOption, wait: storeOptions.wait };

export const formatOption: Options = {
  choices: [...TABULAR_FORMATS], default: 'table', describe: 'Output format',
};

/** Run identity fields: they override what file names and JSON metadata say. */
export const identityOptions: Record<string, Options> = {
  fork: { type: 'string', describe: 'Fork (e.g. python, faster-cpython)' },
  ref: { type: 'string', describe: 'Branch, tag or commit the run was built from' },
  commit: { type: 'string', describe: 'Commit hash' },
  'commit-date': { type: 'string', describe: 'Commit date (YYYY-MM-DD or git %cI)' },
  'python-version': { type: 'string', describe: 'CPython version, e.g. 3.13.0b2+' },
  machine: { type: 'string', describe: 'Machine architecture, e.g. x86_64' },
  benchmark: { type: 'string', describe: "Benchmark name, or 'all'" },
  flags: { type: 'string', describe: 'Build flags, comma-separated (JIT, NOGIL, PYTHON_UOPS, TAILCALL)' },
};

export const runFilterOptions: Record<string, Options> = {
  ...identityOptions,
  since: { type: 'string', describe: 'Only runs with a commit date on or after YYYY-MM-DD' },
  until: { type: 'string', describe: 'Only runs with a commit date on or before YYYY-MM-DD' },
};

/** The runs a trend reads (`trend`, `site`): series are split by these dimensions. */
export const trendFilterOptions: Record<string, Options> = {
  fork: { type: 'string', describe: 'Only this fork' },
  benchmark: { type: 'string', describe: "Only this benchmark ('all' = bench_runner's aggregate)" },
  flags: { type: 'string', describe: "Only these build flags, comma-joined sorted ('' = default build)" },
  machine: { type: 'string', describe: 'Only this machine' },
  since: { type: 'string', describe: 'Commit date on or after YYYY-MM-DD' },
  until: { type: 'string', describe: 'Commit date on or before YYYY-MM-DD' },
};

export interface TrendFilterArgs {
  fork?: string;
  benchmark?: string;
  flags?: string;
  machine?: string;
  since?: string;
  until?: string;
}

/** The options of the commands that parse files (ingest, summarize). */
export const parseOptions: Record<string, Options> = {
  order: { type: 'string', describe: 'File listing raw file names in the order to visit them' },
  workers: { type: 'number', default: defaultWorkerCount(), describe: 'Parse worker threads' },
};

/** The report styles of summarize_stats.py versions (see pipeline/report/styles.ts). */
export const styleOption: Options = {
  type: 'string', // a number would turn '3.13' into 3.13 and miss every choice
  choices: ['3.12', '3.13-early', '3.13', '3.14', '3.15'],
  describe: "Report style (default: the data's CPython version)",
};

export const dateOption: Options = {
  type: 'string', describe: "The 'Stats gathered on' date, YYYY-MM-DD (default: today)",
};

/** The reference prints `date.today()`: the local date. */
export function localDate(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** git's %cI: a day, a time and an offset (Z or ±HH:MM). */
const COMMIT_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:Z|[+-](\d{2}):(\d{2})))?$/;

/** A real calendar day: 2024-02-30 and 2024-13-45 are not. */
function isCalendarDay(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** Date options (--since, --until, --date) must be days of the calendar: a bad one is a one-line error. */
export function checkDays(days: Record<string, string | undefined>): void {
  for (const [name, v] of Object.entries(days)) {
    const m = v === undefined ? null : DAY.exec(v);
    if (v !== undefined && (m === null || !isCalendarDay(m[1], m[2], m[3]))) {
      throw new UserError(`--${name} must be YYYY-MM-DD, a day of the calendar; got ${JSON.stringify(v)}`);
    }
  }
}

/** --commit-date: a calendar day, or git's %cI with a real time and offset. */
export function checkCommitDate(v: string | undefined): void {
  if (v === undefined) return;
  const m = COMMIT_DATE.exec(v);
  const ok = m !== null && isCalendarDay(m[1], m[2], m[3]) &&
    (m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60)) &&
    (m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60));
  if (!ok) throw new UserError(`--commit-date must be a day of the calendar (YYYY-MM-DD) or git's %cI (YYYY-MM-DDTHH:MM:SS+HH:MM), got ${JSON.stringify(v)}`);
}

/** --wait: seconds, a number 0 or more (yargs makes 'abc' NaN, which would retry forever). */
export function checkWait(wait: number): void {
  if (!Number.isFinite(wait) || wait < 0) throw new UserError('--wait must be a number of seconds, 0 or more');
}
