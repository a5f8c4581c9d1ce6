/** bench_runner's header and links line around a report. */
import { describe, expect, it } from 'vitest';
import { renderBenchRunnerHeader } from '../pipeline/report/index.js';
import { urlQuote } from '../pipeline/report/bench-runner-header.js';

const header = {
  benchmark: 'all',
  fork: 'faster-cpython',
  ref: 'main',
  commitHash: 'c15f94d6fbc960790db3',
  commitDate: '2024-06-08T17:48:47+00:00',
};

describe('renderBenchRunnerHeader', () => {
  it('starts with a blank line, cuts the hash to 7 and ends with a blank line', () => {
    expect(renderBenchRunnerHeader(header)).toBe(
      '\n# Pystats results\n\n- benchmark: all\n- fork: faster-cpython\n- ref: main\n- commit hash: c15f94d\n- commit date: 2024-06-08T17:48:47+00:00\n\n',
    );
  });

  it('adds the links line with ", " after every link, the last one included', () => {
    const out = renderBenchRunnerHeader(header, { stem: 'bm-x-faster%2dcpython-3.13.0b2+-c15f94d-pystats', benchmarks: ['2to3', 'nbody'] });
    expect(out.endsWith(
      '\n\n- [2to3](bm-x-faster%252dcpython-3.13.0b2%2B-c15f94d-pystats-2to3.md), [nbody](bm-x-faster%252dcpython-3.13.0b2%2B-c15f94d-pystats-nbody.md), \n',
    )).toBe(true);
  });
});

describe('urlQuote is urllib.parse.quote(s, safe="/")', () => {
  it.each([
    ['a/b_c.d-e~f', 'a/b_c.d-e~f'],
    ['3.13.0b2+', '3.13.0b2%2B'],
    ['%2d', '%252d'],
    ['a b', 'a%20b'],
    ['é', '%C3%A9'],
  ])('%s → %s', (input, expected) => {
    expect(urlQuote(input)).toBe(expected);
  });
});
