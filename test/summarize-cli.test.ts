/**
 * `pystats summarize` as a drop-in: the real script's stdout and --json-output, byte for
 * byte (the `Stats gathered on` date is an input), through the whole CLI and pipeline.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { CPY, SAMPLES, rawFixtureDirs } from './helpers/fixtures.js';
import { tempDir } from './helpers/store.js';

const CLI = fromRoot('dist', 'cli', 'main.js');

function summarize(args: string[]): string {
  return execFileSync(process.execPath, [CLI, 'summarize', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The report with its last line (the date the reference ran) replaced by ours. */
function withDate(expectedMd: string, date: string): string {
  return expectedMd.replace(/Stats gathered on: \d{4}-\d{2}-\d{2}\n$/, `Stats gathered on: ${date}\n`);
}

describe('pystats summarize on the real 3.13.5 raw directories', () => {
  for (const fx of rawFixtureDirs()) {
    it(`${fx.name}: stdout and --json-output equal the real script's`, () => {
      const json = join(tempDir(), 'out.json');
      const order = fx.orderFile ? ['--order', fx.orderFile] : [];
      const out = summarize([fx.dir, '--date', '2031-02-03', '--json-output', json, ...order]);
      expect(out).toBe(withDate(readFileSync(join(CPY, `${fx.name}.md`), 'utf8'), '2031-02-03'));
      expect(readFileSync(json, 'utf8')).toBe(readFileSync(fx.json, 'utf8'));
    });
  }
});

describe('pystats summarize on JSON inputs', () => {
  for (const fx of rawFixtureDirs()) {
    it(`${fx.name}.json gives the same report as its raw directory`, () => {
      const out = summarize([fx.json, '--date', '2031-02-03']);
      expect(out).toBe(withDate(readFileSync(join(CPY, `${fx.name}.md`), 'utf8'), '2031-02-03'));
    });
  }

  it('the samples: single report, tier-2 report and the base-vs-head comparison', () => {
    expect(summarize([join(SAMPLES, 'base-3.13.json'), '--date', '2025-01-01']))
      .toBe(readFileSync(join(SAMPLES, 'base-3.13.expected.md'), 'utf8'));
    expect(summarize([join(SAMPLES, 'tier2-3.13.json'), '--date', '2025-01-01']))
      .toBe(readFileSync(join(SAMPLES, 'tier2-3.13.expected.md'), 'utf8'));
    expect(summarize([join(SAMPLES, 'base-3.13.json'), join(SAMPLES, 'head-3.13.json'), '--date', '2025-01-01']))
      .toBe(readFileSync(join(SAMPLES, 'base-vs-head-3.13.expected.md'), 'utf8'));
  });

  it('samples/raw-3.13 (unparsable lines, empty file, uops[ rename) writes the JSON the script loaded', () => {
    const dir = tempDir();
    const order = join(dir, 'order.txt');
    writeFileSync(order, 'b.txt\nempty.txt\na.txt\n');
    const json = join(dir, 'out.json');
    const r = spawnSync(process.execPath, [CLI, 'summarize', join(SAMPLES, 'raw-3.13'), '--order', order,
      '--python-version', '3.13.0', '--json-output', json, '--date', '2025-01-01'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("a.txt:5: unparsable line 'A:B:3' skipped");
    expect(readFileSync(json, 'utf8')).toBe(readFileSync(join(SAMPLES, 'raw-3.13.loaded.json'), 'utf8'));
  });

  it('refuses --json-output with two inputs and a missing input, with one clear line', () => {
    const both = spawnSync(process.execPath, [CLI, 'summarize', join(SAMPLES, 'base-3.13.json'), join(SAMPLES, 'head-3.13.json'),
      '--json-output', join(tempDir(), 'x.json')], { encoding: 'utf8' });
    expect(both.status).toBe(1);
    expect(both.stderr).toBe('pystats: --json-output cannot be used when comparing two inputs\n');
    const missing = spawnSync(process.execPath, [CLI, 'summarize', '/nonexistent/py_stats'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('pystats: /nonexistent/py_stats: not a directory of raw stats nor a JSON file\n');
  });

  it('treats three inputs and a malformed --date as usage errors: the help, then one line, exit 2', () => {
    for (const [args, message] of [
      [['a', 'b', 'c'], 'summarize takes one input, or two to compare'],
      [[join(SAMPLES, 'base-3.13.json'), '--date', '2024-6-1'], '--date must be YYYY-MM-DD'],
    ] as const) {
      const r = spawnSync(process.execPath, [CLI, 'summarize', ...args], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^pystats summarize <inputs\.\.>\n/);
      expect(r.stderr.endsWith(`\n\npystats: ${message}\n`)).toBe(true);
      expect(r.stderr).not.toContain('internal error');
    }
  });
});
