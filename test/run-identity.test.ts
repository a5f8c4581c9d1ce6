/**
 * Run identity against real bench_runner results: every published file name, the
 * metadata blocks of the published JSON, the headers and link lines of the published
 * reports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { decodeSummarizeJson } from '../workers/decode/summarize-json.js';
import { headerHasBenchmarkLine } from '../pipeline/report/bench-runner-header.js';
import {
  benchRunnerFileName, benchRunnerResultPath, identityFromBenchRunnerPath, identityFromMetadata,
  isPystatsResultFile, mergeIdentity, pystatsResultsIn, quoteLink, siblingBenchmarks, type RunIdentity,
} from '../pipeline/runs/run-identity.js';

const PUBLISHED = fromRoot('test', 'fixtures', 'published');

interface ManifestRow {
  /** `results/<folder>/<file>` as in the publishing repository. */
  repoPath: string;
  localPath: string;
  kind: 'pystats-json' | 'pystats-md' | 'pystats-vs-md';
  version: string;
  date: string;
  fork: string;
  benchmark: string;
}

function manifest(): ManifestRow[] {
  return readFileSync(join(PUBLISHED, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => line.split('\t'))
    .map((c) => ({
      repoPath: c[1], localPath: join(PUBLISHED, c[0].split('/')[1], c[1]),
      kind: c[5] as ManifestRow['kind'], version: c[6], date: c[7], fork: c[8], benchmark: c[9],
    }));
}

const pystatsFiles = () => manifest().filter((r) => r.kind !== 'pystats-vs-md');

function metadataOf(path: string) {
  const metadata = decodeSummarizeJson(readFileSync(path, 'utf8')).metadata;
  if (!metadata) throw new Error(`${path} has no metadata block`);
  return metadata;
}

/** bench_runner's report header lines `- benchmark: ...` up to the first blank line after them. */
function reportHeader(path: string): Record<string, string> {
  const header: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n').slice(0, 10)) {
    const m = /^- (benchmark|fork|ref|commit hash|commit date): (.*)$/.exec(line);
    if (m) header[m[1]] = m[2];
  }
  return header;
}

describe('identityFromBenchRunnerPath', () => {
  it('reads every published pystats file name as the MANIFEST describes it', () => {
    const rows = pystatsFiles();
    expect(rows.length).toBe(42);
    for (const row of rows) {
      const id = identityFromBenchRunnerPath(row.localPath);
      expect(id, row.repoPath).not.toBeNull();
      expect(id!.pythonVersion, row.repoPath).toBe(row.version);
      expect(id!.commitDate, row.repoPath).toBe(row.date);
      expect(id!.fork, row.repoPath).toBe(row.fork);
      expect(id!.benchmark, row.repoPath).toBe(row.benchmark);
      expect(id!.commitHash, row.repoPath).toMatch(/^[0-9a-f]{7}$/);
      expect(row.repoPath, row.repoPath).toContain(`-${id!.commitHash}`);
    }
  });

  it('unquotes %2d in forks and takes nickname, machine, truncated ref and hash as written', () => {
    const row = manifest().find((r) => r.repoPath.endsWith('specialize_for_iter_-3.15.0a0-06c1680-pystats-coroutines.json'))!;
    expect(identityFromBenchRunnerPath(row.localPath)).toEqual({
      fork: 'faster-cpython', ref: 'specialize_for_iter_', commitHash: '06c1680', commitDate: '2025-06-03',
      pythonVersion: '3.15.0a0', machine: 'x86_64', nickname: 'azure', benchmark: 'coroutines', flags: [],
    });
  });

  it('takes flags from the result folder: PYTHON_UOPS, JIT, or none', () => {
    const flagsOf = (fragment: string) => identityFromBenchRunnerPath(manifest().find((r) => r.repoPath.includes(fragment))!.localPath)!.flags;
    expect(flagsOf('-acf69e0-PYTHON_UOPS/')).toEqual(['PYTHON_UOPS']);
    expect(flagsOf('-33903c5-JIT/')).toEqual(['JIT']);
    expect(flagsOf('-c15f94d/')).toEqual([]);
    expect(flagsOf('3.14.0a2+-dbd2379-PYTHON_UOPS/')).toEqual(['PYTHON_UOPS']);
  });

  it('leaves flags unknown when the file is not in its bm- folder', () => {
    const name = basename(manifest().find((r) => r.repoPath.includes('-33903c5-JIT/'))!.repoPath);
    const id = identityFromBenchRunnerPath(name)!;
    expect(id.flags).toBeUndefined();
    expect(id.commitHash).toBe('33903c5');
    expect(identityFromBenchRunnerPath(`/tmp/copied/${name}`)!.flags).toBeUndefined();
  });

  it('reads the .md tables too, and names no run for comparisons or raw benchmark results', () => {
    for (const row of manifest()) {
      const id = identityFromBenchRunnerPath(row.localPath);
      if (row.kind === 'pystats-vs-md') expect(id, row.repoPath).toBeNull();
      else expect(id, row.repoPath).not.toBeNull();
    }
    // Raw benchmark results of the same naming, listed in faster-cpython/benchmarking-public.
    expect(identityFromBenchRunnerPath('results/bm-20221221-3.12.0a3+-bbf4a66/bm-20221221-linux-x86_64-python-main-3.12.0a3+-bbf4a66.json')).toBeNull();
    expect(identityFromBenchRunnerPath('results/bm-20221221-3.12.0a3+-bbf4a66/bm-20221221-linux-x86_64-python-main-3.12.0a3+-bbf4a66-pystats.json'))
      .toMatchObject({ fork: 'python', ref: 'main', nickname: 'linux', machine: 'x86_64', benchmark: 'all', flags: [] });
  });
});

describe('isPystatsResultFile', () => {
  it('is true for the published pystats JSON and false for their reports and comparisons', () => {
    for (const row of manifest()) {
      expect(isPystatsResultFile(row.localPath), row.repoPath).toBe(row.kind === 'pystats-json');
      expect(isPystatsResultFile(basename(row.repoPath)), row.repoPath).toBe(row.kind === 'pystats-json');
    }
  });

  it('is false for raw benchmark results and for files not named by bench_runner', () => {
    expect(isPystatsResultFile('results/bm-20221221-3.12.0a3+-bbf4a66/bm-20221221-linux-x86_64-python-main-3.12.0a3+-bbf4a66.json')).toBe(false);
    expect(isPystatsResultFile(fromRoot('test', 'fixtures', 'cpython-3.13.5', 'single-floats.json'))).toBe(false);
    expect(isPystatsResultFile(join(PUBLISHED, 'SETS.json'))).toBe(false);
  });
});

describe('pystatsResultsIn', () => {
  it('finds in each published folder what isPystatsResultFile and siblingBenchmarks find name by name', () => {
    const folders = new Set(manifest().map((row) => join(row.localPath, '..')));
    for (const folder of folders) {
      const names = readdirSync(folder);
      const expected = names.filter((n) => isPystatsResultFile(n)).map((name) => ({ name, siblings: siblingBenchmarks(name, names) }));
      expect(pystatsResultsIn(names), folder).toEqual(expected);
    }
  });

  // No published folder holds an aggregate with its per-benchmark results: named here as bench_runner names them.
  it('keeps apart the aggregates of two commits sharing a folder, and ignores empty benchmark names', () => {
    const a = 'bm-20240101-azure-x86_64-python-aaaaaaaaaaaaaaaaaaaa-3.13.0a1-aaaaaaa-pystats';
    const b = 'bm-20240101-azure-x86_64-python-bbbbbbbbbbbbbbbbbbbb-3.13.0a1-bbbbbbb-pystats';
    const names = [`${a}.json`, `${a}-go.md`, `${a}-nbody.json`, `${a}-.json`, `${b}.json`, `${b}-chaos.json`, `${a}-vs-base.md`];
    expect(pystatsResultsIn(names)).toEqual([
      { name: `${a}.json`, siblings: ['go', 'nbody'] },
      { name: `${a}-nbody.json`, siblings: [] },
      { name: `${a}-.json`, siblings: [] },
      { name: `${b}.json`, siblings: ['chaos'] },
      { name: `${b}-chaos.json`, siblings: [] },
    ]);
    for (const { name, siblings } of pystatsResultsIn(names)) expect(siblings).toEqual(siblingBenchmarks(name, names));
  });
});

describe('identityFromMetadata and mergeIdentity', () => {
  it('keeps commit_id, commit_fork, commit_branch and commit_date as bench_runner wrote them', () => {
    const row = manifest().find((r) => r.kind === 'pystats-json' && r.repoPath.includes('-dbd2379-PYTHON_UOPS/'))!;
    expect(identityFromMetadata(metadataOf(row.localPath))).toEqual({
      commitHash: 'dbd23790d', fork: 'python', ref: 'dbd23790dbd662169905be6300259992639d4e69',
      commitDate: '2024-11-23T16:41:01-05:00',
    });
  });

  it('lets metadata win over the lossy name, and later layers over earlier ones', () => {
    const row = manifest().find((r) => r.kind === 'pystats-json' && r.repoPath.includes('specialize_for_compa'))!;
    const fromName = identityFromBenchRunnerPath(row.localPath);
    const merged = mergeIdentity(fromName, identityFromMetadata(metadataOf(row.localPath)));
    expect(merged).toEqual({
      fork: 'faster-cpython', ref: 'specialize-for-compact-ints', commitHash: 'e27d99492',
      commitDate: '2025-06-18T12:19:23+01:00', pythonVersion: '3.15.0a0', machine: 'x86_64',
      nickname: 'azure', benchmark: 'coroutines', flags: [],
    });
    const overridden = mergeIdentity(fromName, identityFromMetadata(metadataOf(row.localPath)), { nickname: 'mine', fork: null, flags: ['JIT', 'PYTHON_UOPS', 'JIT'] });
    expect(overridden.nickname).toBe('mine');
    expect(overridden.fork).toBe('faster-cpython'); // null does not override
    expect(overridden.flags).toEqual(['JIT', 'PYTHON_UOPS']);
    expect(mergeIdentity()).toEqual({
      fork: null, ref: null, commitHash: null, commitDate: null, pythonVersion: null,
      machine: null, nickname: null, benchmark: null, flags: [],
    });
  });

  it('agrees with the header bench_runner printed in every published report', () => {
    const reports = manifest().filter((r) => r.kind === 'pystats-md');
    expect(reports.length).toBe(12);
    for (const report of reports) {
      const jsonPath = report.localPath.replace(/\.md$/, '.json');
      const metadata = metadataOf(jsonPath);
      const id = mergeIdentity(identityFromBenchRunnerPath(report.localPath), identityFromMetadata(metadata));
      const header = reportHeader(report.localPath);
      // The 2023 header (bench_runner before commit_merge_base/github_actor) has no benchmark line.
      const benchmarkLine = headerHasBenchmarkLine(metadata.entries.map(([k]) => k));
      expect(benchmarkLine, report.repoPath).toBe(!report.repoPath.includes('3.12.0b3'));
      expect(header, report.repoPath).toEqual({
        ...(benchmarkLine ? { benchmark: id.benchmark } : {}), fork: id.fork, ref: id.ref,
        'commit hash': id.commitHash!.slice(0, 7), 'commit date': id.commitDate,
      });
    }
  });
});

describe('benchRunnerFileName and benchRunnerResultPath', () => {
  it('give back every published file name from the identity its name carries', () => {
    for (const row of pystatsFiles()) {
      const id = mergeIdentity(identityFromBenchRunnerPath(row.localPath));
      const ext = row.kind === 'pystats-json' ? 'json' : 'md';
      expect(benchRunnerResultPath(id, ext), row.repoPath).toBe(row.repoPath);
      expect(benchRunnerFileName(id, ext), row.repoPath).toBe(basename(row.repoPath));
    }
  });

  it('give the same names from the metadata\'s full ref, hash and date (bench_runner\'s cleaning)', () => {
    let refsCut = 0;
    for (const row of pystatsFiles().filter((r) => r.kind === 'pystats-json' && !r.version.startsWith('3.12'))) {
      const meta = identityFromMetadata(metadataOf(row.localPath));
      const fromName = identityFromBenchRunnerPath(row.localPath)!;
      if (meta.ref !== fromName.ref) refsCut++;
      const id = mergeIdentity(fromName, meta);
      expect(benchRunnerResultPath(id, 'json'), row.repoPath).toBe(row.repoPath);
    }
    expect(refsCut).toBeGreaterThan(20);
  });

  it('refuses to name a run it does not know enough about', () => {
    const id: RunIdentity = mergeIdentity({ fork: 'python', ref: 'main', commitHash: 'abcdef1', commitDate: '2025-01-01', nickname: 'azure', machine: 'x86_64' });
    expect(() => benchRunnerFileName(id, 'json')).toThrow(/without pythonVersion/);
    expect(() => benchRunnerFileName({ ...id, pythonVersion: '3.14.0', commitDate: 'June 2025' }, 'json')).toThrow(/YYYY-MM-DD/);
  });
});

describe('quoteLink', () => {
  it('quotes the per-benchmark links exactly as the published aggregated reports do', () => {
    const reports = manifest().filter((r) => r.kind === 'pystats-md' && r.benchmark === 'all');
    let checked = 0;
    let withPlus = 0;
    for (const report of reports) {
      const linkLine = readFileSync(report.localPath, 'utf8').split('\n').find((l) => l.startsWith('- ['));
      if (!linkLine) continue;
      const stem = basename(report.repoPath).replace(/\.md$/, '');
      for (const m of linkLine.matchAll(/\[([^\]]+)\]\(([^)]+)\)/g)) {
        expect(m[2], m[1]).toBe(quoteLink(`${stem}-${m[1]}.md`));
        if (m[2].includes('%2B')) withPlus++;
        // Each link names that benchmark's own pystats report.
        expect(identityFromBenchRunnerPath(decodeURIComponent(m[2]))!.benchmark).toBe(m[1]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(withPlus).toBeGreaterThan(0);
  });

  it('follows urllib.parse.quote(s, safe="/")', () => {
    expect(quoteLink('faster%2dcpython-3.13.0a5+')).toBe('faster%252dcpython-3.13.0a5%2B');
    expect(quoteLink('a b/c~d_e.f-g')).toBe('a%20b/c~d_e.f-g');
    expect(quoteLink('é')).toBe('%C3%A9');
  });
});
