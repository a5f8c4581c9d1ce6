/**
 * One raw /tmp/py_stats file (`key : value` lines) decoded the way summarize_stats.py's
 * loader reads it (docs/format.md §1.4):
 *  - lines end at \n, \r\n or \r (Python's universal newlines);
 *  - a line that does not split on ':' into exactly two parts is "unparsable": reported
 *    with its line number and skipped;
 *  - the `uops[X` → `uops[_X` rename runs on the unstripped key, then the key is stripped
 *    (Python's strip(): Unicode spaces too, see python-space.ts);
 *  - the value is a Python int() of ASCII digits: surrounding whitespace (Unicode spaces
 *    too), a sign, '_' between digits.
 * Values stay doubles while exact (< 2^53) and become BigInt beyond; a value that is not
 * an integer, is negative or exceeds 64 bits, and a key longer than MAX_KEY_BYTES, are
 * hard errors with the line number.
 */
import { isUtf8 } from 'node:buffer';
import type { KeyInterner } from './key-interner.js';
import { pythonStrip } from './python-space.js';
import { MAX_KEY_BYTES } from '../../schemas/run-stats.js';

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
/** An unparsable line is kept (and warned about) up to this many characters. */
const MAX_PROBLEM_TEXT = 200;
const UINT64_MAX = (1n << 64n) - 1n;
const SAFE = Number.MAX_SAFE_INTEGER;

export function decodeRawText(buf: Uint8Array, keys: KeyInterner, sink: CounterSink): RawFileSummary {
  checkText(buf);
  const n = buf.length;
  // CPython ends every line with a newline; a file that stops mid-line was cut short
  // (a killed process, a full disk) and its last value cannot be trusted. (The fast path
  // relies on this too: its digit loop stops at that last byte without a bounds check.)
  if (n > 0 && buf[n - 1] !== 10 && buf[n - 1] !== 13) {
    throw new RawFileError('truncated: the last line has no newline', lineAt(buf, n - 1));
  }
  const summary: RawFileSummary = { lineCount: 0, problemCount: 0, problems: [] };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let lineNo = 0;
  let prevId = -1;
  let p = 0;
  while (p < n) {
    lineNo++;
    // Fast path: the line is the predicted key's remembered prefix and plain digits.
    let id = keys.guessAfter(prevId);
    let next = fastLine(buf, view, p, keys, id, sink);
    if (next < 0) {
      // Where this file's benchmark orders keys differently, the other order's successor.
      id = keys.altGuessAfter(prevId);
      next = fastLine(buf, view, p, keys, id, sink);
      if (next >= 0) keys.learnSuccessor(prevId, id);
    }
    if (next >= 0) {
      prevId = id;
      p = next;
      continue;
    }
    prevId = slowLine(buf, view, p, lineNo, keys, prevId, sink, summary);
    p = nextLine(buf, p);
  }
  summary.lineCount = lineNo;
  return summary;
}

/**
 * When the line at p is key `id`'s remembered raw prefix followed by plain digits (at most
 * 15, so the value is exact) and the line end, adds the value and returns the next line's
 * offset; otherwise -1, having added nothing.
 */
function fastLine(buf: Uint8Array, view: DataView, p: number, keys: KeyInterner, id: number, sink: CounterSink): number {
  const n = buf.length;
  const prefix = keys.matchRawPrefix(id, view, p, n);
  if (prefix === 0) return -1;
  const q = p + prefix;
  // Most values have 1 to 3 digits: those and the line end fit in one 4-byte word, read
  // without a loop whose exit (a different digit count line after line) mispredicts.
  if (q + 4 <= n) {
    const word = view.getInt32(q, true) ^ ZERO_DIGITS;
    const count = leadingDigits(word);
    if (count === 0) return -1;
    if (count < 4) return endLine(buf, q + count, id, wordValue(word, count), sink);
  }
  let e = q;
  let v = 0;
  // No `e < n` test: the buffer's last byte is a line end, which stops the loop.
  for (let d = buf[e] - 48; d >= 0 && d <= 9; d = buf[++e] - 48) v = v * 10 + d;
  if (e === q || e - q > 15) return -1;
  return endLine(buf, e, id, v, sink);
}

/** When the value's digits end at a line end, adds it and returns the next line's offset; else -1. */
function endLine(buf: Uint8Array, e: number, id: number, v: number, sink: CounterSink): number {
  const c = buf[e];
  if (c !== 10 && c !== 13) return -1;
  sink.add(id, v);
  return c === 13 && buf[e + 1] === 10 ? e + 2 : e + 1;
}

/** XOR with this turns the ASCII digits of a little-endian word into byte values 0 to 9. */
const ZERO_DIGITS = 0x30303030;

/**
 * How many of the word's bytes, from the first, were digits (0 to 4), for a word already
 * XORed with ZERO_DIGITS. A byte above 9 gets its high bit set by adding 0x76 (or had it
 * already); a carry out of such a byte only disturbs the bytes after it.
 */
function leadingDigits(word: number): number {
  const nonDigits = ((word + 0x76767676) | word) & 0x80808080;
  if (nonDigits === 0) return 4;
  // The lowest set high bit: 7, 15, 23 or 31.
  return (31 - Math.clz32(nonDigits & -nonDigits)) >> 3;
}

/** The value of the first `count` (1 to 3) digit bytes of a word from leadingDigits. */
function wordValue(word: number, count: number): number {
  // Shift the digits to the top, the first digit leading: bytes 0, d0, d1, d2 (count 3).
  const x = word << (32 - 8 * count);
  // Pairs: byte 0 becomes 10 * byte 0 + byte 1 (d0), byte 2 becomes 10 * d1 + d2.
  const pairs = (Math.imul(x, 10) + (x >>> 8)) & 0x00ff00ff;
  return (pairs & 0xff) * 100 + (pairs >>> 16);
}

/**
 * Any line the fast path did not settle: find its end and colons, report it unparsable or
 * intern its key (remembering the raw prefix for next time) and read its value.
 * Returns the key id, or prevId for a skipped line.
 */
function slowLine(
  buf: Uint8Array, view: DataView, p: number, lineNo: number, keys: KeyInterner, prevId: number, sink: CounterSink,
  summary: RawFileSummary,
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
      summary.problems.push({ line: lineNo, text: clipped(utf8(buf, p, q).trim(), MAX_PROBLEM_TEXT) });
    }
    return prevId;
  }
  if (colon - p > MAX_KEY_BYTES) throw new RawFileError(`key of ${colon - p} bytes, longer than ${MAX_KEY_BYTES}`, lineNo);
  const id = keyId(buf, p, colon, keys, prevId);
  // The prefix takes in the spaces after the colon, so the fast path starts at the digits.
  let valueStart = colon + 1;
  while (valueStart < q && buf[valueStart] === 32) valueStart++;
  keys.rememberRawPrefix(id, view, p, valueStart);
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
  // uops[X without the underscore (checked on the unstripped key, as the reference does:
  // `key[5:6] != "_"` holds for a bare "uops[" too, which becomes "uops[_").
  const uopsRename = s === lineStart && e - s >= 5 && buf[s] === 0x75 && buf[s + 1] === 0x6f &&
    buf[s + 2] === 0x70 && buf[s + 3] === 0x73 && buf[s + 4] === 0x5b && buf[s + 5] !== 0x5f;
  let id: number;
  if (uopsRename) {
    id = keys.internString(pythonStrip('uops[_' + utf8(buf, s + 5, e)));
  } else if (s < e && (buf[s] >= 0x80 || buf[e - 1] >= 0x80)) {
    // A non-ASCII end may be a Unicode space, which Python's strip() removes as well.
    id = keys.internString(pythonStrip(utf8(buf, s, e)));
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
  if (s < e && (buf[s] >= 0x80 || buf[e - 1] >= 0x80)) {
    // int() strips Unicode spaces too: read what is left once they are gone.
    const text = Buffer.from(pythonStrip(utf8(buf, s, e)));
    if (text.length < e - s) return readValue(text, 0, text.length, id, sink, lineNo);
  }
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
      throw new RawFileError(`value ${JSON.stringify(shown(utf8(buf, start, end).trim()))} is not an integer`, lineNo);
    }
  }
  if (digits === 0 || lastUnderscore) {
    throw new RawFileError(`value ${JSON.stringify(shown(utf8(buf, start, end).trim()))} is not an integer`, lineNo);
  }
  if (negative && v !== 0) throw new RawFileError(`negative counter value -${shown(utf8(buf, s, e))}`, lineNo);
  if (v <= SAFE) {
    sink.add(id, v);
    return;
  }
  // Past 20 significant digits a value is past 2^64 whatever they are: say so without
  // BigInt, which takes seconds over a 10 MB run of digits.
  const text = utf8(buf, s, e).replaceAll('_', '').replace(/^0+/, '');
  const big = text.length <= 20 ? BigInt(text) : null;
  if (big === null || big > UINT64_MAX) {
    throw new RawFileError(`value ${shown(text)} does not fit in an unsigned 64-bit counter`, lineNo);
  }
  sink.addBig(id, big);
}

/** A value as an error shows it: a very long one cut, with its length. */
function shown(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 40)}… (${text.length} characters)`;
}

function clipped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Binary or non-UTF-8 content is refused up front: the reference would crash on it. */
function checkText(buf: Uint8Array): void {
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new RawFileError(`binary content (NUL byte at offset ${nul})`, lineAt(buf, nul));
  if (!isUtf8(buf)) throw new RawFileError('not valid UTF-8 text');
}

/** The line holding byte `offset`, lines ended as the decoder ends them (\n, \r\n or \r). */
function lineAt(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 10 || (buf[i] === 13 && buf[i + 1] !== 10)) line++;
  }
  return line;
}

/** Python's str.strip() whitespace, for the ASCII range. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
}

function utf8(buf: Uint8Array, s: number, e: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8');
}
