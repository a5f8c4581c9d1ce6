/**
 * `make eval-otava`: Apache Otava's change-point detection (its Python API, from the venv
 * `make venv` builds) on the labelled series of `make eval-trends`, beside ours and our
 * E-Divisive port, scored the same way (a detection matches a true step within +/- 1
 * point, one to one). Otava runs with its defaults (window 50, p 0.001, magnitude 0) and
 * with the setting of a grid that scores best on the development seed; the held-out seeds
 * and the real series then judge every method. Writes out/eval-otava.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';
import { detectSteps } from '../pipeline/trend/detect/detect.js';
import { eDivisiveSteps } from '../pipeline/trend/detect/edivisive.js';
import { syntheticSeries } from './trend-synthetic.js';
import { add, HELD_OUT_SEEDS, match, prf, realCases, SEED, SYNTHETIC_COUNT, syntheticCases, TOLERANCE, type Case, type Score } from './eval-cases.js';

interface OtavaSetting { name: string; window_len?: number; max_pvalue?: number; min_magnitude?: number }
/** Per method: the indices found in each case, and the seconds each case took. */
type Run = Map<string, { indices: number[][]; seconds: number[] }>;

const PYTHON = fromRoot('.venv', 'bin', 'python');
const DEFAULT: OtavaSetting = { name: 'Otava defaults (window 50, p 0.001)' };

function grid(): OtavaSetting[] {
  const out: OtavaSetting[] = [];
  for (const w of [20, 30, 50]) {
    for (const p of [0.00001, 0.0001, 0.001, 0.01, 0.05]) {
      for (const m of [0, 0.005, 0.01, 0.02, 0.05]) out.push({ name: `Otava window ${w}, p ${p}, magnitude ${m}`, window_len: w, max_pvalue: p, min_magnitude: m });
    }
  }
  return out;
}

function otava(cases: Case[], settings: OtavaSetting[]): Run {
  const r = spawnSync(PYTHON, [fromRoot('bench', 'otava-detect.py')], {
    input: JSON.stringify({ settings, series: cases.map((c) => c.values) }), encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`${PYTHON} bench/otava-detect.py: ${r.error ?? r.stderr}`);
  const out = JSON.parse(r.stdout) as Record<string, { indices: number[][]; seconds: number[] }>;
  return new Map(Object.entries(out));
}

function ours(cases: Case[]): Run {
  const run: Run = new Map();
  const detectors: Array<[string, (c: Case) => number[]]> = [
    ['robust segmentation (ours)', (c) => detectSteps(c.values, c.scale).map((x) => x.index)],
    ['E-Divisive port (p 0.05, 100 perms)', (c) => eDivisiveSteps(c.values).map((x) => x.index)],
  ];
  for (const [name, detect] of detectors) {
    const indices: number[][] = [];
    const seconds: number[] = [];
    for (const c of cases) {
      const started = process.hrtime.bigint();
      indices.push(detect(c));
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    run.set(name, { indices, seconds });
  }
  return run;
}

function score(cases: Case[], indices: number[][]): Score {
  return cases.reduce((s, c, i) => add(s, match(indices[i], c)), { tp: 0, fp: 0, fn: 0 });
}

function both(cases: Case[], settings: OtavaSetting[]): Run {
  return new Map([...ours(cases), ...otava(cases, settings)]);
}

const fmt = (s: Score) => { const { p, r, f } = prf(s); return `${p.toFixed(3)} | ${r.toFixed(3)} | ${f.toFixed(3)}`; };
const msPer = (sec: number[]) => ((sec.reduce((a, b) => a + b, 0) / sec.length) * 1000).toFixed(2);

async function main(): Promise<void> {
  const started = Date.now();
  const dev = syntheticCases(syntheticSeries(SYNTHETIC_COUNT, SEED));
  // Tuning: every grid setting on the development seed; the best F1 is Otava's tuned setting.
  const tuning = otava(dev, [DEFAULT, ...grid()]);
  const ranked = [...tuning].map(([name, r]) => ({ name, s: score(dev, r.indices) })).sort((a, b) => prf(b.s).f - prf(a.s).f);
  const best = [DEFAULT, ...grid()].find((g) => g.name === ranked[0].name)!;
  const tuned: OtavaSetting = { ...best, name: `Otava tuned on the development seed (${best.name.replace(/^Otava /, '')})` };
  const settings = [DEFAULT, tuned];

  const heldOut = HELD_OUT_SEEDS.flatMap((seed) => syntheticCases(syntheticSeries(SYNTHETIC_COUNT, seed)));
  const real = await realCases();
  const devRun = both(dev, settings);
  const heldRun = both(heldOut, settings);
  const realRun = both(real, settings);
  // The best grid setting on the real labels themselves: an upper bound, not a fair score.
  const realGrid = otava(real, grid());
  const realBest = [...realGrid].map(([name, r]) => ({ name, s: score(real, r.indices) })).sort((a, b) => prf(b.s).f - prf(a.s).f)[0];

  const lines = [
    '## Change detection: Apache Otava beside ours', '',
    `Synthetic: ${dev.length} series of the development seed ${SEED} (Otava tuned there), ${heldOut.length} of the held-out seeds ${HELD_OUT_SEEDS.join(', ')}; ` +
    `real: ${real.length} labelled metric series. Match tolerance ±${TOLERANCE} point. Time: mean per series of the held-out set, one thread.`, '',
    '| method | dev F1 | held-out precision | recall | F1 | real precision | recall | F1 | ms per series |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const name of devRun.keys()) {
    lines.push(`| ${name} | ${prf(score(dev, devRun.get(name)!.indices)).f.toFixed(3)} | ${fmt(score(heldOut, heldRun.get(name)!.indices))} | ` +
      `${fmt(score(real, realRun.get(name)!.indices))} | ${msPer(heldRun.get(name)!.seconds)} |`);
  }
  // Where each method wins or loses: the held-out set by kind of series and by noise level.
  const groups = [...new Set(heldOut.flatMap((c) => c.group.split('/').map((g, i) => (i === 0 ? g : `noise ${g}`))))];
  lines.push('', 'Held-out seeds by kind and noise level, F1 (precision / recall):', '', `| group | ${[...heldRun.keys()].join(' | ')} |`, `|---|${[...heldRun.keys()].map(() => '--:').join('|')}|`);
  for (const g of groups) {
    const inGroup = heldOut.map((c, i) => [c, i] as const).filter(([c]) => { const [kind, noise] = c.group.split('/'); return g === kind || g === `noise ${noise}`; });
    const cells = [...heldRun.values()].map((r) => {
      const s = inGroup.reduce((acc, [c, i]) => add(acc, match(r.indices[i], c)), { tp: 0, fp: 0, fn: 0 });
      const { p, r: rec, f } = prf(s);
      return `${f.toFixed(3)} (${p.toFixed(2)} / ${rec.toFixed(2)})`;
    });
    lines.push(`| ${g} | ${cells.join(' | ')} |`);
  }
  // The real series one by one: which steps each method finds (truth in brackets).
  lines.push('', 'Real series, detected indices (truth in brackets):', '', `| series | truth | ${[...realRun.keys()].join(' | ')} |`, `|---|---|${[...realRun.keys()].map(() => '---').join('|')}|`);
  real.forEach((c, i) => lines.push(`| ${c.id} | [${c.truth.join(', ')}] | ${[...realRun.values()].map((r) => r.indices[i].join(', ')).join(' | ')} |`));
  lines.push('', `Best Otava grid setting on the real labels themselves (an upper bound): ${realBest.name}: ${fmt(realBest.s).replaceAll(' | ', ' / ')} (precision / recall / F1).`, '');
  lines.push('Otava grid on the development seed (top 8 by F1):', '', '| setting | precision | recall | F1 |', '|---|--:|--:|--:|');
  for (const r of ranked.slice(0, 8)) lines.push(`| ${r.name} | ${fmt(r.s)} |`);
  lines.push('', `(${((Date.now() - started) / 1000).toFixed(1)} s)`, '');
  const out = lines.join('\n');
  process.stdout.write(out);
  mkdirSync(fromRoot('out'), { recursive: true });
  writeFileSync(join(fromRoot('out'), 'eval-otava.md'), out);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
