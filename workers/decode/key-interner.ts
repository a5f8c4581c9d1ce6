/**
 * Interns counter keys straight from file bytes, without building a string per line.
 *
 * Consecutive pystats files print their keys in nearly the same order, so the key that
 * followed key K last time is the best guess for the key after K now: a byte compare
 * against that guess settles most lines. Misses fall back to an FNV-1a hash table over
 * the key bytes. Ids are local to one worker; the main thread maps them to store ids
 * from the `newKeys` each worker reports.
 */
const INITIAL_KEYS = 1 << 13;

export class KeyInterner {
  private readonly keyBytes = new ByteArena();
  private starts = new Int32Array(INITIAL_KEYS);
  private lengths = new Int32Array(INITIAL_KEYS);
  /** The guess for the key after key `id` is in slot id + 1; slot 0 guesses a file's first key. */
  private successor = new Int32Array(INITIAL_KEYS + 1).fill(-1);
  private table = new Int32Array(4 * INITIAL_KEYS).fill(-1);
  /** The line prefix (indent, key, spaces, colon) last seen for each key: the fast path. */
  private readonly rawPrefixes = new ByteArena();
  private rawStarts = new Int32Array(INITIAL_KEYS);
  private rawLengths = new Int32Array(INITIAL_KEYS);
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

  learnSuccessor(prev: number, id: number): void {
    this.successor[prev + 1] = id;
  }

  /**
   * When the line at `lineStart` begins with key `id`'s remembered raw prefix (which ends
   * with the line's only colon before the value), the prefix length; otherwise 0.
   */
  matchRawPrefix(id: number, buf: Uint8Array, view: DataView, lineStart: number): number {
    if (id < 0) return 0;
    const len = this.rawLengths[id];
    const end = lineStart + len;
    if (len === 0 || end > buf.length) return 0;
    const arena = this.rawPrefixes;
    let a = this.rawStarts[id];
    let i = lineStart;
    // Four bytes per compare: DataView reads compile to plain loads, and this loop is
    // most of the parse (a third faster than comparing byte by byte).
    for (; i + 4 <= end; i += 4, a += 4) if (arena.view.getInt32(a, true) !== view.getInt32(i, true)) return 0;
    for (; i < end; i++, a++) if (arena.bytes[a] !== buf[i]) return 0;
    return len;
  }

  /** Remembers buf[lineStart, afterColon) as key `id`'s raw prefix. */
  rememberRawPrefix(id: number, buf: Uint8Array, lineStart: number, afterColon: number): void {
    const len = afterColon - lineStart;
    if (this.rawLengths[id] === len && sameBytes(this.rawPrefixes.bytes, this.rawStarts[id], buf, lineStart, afterColon)) return;
    this.rawStarts[id] = this.rawPrefixes.append(buf, lineStart, afterColon);
    this.rawLengths[id] = len;
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
    this.rawStarts = grow(this.rawStarts, size, 0);
    this.rawLengths = grow(this.rawLengths, size, 0);
  }
}

/** Byte strings stored back to back in one growing buffer, addressed by offset. */
class ByteArena {
  bytes = new Uint8Array(1 << 18);
  /** The same bytes, for word-wide compares. */
  view = new DataView(this.bytes.buffer);
  private used = 0;

  /** Copies buf[start, end) in and returns its offset. */
  append(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (this.used + len > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + len));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
      this.view = new DataView(bigger.buffer);
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
