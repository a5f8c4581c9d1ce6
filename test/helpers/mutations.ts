/**
 * fast-check arbitraries that damage real input files the ways files get damaged: cut
 * short at every kind of boundary, bytes flipped or inserted, NUL, CR/CRLF line ends, a
 * BOM, re-encoded as UTF-16, keys repeated or full of odd characters, edge values.
 * A mutation is plain data (so a failing case prints and shrinks); `apply*` turns it into
 * bytes. Positions are free naturals taken modulo whatever the file offers at that point,
 * so every mutation applies to any file, after any earlier mutation.
 */
import fc from 'fast-check';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Values the reference and pystats may read differently: zero, 2^53 + 1, 2^64 - 1, 2^64, signs, Unicode. */
export const ODD_VALUES = [
  '0', '-0', '+7', '1_000', '_1', '1_', '1__0', '9007199254740993', '18446744073709551615',
  '18446744073709551616', '-1', '-18446744073709551615', ' 42 ', '\t42', '42\u00a0', '\u300042', '42\u0085',
  '\u000b42\u000c', '\u0663', '0x1f', '1e3', '1.0', '', 'abc', '4 2', '00000000000000000000000000012',
  '340282366920938463463374607431768211456',
];

/** Keys with characters that strip(), the uops rename, JSON and SQL might each treat differently. */
export const ODD_KEYS = [
  '', ' ', 'uops[', 'uops[ ', ' uops[X]', 'uops[X]', 'uops[_X]', 'opcode[LOAD_ATTR].execution_count',
  'opcode[LOAD_ATTR].execution_count\u00a0', '\u2003opcode[LOAD_ATTR].execution_count', '\ufeffkey', 'k\u2028ey',
  'key\u0085', '"quoted"', "it's", 'back\\slash', 'tab\tkey', '\u000bvt\u000c', '\u001ckey\u001f', 'ключ', '键',
  '🐍[x]', '__nfiles__', 'x'.repeat(300), 'a:b', 'k\re', 'k\ny', '%s%n', '\u0000',
];

/** Byte strings worth inserting: structure (':', line ends), signs, UTF-8 pieces good and bad. */
const INSERTS = [
  [0], [0x3a], [0x0a], [0x0d], [0x0d, 0x0a], [0x20], [0x5f], [0x2d], [0x2b], [0x22], [0x5c], [0x2c], [0x7d],
  [0xc3], [0x80], [0xff], [0xf0, 0x9f, 0x90, 0x8d], [0xc2, 0xa0], [0xc2, 0x85], [0xe3, 0x80, 0x80],
  [0xd9, 0xa3], [0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80],
];

const bytesToInsert = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...INSERTS) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }) },
);

const byteLevel = [
  fc.record({ op: fc.constant('flip' as const), pick: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), pick: fc.nat(), bytes: bytesToInsert }),
  fc.record({ op: fc.constant('bom' as const) }),
  fc.record({ op: fc.constant('utf16' as const), bigEndian: fc.boolean(), bom: fc.boolean() }),
];

// --- raw files --------------------------------------------------------------------------

export type RawMutation =
  | { op: 'truncate'; at: 'anywhere' | 'mid-key' | 'mid-value' | 'before-newline' | 'after-newline' | 'mid-crlf' | 'mid-utf8'; pick: number }
  | { op: 'flip'; pick: number; mask: number }
  | { op: 'insert'; pick: number; bytes: number[] }
  | { op: 'newlines'; style: 'crlf' | 'cr' | 'mixed'; pick: number }
  | { op: 'bom' }
  | { op: 'utf16'; bigEndian: boolean; bom: boolean }
  | { op: 'duplicate-line'; pick: number; to: number }
  | { op: 'key'; pick: number; key: string }
  | { op: 'value'; pick: number; value: string }
  | { op: 'empty' }
  | { op: 'only-newlines' };

const oddKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_KEYS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

export const rawMutation: fc.Arbitrary<RawMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    op: fc.constant('truncate' as const),
    at: fc.constantFrom('anywhere', 'mid-key', 'mid-value', 'before-newline', 'after-newline', 'mid-crlf', 'mid-utf8'),
    pick: fc.nat(),
  }) },
  ...byteLevel.map((arbitrary) => ({ weight: 2, arbitrary })),
  { weight: 2, arbitrary: fc.record({ op: fc.constant('newlines' as const), style: fc.constantFrom('crlf', 'cr', 'mixed'), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate-line' as const), pick: fc.nat(), to: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('key' as const), pick: fc.nat(), key: oddKey }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('value' as const), pick: fc.nat(), value: fc.constantFrom(...ODD_VALUES) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'empty' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'only-newlines' as const }) },
);

/** One line of a raw file: [start, end) is its text, `next` the next line's start, colon -1 when none. */
interface Line {
  start: number;
  colon: number;
  end: number;
  next: number;
}

function rawLines(buf: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let colon = -1;
  for (let i = 0; i <= buf.length; i++) {
    const c = buf[i];
    if (i === buf.length || c === 10 || c === 13) {
      if (i === buf.length && i === start) break;
      const next = c === 13 && buf[i + 1] === 10 ? i + 2 : Math.min(i + 1, buf.length);
      lines.push({ start, colon, end: i, next });
      start = next;
      colon = -1;
      i = next - 1;
    } else if (c === 58 && colon < 0) {
      colon = i;
    }
  }
  return lines;
}

function choose<T>(items: T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}

function splice(buf: Buffer, start: number, end: number, insert: Buffer | number[] = []): Buffer {
  return Buffer.concat([buf.subarray(0, start), Buffer.from(insert), buf.subarray(end)]);
}

export function applyRaw(buf: Buffer, m: RawMutation): Buffer {
  const lines = rawLines(buf);
  const keyed = lines.filter((l) => l.colon > l.start);
  switch (m.op) {
    case 'truncate': return truncateRaw(buf, lines, keyed, m.at, m.pick);
    case 'newlines': {
      const out: Buffer[] = [];
      lines.forEach((l, i) => {
        out.push(buf.subarray(l.start, l.end));
        if (l.next === l.end) return; // the last line, without an end
        const crlf = m.style === 'crlf' || (m.style === 'mixed' && i % 3 === m.pick % 3);
        out.push(Buffer.from(crlf ? '\r\n' : m.style === 'cr' ? '\r' : '\n'));
      });
      return Buffer.concat(out);
    }
    case 'duplicate-line': {
      const line = choose(lines, m.pick);
      const to = choose(lines, m.to);
      if (!line || !to) return buf;
      return splice(buf, to.next, to.next, buf.subarray(line.start, line.next));
    }
    case 'key': {
      const line = choose(keyed, m.pick);
      return line ? splice(buf, line.start, line.colon, utf8(m.key)) : buf;
    }
    case 'value': {
      const line = choose(keyed, m.pick);
      return line ? splice(buf, line.colon + 1, line.end, utf8(` ${m.value}`)) : buf;
    }
    case 'empty': return Buffer.alloc(0);
    case 'only-newlines': return Buffer.from('\n\r\n\n\r');
    default: return applyByteLevel(buf, m);
  }
}

function truncateRaw(buf: Buffer, lines: Line[], keyed: Line[], at: Extract<RawMutation, { op: 'truncate' }>['at'], pick: number): Buffer {
  const cut = (n: number) => buf.subarray(0, n);
  switch (at) {
    case 'anywhere': return cut(pick % (buf.length + 1));
    case 'mid-key': {
      const l = choose(keyed.filter((k) => k.colon - k.start >= 2), pick);
      return l ? cut(l.start + 1 + (pick % (l.colon - l.start - 1))) : buf;
    }
    case 'mid-value': {
      const l = choose(lines.filter((k) => k.colon >= 0 && k.end - k.colon >= 3), pick);
      return l ? cut(l.colon + 2 + (pick % (l.end - l.colon - 2))) : buf;
    }
    case 'before-newline': {
      const l = choose(lines, pick);
      return l ? cut(l.end) : buf;
    }
    case 'after-newline': {
      const l = choose(lines, pick);
      return l ? cut(l.next) : buf;
    }
    case 'mid-crlf': {
      const l = choose(lines.filter((k) => k.next - k.end === 2), pick);
      return l ? cut(l.end + 1) : buf;
    }
    case 'mid-utf8': {
      // A key gets a multi-byte character, and the file ends inside it.
      const l = choose(keyed, pick);
      if (!l) return buf;
      const ch = utf8(choose(['é', '€', '🐍'], pick)!);
      const at = l.start + (pick % (l.colon - l.start));
      return Buffer.concat([buf.subarray(0, at), ch.subarray(0, 1 + (pick % (ch.length - 1)))]);
    }
  }
}

function applyByteLevel(buf: Buffer, m: RawMutation | JsonMutation): Buffer {
  switch (m.op) {
    case 'flip': {
      if (buf.length === 0) return buf;
      const out = Buffer.from(buf);
      out[m.pick % out.length] ^= m.mask;
      return out;
    }
    case 'insert': {
      const at = m.pick % (buf.length + 1);
      return splice(buf, at, at, m.bytes);
    }
    case 'bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
    case 'utf16': {
      const le = Buffer.concat([m.bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(buf.toString('utf8'), 'utf16le')]);
      return m.bigEndian ? Buffer.from(le).swap16() : le;
    }
    default: throw new Error(`not a byte-level mutation: ${m.op}`);
  }
}

// --- summarize JSON ---------------------------------------------------------------------

export type JsonMutation =
  | { op: 'truncate'; at: 'anywhere' | 'mid-key' | 'mid-number'; pick: number }
  | { op: 'flip'; pick: number; mask: number }
  | { op: 'insert'; pick: number; bytes: number[] }
  | { op: 'bom' }
  | { op: 'utf16'; bigEndian: boolean; bom: boolean }
  | { op: 'line-ends'; crlf: boolean }
  | { op: 'value'; pick: number; value: string }
  | { op: 'duplicate-key'; pick: number; value: string }
  | { op: 'odd-key'; key: string; value: string }
  | { op: 'meta'; key: string; value: string };

/** JSON text for a counter: integers at the edges, and things that are not integers. */
export const JSON_VALUES = [
  '0', '-0', '9007199254740993', '18446744073709551615', '18446744073709551616', '-1', '2147483647',
  '2147483648', '1.0', '1e3', '1E+2', 'NaN', 'Infinity', 'true', 'null', '"5"', '[]', '{}', '00', '7',
];

/** Key spellings (JSON string contents, escapes included): NUL, lone surrogates, meta names. */
export const JSON_KEYS = [
  '\\u0000', '\\ud800', 'x\\udc00', '\\ud83d\\ude00', '\\"', '\\\\', '\\n', 'ключ', '\\u00a0key', ' ', '',
  '__nfiles__', '_defines', 'metadata', '123', '0', '__proto__', 'a:b', 'uops[X]', '\\u0041',
];

export const META_KEYS = ['_specialized_instructions', '_stats_defines', '_defines', 'metadata'];

/** Shapes for the meta blocks, right and wrong. */
export const META_VALUES = [
  '[]', '{}', '{"1": ["A"]}', '{"x": ["A"]}', '{"1": "A"}', '{"1": ["A"], "1": ["B"]}', 'null', '"text"',
  '[1, 2]', '["A", "B"]', '{"-1": []}', '{"1": [1]}',
];

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.constantFrom('anywhere', 'mid-key', 'mid-number'), pick: fc.nat() }) },
  ...byteLevel.map((arbitrary) => ({ weight: 1, arbitrary })),
  { weight: 1, arbitrary: fc.record({ op: fc.constant('line-ends' as const), crlf: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('value' as const), pick: fc.nat(), value: fc.constantFrom(...JSON_VALUES) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicate-key' as const), pick: fc.nat(), value: fc.constantFrom(...JSON_VALUES) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('odd-key' as const), key: fc.constantFrom(...JSON_KEYS), value: fc.constantFrom(...JSON_VALUES) }) },
  { weight: 2, arbitrary: fc.record({
    op: fc.constant('meta' as const),
    key: fc.constantFrom(...META_KEYS),
    value: fc.constantFrom(...META_VALUES),
  }) },
);

/** Where `"key": number` entries are: [key start, key end, number start, number end) byte offsets. */
function jsonEntries(buf: Buffer): Array<[number, number, number, number]> {
  const text = buf.toString('latin1'); // one char per byte: offsets are byte offsets
  const out: Array<[number, number, number, number]> = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*(-?[0-9][0-9.eE+-]*)/g)) {
    const keyStart = m.index + 1;
    const numStart = m.index + m[0].length - m[2].length;
    out.push([keyStart, keyStart + m[1].length, numStart, numStart + m[2].length]);
  }
  return out;
}

/** Just before the closing brace of the top-level object (the file's last '}'). */
function beforeLastBrace(buf: Buffer): number {
  const at = buf.lastIndexOf(0x7d);
  return at < 0 ? buf.length : at;
}

export function applyJson(buf: Buffer, m: JsonMutation): Buffer {
  const entries = () => jsonEntries(buf);
  switch (m.op) {
    case 'truncate': {
      if (m.at === 'anywhere') return buf.subarray(0, m.pick % (buf.length + 1));
      const e = choose(entries().filter(([ks, ke, ns, ne]) => (m.at === 'mid-key' ? ke - ks : ne - ns) >= 2), m.pick);
      if (!e) return buf;
      const [s, end] = m.at === 'mid-key' ? [e[0], e[1]] : [e[2], e[3]];
      return buf.subarray(0, s + 1 + (m.pick % (end - s - 1)));
    }
    case 'line-ends': {
      const text = buf.toString('latin1').replaceAll(', "', m.crlf ? ',\r\n"' : ',\r"');
      return Buffer.from(text, 'latin1');
    }
    case 'value': {
      const e = choose(entries(), m.pick);
      return e ? splice(buf, e[2], e[3], utf8(m.value)) : buf;
    }
    case 'duplicate-key': {
      const e = choose(entries(), m.pick);
      if (!e) return buf;
      const at = beforeLastBrace(buf);
      return splice(buf, at, at, Buffer.concat([utf8(', "'), buf.subarray(e[0], e[1]), utf8(`": ${m.value}`)]));
    }
    case 'odd-key': {
      const at = buf.indexOf(0x7b) + 1; // right after the top-level '{'
      return splice(buf, at, at, utf8(`"${m.key}": ${m.value}, `));
    }
    case 'meta': {
      const at = beforeLastBrace(buf);
      return splice(buf, at, at, utf8(`, "${m.key}": ${m.value}`));
    }
    default: return applyByteLevel(buf, m);
  }
}
