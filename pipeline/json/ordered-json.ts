/**
 * A JSON reader that keeps what JSON.parse loses and pystats needs:
 *  - object key order for integer-like keys (`_defines` is in first-appearance order,
 *    "17" before "9", and summarize_stats.py dumps it back that way);
 *  - integers beyond 2^53 (counters are uint64), returned as BigInt;
 *  - what Python's json makes of a repeated key (see object()).
 * Integers come back as bigint, other numbers as number. Errors carry line and column.
 */
import { jsonObject, type JsonObject, type JsonValue } from '../../schemas/run-stats.js';

export class JsonSyntaxError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`${reason} at line ${line}, column ${column}`);
  }
}

export function parseOrderedJson(text: string): JsonValue {
  const reader = new Reader(text);
  reader.skipSpace();
  const value = reader.value();
  reader.skipSpace();
  if (reader.pos !== text.length) reader.fail('unexpected text after the JSON value');
  return value;
}

const MAX_INT_DIGITS = 4300;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

  value(): JsonValue {
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.number();
  }

  /** A repeated key keeps its first place and takes its last value, as a Python dict does. */
  object(): JsonObject {
    const obj = jsonObject();
    const seen = new Map<string, number>();
    this.pos++; // {
    this.skipSpace();
    if (this.text[this.pos] === '}') { this.pos++; return obj; }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key');
      const key = this.string();
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      const value = this.value();
      const at = seen.get(key);
      if (at === undefined) {
        seen.set(key, obj.entries.length);
        obj.entries.push([key, value]);
      } else {
        obj.entries[at][1] = value;
      }
      this.skipSpace();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      this.expect('}');
      return obj;
    }
  }

  array(): JsonValue[] {
    const items: JsonValue[] = [];
    this.pos++; // [
    this.skipSpace();
    if (this.text[this.pos] === ']') { this.pos++; return items; }
    for (;;) {
      this.skipSpace();
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      this.expect(']');
      return items;
    }
  }

  string(): string {
    STRING.lastIndex = this.pos;
    const m = STRING.exec(this.text);
    if (!m) this.fail('malformed string');
    this.pos += m[0].length;
    const raw = m[0];
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  number(): bigint | number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(`unexpected character ${JSON.stringify(this.text[this.pos] ?? 'end of input')}`);
    const integer = m[1] === undefined && m[2] === undefined;
    // Python's json reads integers with int(), which refuses more than 4,300 digits (and
    // BigInt takes seconds over millions of them).
    const digits = m[0].length - (m[0][0] === '-' ? 1 : 0);
    if (integer && digits > MAX_INT_DIGITS) this.fail(`an integer of ${digits} digits (Python's json reads at most ${MAX_INT_DIGITS})`);
    this.pos += m[0].length;
    return integer ? BigInt(m[0]) : Number(m[0]);
  }

  literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('unexpected token');
    this.pos += word.length;
    return value;
  }

  expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(`expected '${c}'`);
    this.pos++;
  }

  skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  fail(message: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw new JsonSyntaxError(message, line, column);
  }
}
