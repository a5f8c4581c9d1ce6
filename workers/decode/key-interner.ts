/**
 * Interns counter keys straight from file bytes, without building a string per line.
 *
 * Consecutive pystats files print their keys in nearly the same order, so the key that
 * followed key K last time is the best guess for the key after K now: a byte compare
 * against that guess settles most lines. A run mixes files of several benchmarks, whose
 * orders differ here and there, so the successor before that is kept as a second guess.
 * Misses fall back to an FNV-1a hash table over the key bytes. Ids are local to one
 * worker; the main thread maps them to store ids from the `newKeys` each worker reports.
 */
/**
 * Room for this many keys before the arrays grow. A growth replaces arrays the parse's
 * optimized code holds as constants, and V8 throws that code away and compiles it again
 * (on each worker, each time): an archive of 3.12-3.15 runs has 12,500 keys, which grew
 * the arrays past 8,192 once, its key bytes and prefixes too, and cost a third of the
 * workers' compile time.
 */
const INITIAL_KEYS = 1 << 15;
/** Room for the raw prefixes of INITIAL_KEYS keys of 64 bytes (see rememberRawPrefix). */
const INITIAL_PREFIX_WORDS = INITIAL_KEYS * 8;

export class KeyInterner {
  private readonly keyBytes = new ByteArena();
  private starts = new Int32Array(INITIAL_KEYS);
  private lengths = new Int32Array(INITIAL_KEYS);
  /** The guess for the key after key `id` is in slot id + 1; slot 0 guesses a file's first key. */
  private successor = new Int32Array(INITIAL_KEYS + 1).fill(-1);
  /** The successor `successor` replaced last, tried when the first guess misses. */
  private altSuccessor = new Int32Array(INITIAL_KEYS + 1).fill(-1);
  private table = new Int32Array(4 * INITIAL_KEYS).fill(-1);
  /**
   * The line prefix (indent, key, spaces, colon, spaces) last seen for each key, the fast
   * path's compare, stored as 8-byte words: see matchRawPrefix. A key keeps its slot of
   * rawCapacity words while its new prefixes fit, so the words stop growing after warm-up.
   */
  private prefixWords = new Float64Array(INITIAL_PREFIX_WORDS);
  private prefixWordsUsed = 0;
  private rawStarts = new Int32Array(INITIAL_KEYS);
  /** The prefix length in bytes; 0 while the key has none (never seen, or one too short). */
  private rawLengths = new Int32Array(INITIAL_KEYS);
  private rawCapacity = new Int32Array(INITIAL_KEYS);
  private count = 0;
  private readonly byString = new Map<string, number>();
  /** Keys first seen since the last drain, in id order. */
  private readonly pending: string[] = [];

  get size(): number {
    return this.count;
  }

  /** Keys added since the last call, so the main thread can learn their ids. */
  drainNewKeys(): string[] {
    return this.pending.splice(0);
  }

  /** The key expected after key `id` (-1: at a file's start). */
  guessAfter(id: number): number {
    return this.successor[id + 1];
  }

  /** The second guess after key `id`: the successor before the current one. */
  altGuessAfter(id: number): number {
    return this.altSuccessor[id + 1];
  }

  /** Key `id` followed key `prev`; the successor it replaces becomes the second guess. */
  learnSuccessor(prev: number, id: number): void {
    const replaced = this.successor[prev + 1];
    if (replaced === id) return;
    this.altSuccessor[prev + 1] = replaced;
    this.successor[prev + 1] = id;
  }

  /**
   * When the line at `lineStart` begins with key `id`'s remembered raw prefix (which holds
   * the line's only colon, followed by the spaces before the value), the prefix length;
   * otherwise 0.
   *
   * The compare goes 8 bytes at a time, as doubles: DataView reads compile to plain loads,
   * and this loop is the bulk of the parse. The last word is read ending at the prefix's end,
   * overlapping the one before, so no byte-by-byte tail is needed. Double equality is bit
   * equality except for NaN (never equal: a safe miss) and ±0, which rememberRawPrefix
   * refuses to store, so a match is always byte-exact.
   */
  matchRawPrefix(id: number, view: DataView, lineStart: number, viewLength: number): number {
    if (id < 0) return 0;
    const len = this.rawLengths[id];
    const lastWord = lineStart + len - 8;
    // The value and line end follow the prefix, so it must end before the buffer does.
    // (viewLength is passed in: view.byteLength is a builtin call, not inlined.)
    if (len === 0 || lastWord + 8 >= viewLength) return 0;
    const words = this.prefixWords;
    let w = this.rawStarts[id];
    let i = lineStart;
    // Two words per step: the loop's own checks cost about as much as the compares.
    for (; i + 8 < lastWord; i += 16, w += 2) {
      if (words[w] !== view.getFloat64(i, true) || words[w + 1] !== view.getFloat64(i + 8, true)) return 0;
    }
    if (i < lastWord) {
      if (words[w] !== view.getFloat64(i, true)) return 0;
      w++;
    }
    return words[w] === view.getFloat64(lastWord, true) ? len : 0;
  }

  /**
   * Remembers the bytes [lineStart, valueStart) of `view` as key `id`'s raw prefix, in the
   * word layout matchRawPrefix reads. A prefix under 8 bytes (no real pystats key is that
   * short) or holding a word that reads as ±0 (NUL bytes) is not remembered: that key's
   * lines take the slow path.
   */
  rememberRawPrefix(id: number, view: DataView, lineStart: number, valueStart: number): void {
    const len = valueStart - lineStart;
    this.rawLengths[id] = 0;
    if (len < 8) return;
    const count = (len + 7) >> 3;
    if (count > this.rawCapacity[id]) {
      this.rawStarts[id] = this.allocatePrefixWords(count);
      this.rawCapacity[id] = count;
    }
    const words = this.prefixWords;
    const start = this.rawStarts[id];
    const lastWord = valueStart - 8;
    let w = start;
    for (let i = lineStart; i < lastWord; i += 8) words[w++] = view.getFloat64(i, true);
    words[w] = view.getFloat64(lastWord, true);
    for (let k = start; k <= w; k++) if (words[k] === 0) return;
    this.rawLengths[id] = len;
  }

  private allocatePrefixWords(count: number): number {
    if (this.prefixWordsUsed + count > this.prefixWords.length) {
      const bigger = new Float64Array(Math.max(this.prefixWords.length * 2, this.prefixWordsUsed + count));
      bigger.set(this.prefixWords.subarray(0, this.prefixWordsUsed));
      this.prefixWords = bigger;
    }
    const start = this.prefixWordsUsed;
    this.prefixWordsUsed += count;
    return start;
  }

  /** True when key `id` is exactly the bytes buf[start, end). */
  matches(id: number, buf: Uint8Array, start: number, end: number): boolean {
    if (id < 0 || this.lengths[id] !== end - start) return false;
    return sameBytes(this.keyBytes.bytes, this.starts[id], buf, start, end);
  }

  /** The id of the key in buf[start, end) (UTF-8, already validated), adding it when new. */
  internBytes(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot];
      if (id < 0) break;
      if (this.matches(id, buf, start, end)) return id;
    }
    return this.add(utf8(buf, start, end), buf, start, end, h);
  }

  /** The id of `key` if it has one (never adds it). */
  idOfString(key: string): number | undefined {
    return this.byString.get(key);
  }

  /** The id of a key already decoded to a string (JSON input, renamed uops keys). */
  internString(key: string): number {
    const known = this.byString.get(key);
    if (known !== undefined) return known;
    const bytes = Buffer.from(key, 'utf8');
    return this.internBytes(bytes, 0, bytes.length);
  }

  private add(key: string, buf: Uint8Array, start: number, end: number, hash: number): number {
    const id = this.count++;
    this.growIds(this.count);
    this.byString.set(key, id);
    this.pending.push(key);
    const len = end - start;
    this.starts[id] = this.keyBytes.append(buf, start, end);
    this.lengths[id] = len;
    if (this.count * 2 > this.table.length) this.rehash();
    else this.place(id, hash);
    return id;
  }

  private place(id: number, hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] >= 0) slot = (slot + 1) & mask;
    this.table[slot] = id;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    for (let id = 0; id < this.count; id++) {
      let h = 0x811c9dc5;
      const s = this.starts[id];
      for (let i = s; i < s + this.lengths[id]; i++) h = Math.imul(h ^ this.keyBytes.bytes[i], 0x01000193);
      this.place(id, h);
    }
  }

  private growIds(n: number): void {
    if (n <= this.starts.length) return;
    const size = this.starts.length * 2;
    this.starts = grow(this.starts, size, 0);
    this.lengths = grow(this.lengths, size, 0);
    this.successor = grow(this.successor, size + 1, -1);
    this.altSuccessor = grow(this.altSuccessor, size + 1, -1);
    this.rawStarts = grow(this.rawStarts, size, 0);
    this.rawLengths = grow(this.rawLengths, size, 0);
    this.rawCapacity = grow(this.rawCapacity, size, 0);
  }
}

/** Byte strings stored back to back in one growing buffer, addressed by offset. */
class ByteArena {
  bytes = new Uint8Array(INITIAL_KEYS * 64);
  private used = 0;

  /** Copies buf[start, end) in and returns its offset. */
  append(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (this.used + len > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + len));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.bytes.set(buf.subarray(start, end), this.used);
    const offset = this.used;
    this.used += len;
    return offset;
  }
}

/** True when arena[a, a + end - start) holds the bytes buf[start, end). */
function sameBytes(arena: Uint8Array, a: number, buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++, a++) if (arena[a] !== buf[i]) return false;
  return true;
}

function grow(a: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size).fill(fill);
  b.set(a);
  return b;
}

function utf8(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
}
