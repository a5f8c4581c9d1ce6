/**
 * Python's number formatting, reproduced exactly for the values summarize_stats.py prints:
 * `format(n, ",d")` for counts, `int / int` true division, and `format(x, ",.1%")` /
 * `format(x, ".1%")` / `format(x, ",.2f")` for ratios.
 *
 * Why not `toFixed` alone: JS rounds exact ties away from zero (0.25 → "0.3") while Python
 * rounds the exact binary value half-to-even (0.25 → "0.2"); formatFixed uses it only where
 * no tie is possible. Why not `Number(a) / Number(b)`:
 * counts above 2^53 lose bits on conversion, while Python's int division is correctly
 * rounded whatever the size of its operands.
 */

const TWO_53 = 1n << 53n;

/** Python `format(n, ",d")`: digits grouped by three with `,`, sign kept. */
export function formatCount(n: bigint): string {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString();
  return (negative ? '-' : '') + groupThousands(digits);
}

/** Insert `,` every three digits from the right of a string of decimal digits. */
export function groupThousands(digits: string): string {
  let out = '';
  const head = digits.length % 3;
  if (head > 0) out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) {
    out += (out ? ',' : '') + digits.slice(i, i + 3);
  }
  return out || '0';
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Python's `num / den` for ints: the double nearest to the exact quotient (ties to even).
 * The caller handles `den == 0` (Python raises ZeroDivisionError there).
 */
export function divideToDouble(num: bigint, den: bigint): number {
  if (den === 0n) throw new RangeError('division by zero');
  const negative = (num < 0n) !== (den < 0n);
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  if (a === 0n) return negative ? -0 : 0;
  // Both operands convert exactly, and IEEE division of exact operands is correctly rounded.
  if (a <= TWO_53 && b <= TWO_53) {
    const q = Number(a) / Number(b);
    return negative ? -q : q;
  }
  // Scale so the integer quotient carries 55–56 significant bits, then round it to 53
  // with the remainder as a sticky bit. The values here are far from the subnormal range.
  const shift = 55 - (bitLength(a) - bitLength(b));
  const scaledA = shift >= 0 ? a << BigInt(shift) : a;
  const scaledB = shift >= 0 ? b : b << BigInt(-shift);
  let q = scaledA / scaledB;
  const sticky = scaledA % scaledB !== 0n;
  const extra = bitLength(q) - 53;
  if (extra > 0) {
    const mask = (1n << BigInt(extra)) - 1n;
    const low = q & mask;
    const half = 1n << BigInt(extra - 1);
    q >>= BigInt(extra);
    if (low > half || (low === half && (sticky || (q & 1n) === 1n))) q += 1n;
  }
  const result = Number(q) * 2 ** (Math.max(extra, 0) - shift);
  return negative ? -result : result;
}

const doubleBits = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double as mantissa × 2^exponent (mantissa ≥ 0). */
function decompose(x: number): { negative: boolean; mantissa: bigint; exponent: number } {
  doubleBits.setFloat64(0, x);
  const bits = doubleBits.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { negative, mantissa: fraction, exponent: -1074 };
  return { negative, mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/**
 * Python `format(x, f".{decimals}f")`, with `,` grouping of the integer part when asked:
 * the exact binary value of `x` rounded half-to-even at the last shown decimal. The sign
 * is kept when the value rounds to zero (`-0.0`), as Python does.
 */
export function formatFixed(x: number, decimals: number, grouping: boolean): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format ${x} as a fixed-point number`);
  // toFixed rounds the exact value too, and differs only on exact ties. A tie means
  // x * 10^d = k + 1/2, so x = odd / (2^(d+1) * 5^d); a double is m / 2^j, so then
  // x * 2^(d+1) is an odd integer. Anything else has one nearest result, and toFixed
  // finds it (tens of times faster than the BigInt path below; a report formats
  // thousands of ratios). Zero goes the long way: toFixed drops the sign of -0.
  if (x !== 0 && Math.abs(x) < 1e21 && !isOddInteger(x * 2 ** (decimals + 1))) {
    const text = x.toFixed(decimals);
    if (!grouping) return text;
    const sign = text[0] === '-' ? '-' : '';
    const point = text.indexOf('.');
    const intDigits = text.slice(sign.length, point < 0 ? text.length : point);
    return sign + groupThousands(intDigits) + (point < 0 ? '' : text.slice(point));
  }
  return formatFixedExact(x, decimals, grouping);
}

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && y % 2 !== 0;
}

/** formatFixed by exact integer arithmetic on the double's mantissa and exponent. */
export function formatFixedExact(x: number, decimals: number, grouping: boolean): string {
  const { negative, mantissa, exponent } = decompose(x);
  const scale = 10n ** BigInt(decimals);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * scale;
  } else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    scaled = numerator / denominator;
    const twiceRemainder = (numerator % denominator) * 2n;
    if (twiceRemainder > denominator || (twiceRemainder === denominator && (scaled & 1n) === 1n)) scaled += 1n;
  }
  const intDigits = (scaled / scale).toString();
  const fraction = decimals > 0 ? '.' + (scaled % scale).toString().padStart(decimals, '0') : '';
  return (negative ? '-' : '') + (grouping ? groupThousands(intDigits) : intDigits) + fraction;
}

/** Python `format(x, ",.1%")` (grouping) or `format(x, ".1%")`: the double product x*100, then `f`. */
export function formatPercent(x: number, decimals: number, grouping: boolean): string {
  return formatFixed(x * 100, decimals, grouping) + '%';
}
