/**
 * Python's str.strip() with no argument, which summarize_stats.py applies to keys and
 * int() applies to values: it removes every character str.isspace() accepts, Unicode
 * spaces included (NBSP, U+3000, U+0085…), and not U+FEFF (a BOM stays in the key).
 * The decoder strips ASCII spaces on bytes and calls this only when a key or value still
 * has a non-ASCII byte at one of its ends.
 */
const PYTHON_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export function pythonStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && PYTHON_SPACE.has(s.charCodeAt(a))) a++;
  while (b > a && PYTHON_SPACE.has(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}
