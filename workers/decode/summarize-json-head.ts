/**
 * The fast path of a summarize_stats JSON: its counters come first, one per line, as
 * `json.dump(…, indent=2)` writes them (`  "KEY": DIGITS,`). Those lines are read straight
 * from the bytes (keys interned from the bytes, no string, no tree, no BigInt for short
 * values); the first line of any other shape (the `_specialized_instructions` list, an
 * escape in a key, a leading zero, a value past 2^64 - 1, other spacing…) ends the head,
 * and everything from it on goes through the full decoder (summarize-json.ts) as the
 * members of an object of its own. A repeated key keeps its first place and its last
 * value, as json.load does. Any failure of the tail is left to the caller, who decodes
 * the whole file again the slow way: its errors name the line and column in the file.
 */
import { MAX_KEY_BYTES } from '../../schemas/run-stats.js';
import type { KeyInterner } from './key-interner.js';

export interface CounterHead {
  /**
   * The head's keys and values are [0, count) of these: arrays reused file after file
   * (valid until the next scan), as arrays grown from empty for each file's ~420 keys were
   * most of a worker's garbage.
   */
  ids: number[];
  values: Array<number | bigint>;
  count: number;
  /** Where the tail starts (a line start), or -1 when the head ran to the closing brace. */
  tailStart: number;
  /**
   * Newlines in the bytes before the tail (every newline of the file when there is none):
   * counted as the lines are read, so the file's line count needs no second pass.
   */
  newlines: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const META = new Set(['_specialized_instructions', '_stats_defines', '_defines', 'metadata']);
const UINT64_MAX = (1n << 64n) - 1n;
const INT32_MAX = 2 ** 31 - 1;

const headIds: number[] = [];
const headValues: Array<number | bigint> = [];

/** The head of `bytes`, or null when the file does not open as `{` and a newline (the slow path takes it). */
export function scanCounterHead(bytes: Uint8Array, keys: KeyInterner): CounterHead | null {
  if (bytes.length < 2 || bytes[0] !== 0x7b || bytes[1] !== NEWLINE) return null;
  const head: CounterHead = { ids: headIds, values: headValues, count: 0, tailStart: -1, newlines: 1 };
  const place = freshPlaces();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = bytes.length;
  let prevId = -1;
  let pos = 2;
  for (;;) {
    const lineStart = pos;
    // Files of one CPython list their keys in the same order: the key after the previous
    // one last time, compared as the line's whole `  "KEY": ` prefix (the interner's
    // remembered bytes), settles most lines without reading the key (raw-text.ts does the same).
    let id = keys.guessAfter(prevId);
    let prefix = keys.matchRawPrefix(id, view, pos, n);
    if (prefix === 0) {
      id = keys.altGuessAfter(prevId);
      prefix = keys.matchRawPrefix(id, view, pos, n);
      if (prefix > 0) keys.learnSuccessor(prevId, id);
    }
    let p = pos + prefix;
    if (prefix === 0) {
      while (bytes[p] === SPACE) p++;
      if (bytes[p] !== QUOTE) return stop(head, lineStart);
      const keyStart = ++p;
      let b = bytes[p];
      while (b !== QUOTE && b >= SPACE && b < 0x7f && b !== BACKSLASH) b = bytes[++p];
      if (b !== QUOTE || p - keyStart > MAX_KEY_BYTES) return stop(head, lineStart);
      const keyEnd = p;
      if (keyEnd - keyStart <= 25 && META.has(latin1(bytes, keyStart, keyEnd))) return stop(head, lineStart);
      if (bytes[p + 1] !== 0x3a || bytes[p + 2] !== SPACE) return stop(head, lineStart);
      p += 3;
      id = keys.internBytes(bytes, keyStart, keyEnd);
      keys.learnSuccessor(prevId, id);
      keys.rememberRawPrefix(id, view, lineStart, p);
    }
    const digitsStart = p;
    while (bytes[p] >= 0x30 && bytes[p] <= 0x39) p++;
    const digits = p - digitsStart;
    if (digits === 0 || digits > 20 || (digits > 1 && bytes[digitsStart] === 0x30)) return stop(head, lineStart);
    let value: number | bigint;
    if (digits <= 15) {
      let v = 0;
      for (let i = digitsStart; i < p; i++) v = v * 10 + (bytes[i] - 0x30);
      value = v;
    } else {
      const big = BigInt(latin1(bytes, digitsStart, p));
      if (big > UINT64_MAX) return stop(head, lineStart);
      value = big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    const last = bytes[p] === NEWLINE;
    if (!last && !(bytes[p] === 0x2c && bytes[p + 1] === NEWLINE)) return stop(head, lineStart);
    const after = last ? newlinesAfterBrace(bytes, p + 1) : 0;
    if (after < 0) return stop(head, lineStart);
    // The run's file count (runs.n_files) must be one: the slow path says why it is not.
    if (Number(value) > INT32_MAX && id === keys.idOfString('__nfiles__')) return stop(head, lineStart);
    const at = place.get(id);
    if (at < 0) {
      place.set(id, head.count);
      head.ids[head.count] = id;
      head.values[head.count] = value;
      head.count++;
    } else {
      head.values[at] = value;
    }
    head.newlines++;
    if (last) {
      head.newlines += after;
      return head;
    }
    prevId = id;
    pos = p + 2;
  }
}

/**
 * Where each key of the file stands in its head: a key's slot is valid while its stamp is
 * this file's (one array for every file of the worker, no Map per file).
 */
class KeyPlaces {
  stamps = new Int32Array(0);
  slots = new Int32Array(0);
  stamp = 0;

  get(id: number): number {
    return id < this.stamps.length && this.stamps[id] === this.stamp ? this.slots[id] : -1;
  }

  set(id: number, slot: number): void {
    if (id >= this.stamps.length) {
      const size = Math.max(2 * this.stamps.length, id + 1024);
      const stamps = new Int32Array(size);
      stamps.set(this.stamps);
      const slots = new Int32Array(size);
      slots.set(this.slots);
      this.stamps = stamps;
      this.slots = slots;
    }
    this.stamps[id] = this.stamp;
    this.slots[id] = slot;
  }
}

const places = new KeyPlaces();

function freshPlaces(): KeyPlaces {
  places.stamp++;
  return places;
}

/** A head that stops at `lineStart`: the rest is the tail. */
function stop(head: CounterHead, lineStart: number): CounterHead | null {
  // Nothing read yet: the whole file is the slow path's.
  if (head.count === 0) return null;
  head.tailStart = lineStart;
  return head;
}

/** When the bytes from `from` are `}` then only whitespace to the end: the newlines in that whitespace; else -1. */
function newlinesAfterBrace(bytes: Uint8Array, from: number): number {
  let p = from;
  while (bytes[p] === SPACE) p++;
  if (bytes[p] !== 0x7d) return -1;
  let newlines = 0;
  for (p++; p < bytes.length; p++) {
    const b = bytes[p];
    if (b === NEWLINE) newlines++;
    else if (b !== SPACE && b !== 0x0d && b !== 0x09) return -1;
  }
  return newlines;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}
