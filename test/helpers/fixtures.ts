/** Paths to the real fixture data copied into the project, and small readers for it. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../pipeline/package-root.js';
import { decodeSummarizeJson, type DecodedSummarizeJson } from '../../workers/decode/summarize-json.js';

export const FIXTURES = fromRoot('test', 'fixtures');
export const CPY = join(FIXTURES, 'cpython-3.13.5');
export const PUBLISHED = join(FIXTURES, 'published');
export const SAMPLES = join(FIXTURES, 'samples');

export function fixtureJson(path: string): DecodedSummarizeJson {
  return decodeSummarizeJson(readFileSync(path, 'utf8'));
}

/** Names of the raw directories of the 3.13.5 fixtures, with the JSON the real script wrote. */
export function rawFixtureDirs(): Array<{ name: string; dir: string; json: string; orderFile: string | null }> {
  return readdirSync(CPY)
    .filter((d) => d.startsWith('raw-'))
    .map((d) => {
      const name = d.slice(4);
      return { name, dir: join(CPY, d), json: join(CPY, `${name}.json`), orderFile: name === 'mixed' ? join(CPY, 'mixed.order.txt') : null };
    });
}

export interface PublishedSets {
  pairs: Array<{ json: string; md: string }>;
  comparisons: Array<{ report: string; head_json: string; base_json: string }>;
  series_all_benchmarks_python_main_default_build: string[];
  series_coroutines: string[];
}

export function publishedSets(): PublishedSets {
  return JSON.parse(readFileSync(join(PUBLISHED, 'SETS.json'), 'utf8')) as PublishedSets;
}

export function publishedJsonFiles(): string[] {
  return readFileSync(join(PUBLISHED, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[5] === 'pystats-json')
    .map((c) => join(PUBLISHED, c[0].split('/')[1], c[1]));
}
