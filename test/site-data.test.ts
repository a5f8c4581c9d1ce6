/**
 * The site's run data keeps counters exact: packValues (base 36, runs of zeros) and
 * unpackValues give back every value, up to 128 bits (run counters are HUGEINT sums of
 * unsigned 64-bit counters), for any mix of zeros, small and huge values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packValues, unpackValues } from '../pipeline/site/report-data.js';

const MAX = (1n << 128n) - 1n;

describe('run data values', () => {
  it('round-trip exactly', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: MAX }), fc.bigInt({ min: 0n, max: 1000n }))), (xs) => {
      const back = unpackValues(packValues(xs.map(String).join(',')));
      expect(back).toEqual(xs);
    }), { numRuns: 5000 });
  });

  it('are shorter than decimal: base 36, a run of zeros as *N', () => {
    expect(packValues('0,0,116536320,0,18446744073709551615,1,0,0,0')).toBe('*2,1xds00,0,3w5e11264sgsf,1,*3');
  });
});
