/**
 * A realistic raw corpus for the benchmarks: files made from the real 3.13.5 fixture
 * files (test/fixtures/cpython-3.13.5/raw-*), every value scaled by a per-file factor so
 * counts vary from file to file while keys, order and line shapes stay real.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../pipeline/package-root.js';

export interface Corpus {
  root: string;
  dirs: string[];
  files: number;
  lines: number;
  bytes: number;
}

function sourceFiles(): string[] {
  const base = fromRoot('test', 'fixtures', 'cpython-3.13.5');
  const texts: string[] = [];
  for (const d of readdirSync(base)) {
    if (!d.startsWith('raw-') || d === 'raw-mixed') continue;
    for (const f of readdirSync(join(base, d))) texts.push(readFileSync(join(base, d, f), 'latin1'));
  }
  return texts;
}

/** A deterministic pseudo-random sequence, so every bench run measures the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function buildCorpus(root: string, dirs: number, filesPerDir: number): Corpus {
  const marker = join(root, `.built-${dirs}x${filesPerDir}`);
  const corpus: Corpus = { root, dirs: [], files: 0, lines: 0, bytes: 0 };
  const sources = sourceFiles();
  const random = rng(20261124);
  const fresh = !existsSync(marker);
  if (fresh) rmSync(root, { recursive: true, force: true });
  for (let d = 0; d < dirs; d++) {
    const dir = join(root, `run-${String(d).padStart(3, '0')}`);
    corpus.dirs.push(dir);
    if (fresh) mkdirSync(dir, { recursive: true });
    for (let f = 0; f < filesPerDir; f++) {
      const src = sources[Math.floor(random() * sources.length)];
      const factor = 0.25 + random() * 4;
      const text = src.replace(/: (\d+)$/gm, (_, v: string) => `: ${Math.round(Number(v) * factor)}`);
      const name = join(dir, `${(d * filesPerDir + f).toString(16).padStart(40, '0')}.txt`);
      if (fresh) writeFileSync(name, text);
      corpus.files++;
      corpus.bytes += text.length;
      corpus.lines += text.split('\n').length - 1;
    }
  }
  if (fresh) writeFileSync(marker, '');
  return corpus;
}
