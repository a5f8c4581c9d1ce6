/**
 * Lake speed: the 1,000-run store of bench/trend-bench.ts exported to a Parquet lake
 * (`lake export`, then again with nothing new), imported back into a fresh store, and read
 * commands timed from the store file and from the lake, interleaved (file, lake, file, …)
 * so both see the same moment of a noisy machine. The goal: a trend from the lake within
 * 2× of the same trend from the file, and under 0.5 s. Each pair must print the same bytes.
 *
 * `benchLake()` is called by bench/run-all.ts (`make bench`) after benchTrend.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measurePystats } from './measure.js';

export interface LakeBenchFigures {
  runs: number;
  exportSeconds: number;
  reexportSeconds: number;
  importSeconds: number;
  lakeMb: number;
  dbMb: number;
  parquetFiles: number;
  /** Per command: medians over the repeats, from the file and from the lake. */
  timings: Array<{ label: string; file: number; lake: number }>;
  repeats: number;
  limitSeconds: number;
}

const REPEATS = 5;
const LIMIT = 0.5;

export function benchLake(db: string, work: string, runs: number): LakeBenchFigures {
  const lake = join(work, 'lake');
  const imported = join(work, 'lake-imported.duckdb');
  rmSync(lake, { recursive: true, force: true });
  rmSync(imported, { force: true });
  const exported = measurePystats(['lake', 'export', '--db', db, '--out', lake]);
  if (!exported.stdout.startsWith(`exported ${runs} runs`)) throw new Error(`lake export: ${exported.stdout}`);
  const again = measurePystats(['lake', 'export', '--db', db, '--out', lake]);
  if (!again.stdout.startsWith('nothing to export')) throw new Error(`lake export again: ${again.stdout}`);
  const imp = measurePystats(['lake', 'import', lake, '--db', imported]);

  const commands: Array<{ label: string; args: string[] }> = [
    { label: 'trend spec.hit:LOAD_ATTR', args: ['trend', 'spec.hit:LOAD_ATTR'] },
    { label: 'trend instructions (2 series)', args: ['trend', 'instructions'] },
    { label: 'trend effectiveness', args: ['trend', 'effectiveness'] },
    { label: 'trend spec.hit:LOAD_ATTR --fork python --since 2023-06-01', args: ['trend', 'spec.hit:LOAD_ATTR', '--fork', 'python', '--since', '2023-06-01'] },
    { label: 'runs', args: ['runs', '--format', 'csv'] },
  ];
  const timings = commands.map(({ label, args }) => {
    const file: number[] = [];
    const lakeTimes: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const f = measurePystats([...args, '--db', db]);
      const l = measurePystats([...args, '--lake', lake]);
      if (f.stdout !== l.stdout) throw new Error(`${label}: the lake prints other bytes than the store file`);
      file.push(f.seconds);
      lakeTimes.push(l.seconds);
    }
    return { label, file: median(file), lake: median(lakeTimes) };
  });
  return {
    runs, exportSeconds: exported.seconds, reexportSeconds: again.seconds, importSeconds: imp.seconds,
    lakeMb: treeBytes(lake) / 1e6, dbMb: statSync(db).size / 1e6,
    parquetFiles: (readdirSync(lake, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet')).length,
    timings, repeats: REPEATS, limitSeconds: LIMIT,
  };
}

export function formatLakeBench(f: LakeBenchFigures): string {
  const n = f.runs.toLocaleString('en-US');
  return [
    `Parquet lake of the same ${n} runs: \`lake export\` ${f.exportSeconds.toFixed(2)} s ` +
    `(${f.parquetFiles} files, ${f.lakeMb.toFixed(0)} MB; the store file is ${f.dbMb.toFixed(0)} MB), ` +
    `again with nothing new ${f.reexportSeconds.toFixed(2)} s, \`lake import\` into a fresh store ${f.importSeconds.toFixed(2)} s. ` +
    `Commands from the store file and from the lake, interleaved, medians of ${f.repeats} (same bytes checked):`,
    '',
    '| command | --db s | --lake s | lake / file | lake under 0.5 s |',
    '|---|--:|--:|--:|---|',
    ...f.timings.map((t) => `| ${t.label} | ${t.file.toFixed(3)} | ${t.lake.toFixed(3)} | ${(t.lake / t.file).toFixed(2)}× | ${t.lake < f.limitSeconds ? 'yes' : 'NO'} |`),
    '',
  ].join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function treeBytes(dir: string): number {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => statSync(join(dir, f)))
    .filter((s) => s.isFile())
    .reduce((sum, s) => sum + s.size, 0);
}
