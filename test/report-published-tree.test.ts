/**
 * The published reports as a user meets them: `pystats ingest` of a bench_runner results
 * tree, then `pystats report RUN [--base BASE]` with no other flag than the date (the
 * published file's last line), must print the published file byte for byte; and
 * `pystats summarize JSON` must print the same report without bench_runner's header.
 *
 * The tree is the published fixture tree (test/fixtures/published, real files) copied to a
 * temporary directory. In 2024 bench_runner published each aggregated run's per-benchmark
 * reports beside it as `…-pystats-<bench>.md` files, without their JSON: the links line of
 * the aggregated report comes from those file names only. Their bodies (about 100 KB
 * each, 80–90 per run) are not held here; the test lays out empty files under the names
 * of the published run's links line, so the tree has the shape of the published folder.
 * (The names in the published folders' listings match the links lines.)
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CPY, PUBLISHED, publishedSets } from './helpers/fixtures.js';
import { ok, pystats } from './helpers/lake.js';
import { tempDir } from './helpers/store.js';

const sets = publishedSets();

/**
 * A published report too large to copy whole (377 K characters): excerpts read from it,
 * with their character offsets and its total length (EXCERPTS.tsv). It is the one
 * published report of early-3.13 data that counts 'Object new values' (2024-03-29).
 */
interface Excerpt { path: string; totalChars: number; offset: number; text: string }
const EXCERPTS: Excerpt[] = readFileSync(join(PUBLISHED, 'EXCERPTS.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((line) => line.split('\t'))
  .map((c) => ({ path: c[1], totalChars: Number(c[3]), offset: Number(c[4]), text: readFileSync(join(PUBLISHED, c[5]), 'utf8') }));
const EARLY = EXCERPTS[0];
let tree = '';
let db = '';
const runOf = new Map<string, string>();

/** The date the published report was printed (its last line): the one input besides the run. */
function gatheredOn(md: string): string {
  return /Stats gathered on: (\d{4}-\d{2}-\d{2})\n$/.exec(md)![1];
}

function linksLine(md: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith('- [') && l.endsWith(', '));
  return line ? [...line.matchAll(/\[([^\]]+)\]\(/g)].map((m) => m[1]) : [];
}

beforeAll(() => {
  tree = join(tempDir('pystats-tree-'), 'published');
  cpSync(PUBLISHED, tree, { recursive: true });
  for (const pair of sets.pairs) {
    const stem = basename(pair.json, '.json');
    const dir = dirname(join(tree, pair.json));
    for (const bench of linksLine(readFileSync(join(PUBLISHED, pair.md), 'utf8'))) {
      writeFileSync(join(dir, `${stem}-${bench}.md`), '');
    }
  }
  // The 2024-03-29 run, held as excerpts: its siblings as listed in excerpts/.
  const dir = join(tree, 'benchmarking-public', dirname(EARLY.path));
  for (const bench of readFileSync(join(PUBLISHED, 'excerpts', 'bfc57d4-siblings.list'), 'utf8').split('\n').filter(Boolean)) {
    writeFileSync(join(dir, `${basename(EARLY.path, '.md')}-${bench}.md`), '');
  }
  db = join(tempDir('pystats-tree-db-'), 'store.duckdb');
  ok('ingest', tree, '--db', db, '--quiet');
  const runs = JSON.parse(ok('runs', '--db', db, '--format', 'json')) as Array<Record<string, unknown>>;
  for (const r of runs) runOf.set(String(r.source_path ?? r.sourcePath), String(r.run_id ?? r.runId));
}, 120_000);

const runId = (rel: string) => {
  const id = runOf.get(join(tree, rel));
  expect(id, `no run ingested from ${rel}`).toBeDefined();
  return id!;
};

describe('ingest of the published tree, then report RUN', () => {
  for (const pair of sets.pairs) {
    it(basename(pair.md), () => {
      const md = readFileSync(join(PUBLISHED, pair.md), 'utf8');
      expect(ok('report', runId(pair.json), '--db', db, '--date', gatheredOn(md))).toBe(md);
    });
  }
});

describe('ingest of the published tree, then report HEAD --base BASE', () => {
  for (const c of sets.comparisons) {
    it(basename(c.report), () => {
      const md = readFileSync(join(PUBLISHED, c.report), 'utf8');
      expect(ok('report', runId(c.head_json), '--base', runId(c.base_json), '--db', db, '--date', gatheredOn(md))).toBe(md);
    });
  }
});

describe('the early-3.13 object stats (2024-03-29, "Object new values"), from excerpts', () => {
  const json = join('benchmarking-public', EARLY.path.replace(/\.md$/, '.json'));
  const date = /Stats gathered on: (\d{4}-\d{2}-\d{2})\n$/.exec(EXCERPTS.at(-1)!.text)![1];

  it('ingest of the tree + report RUN has the published length and every excerpt at its offset', () => {
    const out = ok('report', runId(json), '--db', db, '--date', date);
    // Lengths in characters, as the excerpts' offsets (the report has non-ASCII 'ⓘ').
    expect(out.length).toBe(EARLY.totalChars);
    for (const e of EXCERPTS) expect(out.slice(e.offset, e.offset + e.text.length)).toBe(e.text);
    expect(out).not.toContain('/ 0 !!');
  });

  it('summarize of its JSON prints the same report without the header', () => {
    const out = ok('summarize', join(PUBLISHED, json), '--date', date);
    const head = EXCERPTS[0].text.length;
    expect(out.length).toBe(EARLY.totalChars - head);
    for (const e of EXCERPTS.slice(1)) expect(out.slice(e.offset - head, e.offset - head + e.text.length)).toBe(e.text);
  });
});

describe('summarize of each published JSON', () => {
  for (const pair of sets.pairs) {
    it(basename(pair.json), () => {
      const md = readFileSync(join(PUBLISHED, pair.md), 'utf8');
      const body = md.slice(md.indexOf('\n## ') + 1);
      expect(ok('summarize', join(PUBLISHED, pair.json), '--date', gatheredOn(md))).toBe(body);
    });
  }
});

it('the tree has the sibling reports the links lines name', () => {
  const dirs = new Set(sets.pairs.map((p) => dirname(join(tree, p.json))));
  const siblings = [...dirs].flatMap((d) => readdirSync(d).filter((f) => /-pystats-[^.]+\.md$/.test(f) && !f.endsWith('-vs-base.md')));
  expect(siblings.length).toBeGreaterThan(400);
});

describe('--style takes its documented values (strings, never numbers)', () => {
  it('report RUN --style 3.13 and --style 3.13-early on a published early-3.13 run', () => {
    const pair = sets.pairs.find((p) => p.json.includes('acf69e0-PYTHON_UOPS'))!;
    const md = readFileSync(join(PUBLISHED, pair.md), 'utf8');
    const date = gatheredOn(md);
    expect(ok('report', runId(pair.json), '--db', db, '--date', date, '--style', '3.13-early')).toBe(md);
    // The released 3.13 script fixed the "abandoced" typo: the only difference.
    const released = ok('report', runId(pair.json), '--db', db, '--date', date, '--style', '3.13');
    expect(released).not.toBe(md);
    expect(released.replace('abandoned because it it too short', 'abandoced because it it too short')).toBe(md);
  });

  it.each(['3.12', '3.13', '3.14', '3.15'])('summarize --style %s is accepted', (style) => {
    const r = pystats('summarize', join(CPY, 'single-floats.json'), '--date', '2025-01-01', '--style', style);
    expect(r.stderr).not.toMatch(/Invalid values|Choices/);
    if (style === '3.13') expect(r.stdout).toBe(readFileSync(join(CPY, 'single-floats.md'), 'utf8').replace(/\d{4}-\d{2}-\d{2}\n$/, '2025-01-01\n'));
  });
});

it('a run stored before its tree was ingested gets its links line when the tree comes', () => {
  const pair = sets.pairs.find((p) => p.json.includes('c15f94d'))!;
  const md = readFileSync(join(PUBLISHED, pair.md), 'utf8');
  const store = join(tempDir('pystats-tree-again-'), 'store.duckdb');
  // First the JSON alone, copied where no sibling is: no links line.
  const alone = join(tempDir('pystats-alone-'), basename(pair.json));
  cpSync(join(PUBLISHED, pair.json), alone);
  ok('ingest', alone, '--db', store, '--quiet');
  expect(ok('report', '1', '--db', store, '--date', gatheredOn(md))).not.toBe(md);
  ok('ingest', dirname(join(tree, pair.json)), '--db', store, '--quiet'); // the run: skipped, its siblings recorded
  const [run] = JSON.parse(ok('runs', '--db', store, '--format', 'json')) as Array<Record<string, unknown>>;
  expect(ok('report', String(run.run_id), '--db', store, '--date', gatheredOn(md))).toBe(md);
});
