/**
 * What a run should become, worked out from the input bytes alone, apart from the code
 * under test: the fuzz suite's oracle. Two layers:
 *  - the reference: summarize_stats.py's load_raw_data (CPython Tools/scripts), which reads
 *    each file in text mode (UTF-8, universal newlines), does `key, value = line.split(":")`
 *    (anything but two parts is an "Unparsable line", skipped), renames `uops[X` to
 *    `uops[_X` on the unstripped key, then `stats[key.strip()] += int(value)` and, after
 *    each file, `stats["__nfiles__"] += 1`; a JSON input is `json.load`, a dict whose
 *    repeated keys keep their first place and their last value;
 *  - the refusals pystats documents (README, ingest-bad-input tests), each failing the run
 *    with the file (and line) named: NUL bytes, invalid UTF-8, a last line without its
 *    newline, values that are not ASCII-digit integers (the reference crashes on most),
 *    negative values, values past 2^64 - 1; for JSON, counters that are not such integers,
 *    meta blocks of the wrong shape, keys that are not valid Unicode, a `__nfiles__` that
 *    is not a file count; and, for both, keys longer than 4,096 bytes.
 * Values are BigInt throughout.
 */

export type Counters = Array<[string, bigint]>;

export type RunVerdict =
  | { ok: true; counters: Counters; files: Array<{ lines: number; problems: number }> }
  | { ok: false; file: number; line: number | null; syntax?: boolean };

type FileVerdict =
  | { ok: true; rows: Counters; lines: number; problems: number }
  | { ok: false; line: number | null };

const UINT64_MAX = (1n << 64n) - 1n;
const MAX_KEY_BYTES = 4096;
const INT32_MAX = 2n ** 31n - 1n;

/**
 * Python's str.strip(): the characters str.isspace() accepts, written here as a regex of
 * ranges, independently of the decoder's table (workers/decode/python-space.ts), so that a
 * slip in one is caught by the other.
 */
const PY_SPACE_RUN = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
const PY_STRIP = new RegExp(`^${PY_SPACE_RUN}|${PY_SPACE_RUN}$`, 'g');

export function pyStrip(s: string): string {
  return s.replace(PY_STRIP, '');
}

/** Python's text-mode line iteration (newline=None): \r\n, \r and \n end a line. */
function pyLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      const end = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      lines.push(text.slice(start, i) + '\n');
      start = end;
      i = end - 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** The 1-based line that starts after `before`, lines ended as pyLines ends them. */
function lineAfter(before: string): number {
  return (before.match(/\r\n|\r|\n/g) ?? []).length + 1;
}

/** Python int(value) under pystats' rules: ASCII digits, a sign, single underscores between digits. */
function counterValue(text: string): bigint | null {
  const t = pyStrip(text);
  if (!/^[+-]?[0-9]+(_[0-9]+)*$/.test(t)) return null;
  const digits = t.replace(/^[+-]/, '').replaceAll('_', '').replace(/^0+(?=.)/, '');
  if (digits.length > 20) return null; // past 2^64 (and BigInt of 10 MB of digits takes seconds)
  const v = BigInt(t.replaceAll('_', ''));
  return v < 0n || v > UINT64_MAX ? null : v;
}

export function rawFileVerdict(bytes: Uint8Array): FileVerdict {
  let text: string;
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { ok: false, line: lineAfter(new TextDecoder('utf-8').decode(bytes.subarray(0, nul))) };
  }
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, line: null };
  }
  const lines = pyLines(text);
  if (text.length > 0 && !/[\r\n]$/.test(text)) return { ok: false, line: lines.length };
  const rows: Counters = [];
  let problems = 0;
  for (const [i, line] of lines.entries()) {
    const parts = line.split(':');
    if (parts.length !== 2) {
      problems++;
      continue;
    }
    let key = parts[0];
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) return { ok: false, line: i + 1 };
    if (key.startsWith('uops[') && key.slice(5, 6) !== '_') key = 'uops[_' + key.slice(5);
    const value = counterValue(parts[1]);
    if (value === null) return { ok: false, line: i + 1 };
    rows.push([pyStrip(key), value]);
  }
  return { ok: true, rows, lines: lines.length, problems };
}

/** A raw run: its files in visit order, summed as the reference's Counter does. */
export function rawRunVerdict(files: Uint8Array[]): RunVerdict {
  const sums = new Map<string, bigint>();
  const shape: Array<{ lines: number; problems: number }> = [];
  for (const [i, bytes] of files.entries()) {
    const v = rawFileVerdict(bytes);
    if (!v.ok) return { ok: false, file: i, line: v.line };
    for (const [k, value] of v.rows) sums.set(k, (sums.get(k) ?? 0n) + value);
    sums.set('__nfiles__', (sums.get('__nfiles__') ?? 0n) + 1n);
    shape.push({ lines: v.lines, problems: v.problems });
  }
  return { ok: true, counters: [...sums], files: shape };
}

// JSON: validity by the platform's strict JSON.parse (the grammar Python's json reads, less
// NaN and Infinity, which are not integers either way), then a second JSON.parse of the
// text with every number turned into a marked string and every key prefixed, so integers
// stay exact and integer-like keys keep their place.
const NUMBER_MARK = '\u0000\u0001N';
const KEY_MARK = '\u0000\u0001K';
const META = new Set(['_specialized_instructions', '_stats_defines', '_defines', 'metadata']);

export function jsonRunVerdict(bytes: Uint8Array): RunVerdict {
  const fail = (syntax = false): RunVerdict => ({ ok: false, file: 0, line: null, syntax });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail();
  }
  try {
    JSON.parse(text); // refuses a leading BOM, as Python's json does ("Unexpected UTF-8 BOM")
  } catch {
    return fail(true);
  }
  // Python's json reads integers with int(), which refuses more than 4,300 digits.
  let pastIntLimit = false;
  const marked = text.replace(
    /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
    (m, str: string | undefined, colon: string | undefined, num: string | undefined) => {
      if (str !== undefined) return colon ? `"${escapeMark(KEY_MARK)}${str.slice(1)}${colon}` : m;
      if (!/[.eE]/.test(num!) && num!.replace(/^-/, '').length > 4300) pastIntLimit = true;
      return `"${escapeMark(NUMBER_MARK)}${num}"`;
    },
  );
  if (pastIntLimit) return fail(true);
  const root = JSON.parse(marked) as unknown;
  if (!isObject(root)) return fail();
  const counters: Counters = [];
  for (const [markedKey, value] of Object.entries(root)) {
    const key = markedKey.slice(KEY_MARK.length);
    if (/\p{Surrogate}/u.test(key)) return fail(); // no UTF-8 for it; the reference crashes printing it
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) return fail();
    if (META.has(key)) {
      if (!metaShapeOk(key, value)) return fail();
      continue;
    }
    if (typeof value !== 'string' || !value.startsWith(NUMBER_MARK)) return fail();
    const num = value.slice(NUMBER_MARK.length);
    if (!/^-?\d{1,20}$/.test(num)) return fail(); // 21 digits and more: past 2^64 (JSON has no leading zeros)
    const v = BigInt(num);
    if (v < 0n || v > UINT64_MAX) return fail();
    if (key === '__nfiles__' && v > INT32_MAX) return fail();
    counters.push([key, v]);
  }
  return { ok: true, counters, files: [{ lines: -1, problems: 0 }] };
}

function escapeMark(mark: string): string {
  return [...mark].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringList(v: unknown): boolean {
  return Array.isArray(v) && v.every((s) => typeof s === 'string' && !s.startsWith(NUMBER_MARK));
}

/** The shapes pystats stores: a list of names, two int → names tables, an object. */
function metaShapeOk(key: string, value: unknown): boolean {
  if (key === '_specialized_instructions') return isStringList(value);
  if (key === 'metadata') return isObject(value);
  return isObject(value) && Object.entries(value).every(([k, names]) => /^-?\d+$/.test(k.slice(KEY_MARK.length)) && isStringList(names));
}
