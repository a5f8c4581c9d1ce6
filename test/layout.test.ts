/**
 * The source tree keeps the shape README's "How it is built" promises: one folder per
 * step, data flowing down (a folder imports only folders before it in ROOMS), no import
 * cycle between modules, and no module over the size a reader takes in at once.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';

/** The rooms in the order data flows; each may import itself and the rooms before it. */
const ROOMS = [
  'pipeline/(shared)', 'schemas', 'pipeline/tables', 'pipeline/json', 'pipeline/runs', 'workers', 'pipeline/discover', 'pipeline/store',
  'pipeline/load', 'pipeline/report', 'pipeline/trend', 'pipeline/summarize', 'pipeline/site', 'cli',
];
const MAX_LINES = 400;

const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'cli', 'pipeline', 'workers', 'schemas'], {
  cwd: fromRoot(), encoding: 'utf8',
}).split('\n').filter((f) => f.endsWith('.ts'));

function roomOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'pipeline') return parts[0];
  return parts.length === 2 ? 'pipeline/(shared)' : `pipeline/${parts[1]}`;
}

/** Each module's relative imports (static, dynamic and type-only), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(fromRoot(file), 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)]
    .map((m) => posix.normalize(posix.join(posix.dirname(file), m[1])).replace(/\.js$/, '.ts'));
}

const graph = new Map(sources.map((f) => [f, importsOf(f)]));

describe('the source layout', () => {
  it('puts every module in a known room', () => {
    expect(sources.filter((f) => !ROOMS.includes(roomOf(f)))).toEqual([]);
  });

  it('imports only down the flow (a room uses itself and the rooms before it)', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (ROOMS.indexOf(roomOf(target)) > ROOMS.indexOf(roomOf(file))) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    const cycles: string[] = [];
    const done = new Set<string>();
    const path: string[] = [];
    const visit = (file: string) => {
      if (path.includes(file)) {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      if (done.has(file)) return;
      path.push(file);
      for (const target of graph.get(file) ?? []) visit(target);
      path.pop();
      done.add(file);
    };
    for (const file of sources) visit(file);
    expect(cycles).toEqual([]);
  });

  it(`keeps every module under ${MAX_LINES} lines`, () => {
    const long = sources
      .map((f) => [f, readFileSync(fromRoot(f), 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
