/**
 * `make eval-trends`: precision and recall of the trend change detection against the
 * E-Divisive baseline, on
 *  1. synthetic series with known steps and pystats-like noise (trend-synthetic.ts), and
 *  2. the real published date series (15 aggregated main runs, 8 coroutines runs), for
 *     22 catalog metrics each, computed by `pystats trend`'s own code on a store filled by
 *     the real ingest, against hand labels (trend-labels.json).
 * A detection matches a true step within +/- 1 point, one to one. Writes the tables to
 * stdout and to out/eval-trends.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { bigEnough, DEFAULT_DETECT, detectSteps, type StepScale } from '../pipeline/trend/detect/detect.js';
import { eDivisiveSteps } from '../pipeline/trend/detect/edivisive.js';
import { syntheticSeries } from './trend-synthetic.js';
import { add, HELD_OUT_SEEDS, match, prf, realCases, SEED, SYNTHETIC_COUNT, syntheticCases, TOLERANCE, type Case, type Score } from './eval-cases.js';

type Detector = (values: Array<number | null>, scale: StepScale) => number[];

const DETECTORS: Array<{ name: string; run: Detector }> = [
  { name: 'robust segmentation (ours)', run: (v, s) => detectSteps(v, s).map((x) => x.index) },
  { name: 'E-Divisive (p 0.05, 100 perms)', run: (v) => eDivisiveSteps(v).map((x) => x.index) },
  {
    // The baseline with our practical-size floor applied to its change points, to show
    // how much of the difference the floor alone explains.
    name: 'E-Divisive + size floor',
    run: (v, s) => eDivisiveSteps(v).filter((x) => bigEnough(x.before, x.after, s, DEFAULT_DETECT[s])).map((x) => x.index),
  },
];

function evaluate(cases: Case[], groupOf: (c: Case) => string): Map<string, Map<string, Score>> {
  const out = new Map<string, Map<string, Score>>();
  for (const det of DETECTORS) {
    const byGroup = new Map<string, Score>();
    for (const c of cases) {
      const s = match(det.run(c.values, c.scale), c);
      for (const g of new Set(['all', groupOf(c)])) byGroup.set(g, add(byGroup.get(g) ?? { tp: 0, fp: 0, fn: 0 }, s));
    }
    out.set(det.name, byGroup);
  }
  return out;
}

function table(title: string, results: Map<string, Map<string, Score>>, groups: string[]): string {
  const lines = [`### ${title}`, '', '| group | method | precision | recall | F1 | TP | FP | FN |', '|---|---|--:|--:|--:|--:|--:|--:|'];
  for (const g of groups) {
    for (const [name, byGroup] of results) {
      const s = byGroup.get(g) ?? { tp: 0, fp: 0, fn: 0 };
      const { p, r, f } = prf(s);
      lines.push(`| ${g} | ${name} | ${p.toFixed(3)} | ${r.toFixed(3)} | ${f.toFixed(3)} | ${s.tp} | ${s.fp} | ${s.fn} |`);
    }
  }
  return lines.join('\n') + '\n';
}

function perSeries(cases: Case[]): string {
  const lines = ['### Real series, per metric (detected indices; truth in brackets)', '', `| series | truth | ${DETECTORS.map((d) => d.name).join(' | ')} |`, `|---|---|${DETECTORS.map(() => '---').join('|')}|`];
  for (const c of cases) {
    lines.push(`| ${c.id} | [${c.truth.join(', ')}] | ${DETECTORS.map((d) => d.run(c.values, c.scale).sort((a, b) => a - b).join(', ')).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const started = Date.now();
  const syn = syntheticCases(syntheticSeries(SYNTHETIC_COUNT, SEED));
  const kinds = ['counter', 'rate', 'percent', 'small-percent'];
  const noises = ['none', 'low', 'medium', 'high'];
  const synKind = evaluate(syn, (c) => c.group.split('/')[0]);
  const synNoise = evaluate(syn, (c) => `noise ${c.group.split('/')[1]}`);
  const heldOut = new Map<string, Map<string, Score>>();
  for (const seed of HELD_OUT_SEEDS) {
    const res = evaluate(syntheticCases(syntheticSeries(SYNTHETIC_COUNT, seed)), () => 'all');
    for (const [name, byGroup] of res) heldOut.set(name, new Map([...(heldOut.get(name) ?? new Map<string, Score>()), [`seed ${seed}`, byGroup.get('all')!]]));
  }
  for (const byGroup of heldOut.values()) {
    byGroup.set('all held-out', [...byGroup.values()].reduce(add, { tp: 0, fp: 0, fn: 0 }));
  }
  const real = await realCases();
  const realRes = evaluate(real, (c) => c.group);

  const steps = syn.reduce((n, c) => n + c.truth.length, 0);
  const out = [
    '## Change detection: evaluation', '',
    `Synthetic: ${syn.length} series (development seed ${SEED}), ${steps} true steps, lengths 8-120; real: ${real.length} metric series ` +
    `from the two published date series with hand labels. Match tolerance ±${TOLERANCE} point.`, '',
    table('Synthetic, by kind', synKind, ['all', ...kinds]),
    table('Synthetic, by noise level', synNoise, noises.map((n) => `noise ${n}`)),
    table(`Synthetic, held-out seeds (${SYNTHETIC_COUNT} series each, not looked at while designing)`, heldOut,
      ['all held-out', ...HELD_OUT_SEEDS.map((s) => `seed ${s}`)]),
    table('Real published series', realRes, ['all', 'main aggregated (15 runs)', 'coroutines (8 runs)']),
    perSeries(real),
    `(${((Date.now() - started) / 1000).toFixed(1)} s)`, '',
  ].join('\n');
  process.stdout.write(out);
  mkdirSync(fromRoot('out'), { recursive: true });
  writeFileSync(join(fromRoot('out'), 'eval-trends.md'), out);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
