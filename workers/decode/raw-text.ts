/**
 * One raw /tmp/py_stats file (`key : value` lines) decoded the way summarize_stats.py's
 * loader reads it (docs/pystats-format.md §1.4):
 *  - lines end at \n, \r\n or \r (Python's universal newlines);
 *  - a line that does not split on ':' into exactly two parts is "unparsable": reported
 *    with its line number and skipped;
 *  - the `uops[X` → `uops[_X` rename runs on the unstripped key, then the key is stripped;
 *  - the value is a Python int(): surrounding whitespace, a sign, '_' between digits.
 * Values stay doubles while exact (< 2^53) and become BigInt beyond; a value that is not
 * an integer, is negative or exceeds 64 bits is a hard error with the line number.
 */
import { isUtf8 } from 'node:buffer';
import type { KeyInterner } from './key-interner.js';

/** Where decoded counters go: one row per line (per-file mode) or running sums. */
export interface CounterSink {
  add(keyId: number, value: number): void;
  addBig(keyId: number, value: bigint): void;
}

export interface RawFileSummary {
  lineCount: number;
  problemCount: number;
  /** The first MAX_KEPT_PROBLEMS unparsable lines, as the reference prints them. */
  problems: Array<{ line: number; text: string }>;
}

export class RawFileError extends Error {
  constructor(message: string, readonly line: number | null = null) {
    super(message);
  }
}

export const MAX_KEPT_PROBLEMS = 100;
const UINT64_MAX = (1n << 64n) - 1n;
const SAFE = Number.MAX_SAFE_INTEGER;

export function decodeRawText(buf: Uint8Array, keys: KeyInterner, sink: CounterSink): RawFileSummary {
  checkText(buf);
  const n = buf.length;
  // CPython ends every line with a newline; a file that stops mid-line was cut short
  // (a killed process, a full disk) and its last value cannot be trusted.
  if (n > 0 && buf[n - 1] !== 10 && buf[n - 1] !== 13) {
    throw new RawFileError('truncated: the last line has no newline', lineAt(buf, n - 1));
  }
  const summary: RawFileSummary = { lineCount: 0, problemCount: 0, problems: [] };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let prevId = -1;
  let p = 0;
  while (p < n) {
    const lineNo = ++summary.lineCount;
    // Fast path: the line starts with the predicted key's remembered prefix (indent, key,
    // spacing and the colon), and the value is plain digits up to the line end.
    const guess = keys.guessAfter(prevId);
    const prefix = keys.matchRawPrefix(guess, buf, view, p);
    if (prefix > 0) {
      let q = p + prefix;
      while (q < n && buf[q] === 32) q++;
      let v = 0;
      const digitsStart = q;
      for (let d = buf[q] - 48; q < n && d >= 0 && d <= 9; d = buf[++q] - 48) v = v * 10 + d;
      const c = buf[q];
      if (q > digitsStart && q - digitsStart < 16 && (c === 10 || c === 13)) {
        sink.add(guess, v);
        prevId = guess;
        p = c === 13 && buf[q + 1] === 10 ? q + 2 : q + 1;
        continue;
      }
    }
    prevId = slowLine(buf, p, lineNo, keys, prevId, sink, summary);
    p = nextLine(buf, p);
  }
  return summary;
}

/**
 * Any line the fast path did not settle: find its end and colons, report it unparsable or
 * intern its key (remembering the raw prefix for next time) and read its value.
 * Returns the key id, or prevId for a skipped line.
 */
function slowLine(
  buf: Uint8Array, p: number, lineNo: number, keys: KeyInterner, prevId: number, sink: CounterSink, summary: RawFileSummary,
): number {
  const n = buf.length;
  let colon = -1;
  let extraColon = false;
  let q = p;
  for (; q < n; q++) {
    const ch = buf[q];
    if (ch === 10 || ch === 13) break;
    if (ch === 58) {
      if (colon < 0) colon = q;
      else extraColon = true;
    }
  }
  if (colon < 0 || extraColon) {
    summary.problemCount++;
    if (summary.problems.length < MAX_KEPT_PROBLEMS) {
      summary.problems.push({ line: lineNo, text: utf8(buf, p, q).trim() });
    }
    return prevId;
  }
  const id = keyId(buf, p, colon, keys, prevId);
  keys.rememberRawPrefix(id, buf, p, colon + 1);
  readValue(buf, colon + 1, q, id, sink, lineNo);
  return id;
}

/** The offset after the line starting at p (its \n, \r\n or \r). */
function nextLine(buf: Uint8Array, p: number): number {
  const n = buf.length;
  let q = p;
  while (q < n && buf[q] !== 10 && buf[q] !== 13) q++;
  return q < n && buf[q] === 13 && buf[q + 1] === 10 ? q + 2 : q + 1;
}

function keyId(buf: Uint8Array, lineStart: number, colon: number, keys: KeyInterner, prevId: number): number {
  let s = lineStart;
  let e = colon;
  while (s < e && isSpace(buf[s])) s++;
  while (e > s && isSpace(buf[e - 1])) e--;
  // uops[X without the underscore (checked on the unstripped key, as the reference does).
  const uopsRename = s === lineStart && e - s > 5 && buf[s] === 0x75 && buf[s + 1] === 0x6f &&
    buf[s + 2] === 0x70 && buf[s + 3] === 0x73 && buf[s + 4] === 0x5b && buf[s + 5] !== 0x5f;
  let id: number;
  if (uopsRename) {
    id = keys.internString('uops[_' + utf8(buf, s + 5, e));
  } else {
    const guess = keys.guessAfter(prevId);
    id = keys.matches(guess, buf, s, e) ? guess : keys.internBytes(buf, s, e);
  }
  keys.learnSuccessor(prevId, id);
  return id;
}

function readValue(buf: Uint8Array, start: number, end: number, id: number, sink: CounterSink, lineNo: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(buf[s])) s++;
  while (e > s && isSpace(buf[e - 1])) e--;
  let negative = false;
  if (s < e && (buf[s] === 0x2b || buf[s] === 0x2d)) {
    negative = buf[s] === 0x2d;
    s++;
  }
  let v = 0;
  let digits = 0;
  let lastUnderscore = false;
  for (let i = s; i < e; i++) {
    const d = buf[i] - 48;
    if (d >= 0 && d <= 9) {
      v = v * 10 + d;
      digits++;
      lastUnderscore = false;
    } else if (buf[i] === 0x5f && digits > 0 && !lastUnderscore) {
      lastUnderscore = true; // Python int() allows single underscores between digits
    } else {
      throw new RawFileError(`value ${JSON.stringify(utf8(buf, start, end).trim())} is not an integer`, lineNo);
    }
  }
  if (digits === 0 || lastUnderscore) {
    throw new RawFileError(`value ${JSON.stringify(utf8(buf, start, end).trim())} is not an integer`, lineNo);
  }
  if (negative && v !== 0) throw new RawFileError(`negative counter value -${utf8(buf, s, e)}`, lineNo);
  if (v <= SAFE) {
    sink.add(id, v);
    return;
  }
  const big = BigInt(utf8(buf, s, e).replaceAll('_', ''));
  if (big > UINT64_MAX) throw new RawFileError(`value ${big} does not fit in an unsigned 64-bit counter`, lineNo);
  sink.addBig(id, big);
}

/** Binary or non-UTF-8 content is refused up front: the reference would crash on it. */
function checkText(buf: Uint8Array): void {
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new RawFileError(`binary content (NUL byte at offset ${nul})`, lineAt(buf, nul));
  if (!isUtf8(buf)) throw new RawFileError('not valid UTF-8 text');
}

function lineAt(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 10) line++;
  return line;
}

/** Python's str.strip() whitespace, for the ASCII range. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
}

function utf8(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
}
