/**
 * JSON text exactly as CPython's `json.dump` writes it: summarize_stats.py uses the
 * defaults (", " and ": ", ASCII only, no newline at the end); bench_runner rewrites
 * the file with `indent=2`. Integers are BigInt so 64-bit counters stay exact.
 */
import { isJsonObject, type JsonValue } from '../../schemas/run-stats.js';

export function pythonJsonDumps(value: JsonValue, indent?: number): string {
  const parts: string[] = [];
  write(value, indent ?? null, 0, parts);
  return parts.join('');
}

function write(value: JsonValue, indent: number | null, depth: number, out: string[]): void {
  if (value === null) out.push('null');
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'bigint') out.push(value.toString());
  else if (typeof value === 'number') out.push(pythonFloatRepr(value));
  else if (typeof value === 'string') out.push(pythonString(value));
  else if (Array.isArray(value)) writeItems(value.map((v) => [null, v]), '[', ']', indent, depth, out);
  else if (isJsonObject(value)) writeItems(value.entries, '{', '}', indent, depth, out);
}

function writeItems(
  items: Array<[string | null, JsonValue]>, open: string, close: string,
  indent: number | null, depth: number, out: string[],
): void {
  if (items.length === 0) { out.push(open, close); return; }
  const inner = indent === null ? '' : '\n' + ' '.repeat(indent * (depth + 1));
  const outer = indent === null ? '' : '\n' + ' '.repeat(indent * depth);
  const sep = indent === null ? ', ' : ',';
  out.push(open);
  items.forEach(([key, v], i) => {
    if (i > 0) out.push(sep);
    out.push(inner);
    if (key !== null) out.push(pythonString(key), ': ');
    write(v, indent, depth + 1, out);
  });
  out.push(outer, close);
}

/** Printable ASCII but `"` and `\`: what most keys are, written as they are. */
const NOTHING_TO_ESCAPE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Python's ensure_ascii string escaping: everything outside ' '..'~' is escaped. */
export function pythonString(s: string): string {
  // One regex test instead of a loop over the characters: a summarize's JSON has a few
  // thousand strings, written once by code that has not been optimized yet.
  if (NOTHING_TO_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else out += '\\u' + c.toString(16).padStart(4, '0');
  }
  return out + '"';
}

function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const s = String(x);
  return /[.eE]/.test(s) ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s + '.0';
}
