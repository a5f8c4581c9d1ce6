/** The identity flags of a command line, as overrides for names and metadata. */
import type { RunIdentity } from '../pipeline/runs/run-identity.js';
import { checkCommitDate } from './options.js';

export function identityOverrides(args: Record<string, unknown>): Partial<RunIdentity> {
  const s = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
  const out: Partial<RunIdentity> = {};
  if (s('fork') !== undefined) out.fork = s('fork')!;
  if (s('ref') !== undefined) out.ref = s('ref')!;
  if (s('commit') !== undefined) out.commitHash = s('commit')!;
  checkCommitDate(s('commit-date'));
  if (s('commit-date') !== undefined) out.commitDate = s('commit-date')!;
  if (s('python-version') !== undefined) out.pythonVersion = s('python-version')!;
  if (s('machine') !== undefined) out.machine = s('machine')!;
  if (s('benchmark') !== undefined) out.benchmark = s('benchmark')!;
  if (s('flags') !== undefined) out.flags = [...new Set(s('flags')!.split(',').map((f) => f.trim()).filter(Boolean))].sort();
  return out;
}
