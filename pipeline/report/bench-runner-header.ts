/**
 * bench_runner's wrapper around a summarize_stats.py report: the `# Pystats results`
 * header and, for an aggregate report made with per-benchmark runs, the line of links to
 * the per-benchmark reports. The report text follows directly after what this returns.
 */

export interface BenchRunnerHeader {
  /** `all` for the aggregate report, or the benchmark name. */
  benchmark: string;
  /** As given to bench_runner (not cleaned). */
  fork: string;
  /** As given to bench_runner (may be a full SHA). */
  ref: string;
  /** `git log --pretty=format:%h`; the header prints its first 7 characters. */
  commitHash: string;
  /** `%cI`, for example `2024-06-08T17:48:47+00:00`. */
  commitDate: string;
  /**
   * Whether the header has its `- benchmark:` line (default true). bench_runner of 2023
   * (before per-benchmark pystats) printed fork, ref and commit only; see
   * headerHasBenchmarkLine.
   */
  benchmarkLine?: boolean;
}

/**
 * Which bench_runner wrote a run's header, judged from the `metadata` block it wrote into
 * the same JSON (the content, not a version string). The 2023 wrapper (v3.12.0b3, June
 * 2023) wrote `commit_id, commit_fork, commit_branch, commit_date, benchmark_hash` and a
 * header without `- benchmark:`; every later published run (March 2024 on) also has
 * `commit_merge_base` and `github_actor` and the `- benchmark:` line. No metadata (a run
 * not from bench_runner, or an identity given by hand): today's header.
 */
export function headerHasBenchmarkLine(metadataKeys: readonly string[] | null): boolean {
  if (!metadataKeys || metadataKeys.length === 0) return true;
  return metadataKeys.includes('commit_merge_base') || metadataKeys.includes('github_actor');
}

export function renderBenchRunnerHeader(h: BenchRunnerHeader, links?: { stem: string; benchmarks: string[] } | null): string {
  let out =
    '\n# Pystats results\n\n' +
    (h.benchmarkLine === false ? '' : `- benchmark: ${h.benchmark}\n`) +
    `- fork: ${h.fork}\n` +
    `- ref: ${h.ref}\n` +
    `- commit hash: ${h.commitHash.slice(0, 7)}\n` +
    `- commit date: ${h.commitDate}\n\n`;
  if (links) {
    // Every link is followed by ", ", the last one included.
    out += '- ' + links.benchmarks.map((name) => `[${name}](${urlQuote(`${links.stem}-${name}.md`)}), `).join('') + '\n';
  }
  return out;
}

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;
const UTF8 = new TextEncoder();

/** Python `urllib.parse.quote(s, safe='/')`: UTF-8 bytes, upper-case hex. */
export function urlQuote(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '/' || ALWAYS_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of UTF8.encode(ch)) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
