/**
 * The raw decoder's fast path guesses each line's key (the key that followed the previous
 * one last time, then the one before that), compares the remembered raw prefix 8 bytes at
 * a time and reads short values as one word. A wrong guess must never be taken for a
 * match, whichever byte differs, and no value may be misread: these tests alter one key
 * byte per line at every offset, alternate key orders, and write values of every width
 * and every line end, and check the counters against a plain split-on-colon reading.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRawText, RawFileError } from '../workers/decode/raw-text.js';
import { KeyInterner } from '../workers/decode/key-interner.js';
import { fromRoot } from '../pipeline/package-root.js';

const RAW_DIR = fromRoot('test', 'fixtures', 'cpython-3.13.5', 'raw-multi-coroutines');

function decode(keys: KeyInterner, names: string[], bytes: Buffer): Array<[string, number]> {
  const rows: Array<[number, number]> = [];
  decodeRawText(bytes, keys, { add: (id, v) => rows.push([id, v]), addBig: (id, v) => rows.push([id, Number(v)]) });
  // Ids are named by the keys drained after each file, in id order.
  names.push(...keys.drainNewKeys());
  return rows.map(([id, v]) => [names[id], v]);
}

/** What the reference loader reads: split on ':', strip both sides, int() the value. */
function plainReading(text: string): Array<[string, number]> {
  return text.split('\n').filter((l) => l.length > 0).map((line) => {
    const [key, value] = line.split(':');
    return [key.trim(), Number(value.trim())];
  });
}

/**
 * Every other line gets one key byte changed, at an offset that moves along the key from
 * line to line. The line before each changed one is unchanged, so the decoder predicts
 * the original key there and must see the difference.
 */
function alterKeyBytes(text: string): string {
  return text.split('\n').map((line, i) => {
    const colon = line.indexOf(':');
    if (i % 2 === 1 || colon <= 0) return line;
    const at = (i / 2) % colon;
    const changed = line[at] === 'Z' ? 'Y' : 'Z';
    return line.slice(0, at) + changed + line.slice(at + 1);
  }).join('\n');
}

describe('raw decoder fast path', () => {
  const file = join(RAW_DIR, readdirSync(RAW_DIR).sort()[0]);
  const text = readFileSync(file, 'latin1');

  it('reads a real file twice the same (second time through the predicted prefixes)', () => {
    const keys = new KeyInterner();
    const names: string[] = [];
    const first = decode(keys, names, Buffer.from(text, 'latin1'));
    const second = decode(keys, names, Buffer.from(text, 'latin1'));
    expect(first).toEqual(plainReading(text));
    expect(second).toEqual(first);
  });

  it('never takes a key that differs in one byte, at any offset, for the predicted one', () => {
    const keys = new KeyInterner();
    const names: string[] = [];
    decode(keys, names, Buffer.from(text, 'latin1'));
    const altered = alterKeyBytes(text);
    expect(altered).not.toEqual(text);
    expect(decode(keys, names, Buffer.from(altered, 'latin1'))).toEqual(plainReading(altered));
    // And back: the original keys after the altered ones were learned as successors.
    expect(decode(keys, names, Buffer.from(text, 'latin1'))).toEqual(plainReading(text));
  });

  it('reads two files whose key orders differ, alternately, through both guesses', () => {
    const lines = text.split('\n').filter((l) => l.length > 0);
    // The second order swaps neighbours throughout: every key has two successors.
    const swapped = lines.map((_, i) => lines[i % 2 === 0 ? Math.min(i + 1, lines.length - 1) : i - 1]);
    const other = [...new Set(swapped)].join('\n') + '\n';
    const keys = new KeyInterner();
    const names: string[] = [];
    for (const t of [text, other, text, other, text]) {
      expect(decode(keys, names, Buffer.from(t, 'latin1'))).toEqual(plainReading(t));
    }
  });

  it('reads values of every width, with every line end, the same the second time', () => {
    const keys = plainReading(text).map(([key]) => key);
    const widths = Array.from({ length: 20 }, (_, w) => w + 1);
    // Digits 1..20 wide (past 2^53 and 2^64 - 1 at the end), leading zeros, three line ends.
    const values = keys.map((_, i) => {
      const w = widths[i % widths.length];
      const digits = w > 19 ? '18446744073709551615' : String(BigInt(i) * 7919n ** BigInt(w)).padStart(w, '0').slice(-w);
      return i % 7 === 0 ? digits.replace(/^./, '0') : digits;
    });
    const ends = ['\n', '\r\n', '\r'];
    const body = keys.map((k, i) => `${k} : ${values[i]}${ends[i % 3]}`).join('');
    const expected = keys.map((k, i): [string, bigint] => [k, BigInt(values[i])]);
    const interner = new KeyInterner();
    const names: string[] = [];
    expect(decodeExact(interner, names, Buffer.from(body, 'latin1'))).toEqual(expected);
    expect(decodeExact(interner, names, Buffer.from(body, 'latin1'))).toEqual(expected);
  });

  it('still refuses a value with a stray character once its key is predicted', () => {
    const interner = new KeyInterner();
    const names: string[] = [];
    decode(interner, names, Buffer.from(text, 'latin1'));
    const [key] = plainReading(text)[3];
    for (const bad of ['12a', '1 2', '7.5', '0x1f', '-3']) {
      const altered = text.split('\n').map((l) => (l.split(':')[0].trim() === key ? `${key} : ${bad}` : l)).join('\n');
      expect(() => decode(interner, names, Buffer.from(altered, 'latin1')), bad).toThrow(RawFileError);
    }
  });
});

/** decode(), with every value as a BigInt (those past 2^53 arrive through addBig). */
function decodeExact(keys: KeyInterner, names: string[], bytes: Buffer): Array<[string, bigint]> {
  const rows: Array<[number, bigint]> = [];
  decodeRawText(bytes, keys, { add: (id, v) => rows.push([id, BigInt(v)]), addBig: (id, v) => rows.push([id, v]) });
  names.push(...keys.drainNewKeys());
  return rows.map(([id, v]) => [names[id], v]);
}
