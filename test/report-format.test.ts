/**
 * The exactness traps of summarize_stats.py's number formatting. Expected values are what
 * CPython prints for the same expressions (`format(a / b, ",.1%")`, `repr(a / b)`, …).
 */
import { describe, expect, it } from 'vitest';
import { Count, Doc, Ratio, diffRatio } from '../pipeline/report/cells.js';
import { divideToDouble, formatCount, formatFixed, formatFixedExact, formatPercent } from '../pipeline/report/format.js';

describe('formatFixed: round half to even on the exact double', () => {
  it.each([
    [0.25, '0.2'],
    [6.25, '6.2'],
    [12.5, '12.5'],
    [0.75, '0.8'],
    [2.5, '2.5'],
    // Not ties in binary: 0.35 is stored just below, 0.45 just above.
    [0.35, '0.3'],
    [0.45, '0.5'],
  ])('%s with one decimal is %s', (x, expected) => {
    expect(formatFixed(x, 1, true)).toBe(expected);
  });

  it('differs from toFixed on exact ties', () => {
    expect((0.25).toFixed(1)).toBe('0.3');
    expect(formatFixed(0.25, 1, false)).toBe('0.2');
    expect(formatFixed(10.125, 2, true)).toBe('10.12');
  });

  it('groups the integer part only when asked', () => {
    expect(formatFixed(1012.5, 1, true)).toBe('1,012.5');
    expect(formatFixed(1012.5, 1, false)).toBe('1012.5');
    expect(formatFixed(1234567.25, 1, true)).toBe('1,234,567.2');
  });

  it('takes the toFixed shortcut only where it agrees with exact rounding', () => {
    // Ratios as the report makes them, exact ties (k + 1/2 at the last decimal), their
    // neighbours one ulp away, and values from 1e-9 to 1e18 of both signs.
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const values: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const a = Math.floor(random() * 1e7);
      const b = 1 + Math.floor(random() * 1e7);
      values.push(a / b, (100 * a) / b, random() * 10 ** Math.floor(random() * 27 - 9));
      const d = i % 4;
      const tie = (Math.floor(random() * 1e5) + 0.5) / 10 ** d;
      values.push(tie, -tie, tie * (1 + Number.EPSILON), tie * (1 - Number.EPSILON));
    }
    for (const x of values) {
      for (const decimals of [0, 1, 2, 3]) {
        for (const grouping of [false, true]) {
          if (formatFixed(x, decimals, grouping) !== formatFixedExact(x, decimals, grouping)) {
            expect(formatFixed(x, decimals, grouping), `${x} with ${decimals} decimals`).toBe(formatFixedExact(x, decimals, grouping));
          }
        }
      }
    }
  });

  it('keeps the sign of values that round to zero', () => {
    expect(formatFixed(-0.001, 1, true)).toBe('-0.0');
    expect(formatFixed(-0, 1, true)).toBe('-0.0');
    expect(formatFixed(0, 1, true)).toBe('0.0');
  });
});

describe('Ratio cells', () => {
  it.each([
    [1n, 400n, '0.2%'],
    [1n, 16n, '6.2%'],
    [1n, 8n, '12.5%'],
    [81n, 8n, '1,012.5%'],
    [1n, 3n, '33.3%'],
    [2n, 3n, '66.7%'],
    [35n, 1000n, '3.5%'],
    [-1n, 100000n, '-0.0%'],
  ])('Ratio(%d, %d) prints %s', (num, den, expected) => {
    expect(new Ratio(num, den).markdown()).toBe(expected);
  });

  it('prints "n / 0 !!" for a non-zero numerator over zero, grouped', () => {
    expect(new Ratio(409600n, 0n).markdown()).toBe('409,600 / 0 !!');
    expect(new Ratio(-1234n, 0n).markdown()).toBe('-1,234 / 0 !!');
    expect(new Ratio(0n, 0n).markdown()).toBe('');
    expect(new Ratio(0n, 0n).toFloat()).toBe(0);
  });

  it('prints nothing without a denominator', () => {
    expect(new Ratio(5n, null).markdown()).toBe('');
  });

  it('divides counts above 2^53 correctly rounded before formatting', () => {
    // Python: format(a / b, ",.1%") == "0.2%", while float(a) / float(b) gives "0.3%".
    const a = 1152921504606847360n;
    const b = 461168601842738942227n;
    expect(Number(a) / Number(b)).toBe(0.0025000000000000005);
    expect(divideToDouble(a, b)).toBe(0.0025);
    expect(new Ratio(a, b).markdown()).toBe('0.2%');
  });
});

describe('divideToDouble matches Python int / int', () => {
  it.each([
    [960235898403069243325n, 60722605103562402541n, 15.813483245084543],
    [1011553778855594620971n, 174716673968781804420n, 5.789680835135049],
    [347849525057022391669n, 1032348431206756854645n, 0.3369497298992415],
    [958322939656212749881n, 340168556358736837759n, 2.817200243062969],
    [(1n << 64n) - 1n, 3n, 6148914691236517000],
    [10n, 4n, 2.5],
  ])('%d / %d', (a, b, expected) => {
    expect(divideToDouble(a, b)).toBe(expected);
  });

  it('handles signs like Python', () => {
    expect(divideToDouble(-7n, 2n)).toBe(-3.5);
    expect(Object.is(divideToDouble(0n, -5n), -0)).toBe(true);
    expect(() => divideToDouble(1n, 0n)).toThrow(RangeError);
  });
});

describe('Count and percent helpers', () => {
  it('groups counts by three, sign kept, BigInt exact', () => {
    expect(formatCount(0n)).toBe('0');
    expect(formatCount(999n)).toBe('999');
    expect(formatCount(1000n)).toBe('1,000');
    expect(formatCount(-1234n)).toBe('-1,234');
    expect(formatCount((1n << 64n) - 1n)).toBe('18,446,744,073,709,551,615');
    expect(new Count(1234567n).markdown()).toBe('1,234,567');
  });

  it('multiplies by 100 as a double before rounding', () => {
    // 0.035 * 100 is 3.5000000000000004 as a double: rounds to 3.5, not to even 3.4.
    expect(formatPercent(0.035, 1, true)).toBe('3.5%');
    expect(formatPercent(0.0625, 1, true)).toBe('6.2%');
  });
});

describe('DiffRatio and Doc', () => {
  it('is empty when a side is missing, and head-base over base otherwise', () => {
    expect(diffRatio('', new Count(5n)).markdown()).toBe('');
    expect(diffRatio(new Count(5n), '').toFloat()).toBe(0);
    expect(diffRatio(new Count(200n), new Count(100n)).markdown()).toBe('-50.0%');
    expect(diffRatio(new Count(100000n), new Count(99999n)).markdown()).toBe('-0.0%');
    // A zero base prints the head value over zero but sorts as 0.
    const fromZero = diffRatio(new Count(0n), new Count(7n));
    expect(fromZero.markdown()).toBe('7 / 0 !!');
    expect(fromZero.toFloat()).toBe(0);
  });

  it('renders the dedented tooltip template', () => {
    expect(new Doc('Basic', 'Some text.').markdown()).toBe('\nBasic\n<details>\n<summary>ⓘ</summary>\n\nSome text.\n</details>\n');
  });
});
