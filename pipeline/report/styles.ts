/**
 * Which summarize_stats.py printed (or would print) a report, and what that changes.
 *
 * bench_runner runs the script of the benchmarked checkout, so the right style is the one
 * of the CPython commit that produced the data. The 3.13+ scripts share one layout; their
 * differences are data here (`StyleProfile`), read by the section list. 3.12 has its own
 * layout (layout-3.12.ts).
 */
import type { RunStats } from '../../schemas/run-stats.js';
import { ReportDataError } from './errors.js';

export type ReportStyle = '3.12' | '3.13-early' | '3.13' | '3.14' | '3.15';

export interface StyleProfile {
  readonly style: ReportStyle;
  /** Summary line of the Tier-1 "Pair counts" section. */
  readonly opcodePairSummary: string;
  /** Whether the optimization section has the uop "Pair counts" sub-section. */
  readonly uopPairCounts: boolean;
  /** Tooltip of the "Trace too short" row (older scripts have a typo). */
  readonly traceTooShortDoc: string;
  /** Which keys make the incref/decref denominators of the Object table. */
  readonly refcountKeys: 'interpreter-and-plain' | 'mortal-and-immortal';
  /** GC table with the "Reachable from roots" / "Not reachable from roots" columns. */
  readonly gcReachableColumns: boolean;
  /** "Unknown callee" row in the optimization table. */
  readonly unknownCalleeRow: boolean;
  /** "JIT memory stats" and "JIT trace total memory histogram" sub-sections. */
  readonly jitMemory: boolean;
  /** 3.13 drops trailing zero rows but keeps the first; 3.14 drops leading ones too. */
  readonly histogramTrim: 'trailing-keep-first' | 'leading-and-trailing';
  /** 3.13 stores failure kinds in a fixed list of 40; 3.14 sizes it to the data. */
  readonly failureKindSlots: number | 'sized-to-data';
  /** Opcodes whose failure kinds are labelled from the ITER_* names. */
  readonly iterFamilies: readonly string[];
}

const TRACE_TOO_SHORT = 'A potential trace is abandoned because it it too short.';
const TRACE_TOO_SHORT_TYPO = 'A potential trace is abandoced because it it too short.';

const STYLE_3_13: StyleProfile = {
  style: '3.13',
  opcodePairSummary: 'Pair counts for top 100 opcode pairs',
  uopPairCounts: true,
  traceTooShortDoc: TRACE_TOO_SHORT,
  refcountKeys: 'interpreter-and-plain',
  gcReachableColumns: false,
  unknownCalleeRow: false,
  jitMemory: false,
  histogramTrim: 'trailing-keep-first',
  failureKindSlots: 40,
  iterFamilies: ['FOR_ITER', 'SEND'],
};

const STYLE_3_14: StyleProfile = {
  style: '3.14',
  opcodePairSummary: 'Pair counts for top 100 opcode pairs',
  uopPairCounts: true,
  traceTooShortDoc: TRACE_TOO_SHORT,
  refcountKeys: 'mortal-and-immortal',
  gcReachableColumns: true,
  unknownCalleeRow: true,
  jitMemory: true,
  histogramTrim: 'leading-and-trailing',
  failureKindSlots: 'sized-to-data',
  iterFamilies: ['FOR_ITER', 'GET_ITER', 'SEND'],
};

/**
 * Scripts on main before gh-115181 (uop pair counts) had neither the uop "Pair counts"
 * sub-section nor the "opcode pairs" wording. Published reports bracket the change:
 * commits of 2024-04-08 have the old layout, commits of 2024-04-16 the new one.
 */
export const UOP_PAIR_COUNTS_SINCE = '2024-04-12T00:00:00Z';

/**
 * The "abandoced" tooltip typo: every published report of a 3.13-shaped run from main up
 * to 2024-07-01 has it; 3.13.5 does not. When it was fixed is unknown, so the cut is put
 * at the 3.13.0 release (a final 3.13.x version string always means the fixed text).
 */
export const TRACE_TOO_SHORT_TYPO_UNTIL = '2024-10-01T00:00:00Z';

/** What is known about the script that printed a report, to refine '3.13-early'. */
export interface ScriptEra {
  /** Commit date (ISO 8601) of the checkout whose script ran. */
  scriptDate?: string | null;
  /** Its `platform.python_version()`, used when no date is known. */
  pythonVersion?: string | null;
}

/**
 * The settings of a style. '3.13-early' covers main's scripts from before the typo fix;
 * those from before gh-115181 also lacked the uop pair counts. The commit date decides
 * (else a version that is surely later, 3.13.0a7 onwards; "a6" spans the change). With
 * neither, '3.13-early' means the oldest variant, with all three early strings.
 */
export function styleProfile(style: ReportStyle, era: ScriptEra = {}): StyleProfile {
  switch (style) {
    case '3.13':
      return STYLE_3_13;
    case '3.14':
      return STYLE_3_14;
    case '3.15':
      // No difference in the report is known: main's script of 2025–2026 prints 3.14's layout.
      return { ...STYLE_3_14, style: '3.15' };
    case '3.13-early': {
      const hasUopPairs = hasUopPairCounts(era);
      return {
        ...STYLE_3_13,
        style: '3.13-early',
        traceTooShortDoc: TRACE_TOO_SHORT_TYPO,
        opcodePairSummary: hasUopPairs ? STYLE_3_13.opcodePairSummary : 'Pair counts for top 100 Tier 1 instructions',
        uopPairCounts: hasUopPairs,
      };
    }
    case '3.12':
      throw new Error('the 3.12 report has its own layout; it has no 3.13+ style profile');
  }
}

function hasUopPairCounts({ scriptDate, pythonVersion }: ScriptEra): boolean {
  if (scriptDate) return isOnOrAfter(scriptDate, UOP_PAIR_COUNTS_SINCE);
  const v = pythonVersion ? parsePythonVersion(pythonVersion) : null;
  if (!v || v.major !== 3 || v.minor < 13) return false;
  if (v.minor > 13) return true;
  return v.pre !== 'a' || v.preNumber >= 7;
}

/** Keys that only 3.14+ interpreters write (each appeared with the matching script change). */
const KEYS_SINCE_3_14 = [
  'Object mortal increfs',
  'Object interpreter mortal increfs',
  'GC[0] objects reachable from roots',
  'Optimization unknown callee',
  'JIT total memory size',
  'opcode[GET_ITER].specializable',
];

interface ParsedVersion {
  major: number;
  minor: number;
  micro: number;
  /** 'a', 'b', 'rc', or null for a final release. */
  pre: string | null;
  preNumber: number;
  /** A trailing `+`: a development build after that tag. */
  dev: boolean;
}

export function parsePythonVersion(version: string): ParsedVersion | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:(a|b|rc)(\d+))?(\+)?/i.exec(version.trim());
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    micro: Number(m[3]),
    pre: m[4] ? m[4].toLowerCase() : null,
    preNumber: m[5] ? Number(m[5]) : 0,
    dev: m[6] === '+',
  };
}

/** bench_runner's `metadata.commit_date` (`%cI`), if the run has one. */
export function commitDateOf(stats: RunStats): string | null {
  const entry = stats.metadata?.entries.find(([key]) => key === 'commit_date');
  return entry && typeof entry[1] === 'string' ? entry[1] : null;
}

/** 3.12 writes opcode numbers (`opcode[83].execution_count`), 3.13+ writes names. */
function hasNumericOpcodeKeys(stats: RunStats): boolean {
  return stats.keys.some((key) => /^opcode\[\d+\]/.test(key));
}

/**
 * Pick the style of the script that printed (or would print) this run's report.
 *
 * 1. 3.12: a 3.12 version, or numeric opcode keys.
 * 2. 3.14/3.15: any key only 3.14+ writes (mortal refcounts, GC reachability, unknown
 *    callee, JIT memory, GET_ITER specialization); 3.15 when the version says so. Without
 *    such keys (an empty run), a version of 3.15+, or 3.14 past alpha 1, decides.
 *    A "3.14.0a0" version alone is not enough: main carried that version from May 2024,
 *    while its data and script were still 3.13-shaped.
 * 3. Otherwise the 3.13 layout: a final 3.13.x version means the released script
 *    ('3.13'); a commit date before the typo fix, or, without a date, a 3.13 pre-release
 *    or 3.14.0a0/a1 version, means '3.13-early'; anything else '3.13'.
 */
export function chooseStyle(stats: RunStats, pythonVersion?: string | null): ReportStyle {
  const version = pythonVersion ? parsePythonVersion(pythonVersion) : null;
  if ((version && version.major === 3 && version.minor <= 12) || hasNumericOpcodeKeys(stats)) return '3.12';

  const keys = new Set(stats.keys);
  const newer = version !== null && (version.major > 3 || version.minor >= 15);
  if (KEYS_SINCE_3_14.some((key) => keys.has(key))) return newer ? '3.15' : '3.14';
  if (newer) return '3.15';
  if (version && version.minor === 14 && !(version.pre === 'a' && version.preNumber <= 1)) return '3.14';

  if (version && version.minor === 13 && version.pre === null) return '3.13';
  const date = commitDateOf(stats);
  if (date) return isOnOrAfter(date, TRACE_TOO_SHORT_TYPO_UNTIL) ? '3.13' : '3.13-early';
  if (version && (version.minor === 13 || version.minor === 14)) return '3.13-early';
  return '3.13';
}

/** The style of a comparison: the script is the head checkout's; both runs must suit it. */
export function chooseComparisonStyle(base: RunStats, head: RunStats, pythonVersion?: string | null): ReportStyle {
  const headStyle = chooseStyle(head, pythonVersion);
  const baseStyle = chooseStyle(base);
  if ((headStyle === '3.12') !== (baseStyle === '3.12')) {
    throw new ReportDataError(
      `cannot compare a ${baseStyle === '3.12' ? '3.12' : '3.13+'} run with a ${headStyle === '3.12' ? '3.12' : '3.13+'} run: ` +
        'their opcode keys differ (numbers vs names) and the real script refuses such a pair',
    );
  }
  return headStyle;
}

/** ISO-8601 timestamps with offsets compared as instants. */
function isOnOrAfter(date: string, threshold: string): boolean {
  const t = Date.parse(date);
  if (Number.isNaN(t)) throw new Error(`not an ISO date: ${JSON.stringify(date)}`);
  return t >= Date.parse(threshold);
}
