/** Options shared by several commands, declared once. */
import type { Options } from 'yargs';
import { DEFAULT_DB } from '../pipeline/defaults.js';

export const TABULAR_FORMATS = ['table', 'csv', 'json'] as const;

export const dbOption: Options = {
  type: 'string', default: DEFAULT_DB, describe: "DuckDB store file (':memory:' for a throw-away store)",
};

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
