/**
 * The raw decoder's fast path guesses each line's key and compares the remembered raw
 * prefix word by word. A wrong guess must never be taken for a match, whichever byte
 * differs: these tests alter one key byte per line, at every offset, and check the
 * decoded counters against a plain split-on-colon reading of the same bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRawText } from '../workers/decode/raw-text.js';
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
});
