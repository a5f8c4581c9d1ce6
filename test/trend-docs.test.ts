/** docs/trends.md documents the whole catalog: every metric, with its SQL file. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { METRICS } from '../pipeline/trend/metrics/catalog.js';
import { existsSync } from 'node:fs';

const doc = readFileSync(fromRoot('docs', 'trends.md'), 'utf8');
const catalogRows = doc.split('\n').filter((l) => l.startsWith('| `'));

describe('docs/trends.md metric catalog', () => {
  for (const m of METRICS) {
    it(`${m.id}: documented with its SQL file, which exists`, () => {
      const row = catalogRows.find((l) => l.startsWith(`| \`${m.id}`) && /[:[`]/.test(l.charAt(3 + m.id.length)));
      expect(row, `no catalog row for ${m.id}`).toBeDefined();
      expect(row).toContain(`\`${m.sqlFile}\``);
      expect(existsSync(fromRoot('pipeline', 'trend', 'metrics', m.sqlFile))).toBe(true);
    });
  }

  it('lists no metric the catalog does not have', () => {
    const ids = new Set(METRICS.map((m) => m.id));
    const documented = catalogRows.map((l) => /^\| `([a-z_.]+)/.exec(l)?.[1]).filter((x): x is string => x !== undefined && x !== '--expr');
    for (const id of documented) expect(ids.has(id), id).toBe(true);
  });
});
