/**
 * Every bundled version table (schemas/versions/<minor>.json) is generated, not written:
 * `pystats tables --from-cpython` regenerates each, byte for byte, from the CPython files
 * kept in schemas/versions/sources/<minor>, whose SOURCES file names where each came from
 * with its sha256. The 3.13 tables also equal what the real CPython 3.13.5
 * summarize_stats.py appended to its JSON output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { buildVersionTable, formatVersionTable } from '../pipeline/tables/build-table.js';
import { readDefines, SourceFormatError } from '../pipeline/tables/read-sources.js';
import { decodeSummarizeJson } from '../workers/decode/summarize-json.js';
import { PYTHON_MINORS, versionMetadata } from '../schemas/versions/index.js';
import { tempDir } from './helpers/store.js';
import { rawFixtureDirs } from './helpers/fixtures.js';

const VERSIONS = fromRoot('schemas', 'versions');
const SOURCES = join(VERSIONS, 'sources');
const CLI = fromRoot('dist', 'cli', 'main.js');
const CPY_3135 = fromRoot('test', 'fixtures', 'cpython-3.13.5');

interface SourceLine { path: string; repo: string; repoPath: string; commit: string; sha256: string; from: string }

function sourcesOf(minor: string): { version: string; commit: string; files: SourceLine[] } {
  const text = readFileSync(join(SOURCES, minor, 'SOURCES'), 'utf8');
  const files = text.split('\n').filter((l) => l.startsWith('file\t')).map((l) => {
    const [, path, repo, repoPath, commit, sha256, from] = l.split('\t');
    return { path, repo, repoPath, commit, sha256, from };
  });
  return { version: /^version: (\S+)$/m.exec(text)![1], commit: /^commit: (\S+)$/m.exec(text)![1], files };
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('bundled tables are generated from CPython sources', () => {
  for (const minor of PYTHON_MINORS) {
    it(`${minor}: regenerated from schemas/versions/sources/${minor}, byte for byte`, () => {
      const regenerated = formatVersionTable(buildVersionTable(join(SOURCES, minor)));
      expect(regenerated).toBe(readFileSync(join(VERSIONS, `${minor}.json`), 'utf8'));
    });

    it(`${minor}: SOURCES names every file read, with its repository, commit and sha256`, () => {
      const sources = sourcesOf(minor);
      const meta = versionMetadata(minor);
      expect(meta.source.version).toBe(sources.version);
      expect(meta.source.commit).toBe(sources.commit);
      expect(sources.files.map((f) => f.path).sort()).toEqual(meta.source.files.map((f) => f.path).sort());
      for (const f of sources.files) {
        expect(sha256(join(SOURCES, minor, f.path)), f.path).toBe(f.sha256);
        expect(meta.source.files.find((m) => m.path === f.path)?.sha256, f.path).toBe(f.sha256);
        expect(f.repo, f.path).toBe('python/cpython');
        expect(f.commit.length, f.path).toBeGreaterThan(0);
        expect(f.from.length, f.path).toBeGreaterThan(20);
      }
      // The folder holds nothing SOURCES does not account for.
      const held = readdirSync(join(SOURCES, minor), { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile() && d.name !== 'SOURCES')
        .map((d) => join(d.parentPath, d.name).slice(join(SOURCES, minor).length + 1));
      expect(held.sort()).toEqual(sources.files.map((f) => f.path).sort());
    });
  }

  it('3.13: the tables the real CPython 3.13.5 summarize_stats.py appended to every JSON it wrote', () => {
    const meta = versionMetadata('3.13');
    const files = readdirSync(CPY_3135).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const real = decodeSummarizeJson(readFileSync(join(CPY_3135, f), 'utf8'));
      expect([meta.specializedInstructions, meta.statsDefines, meta.defines], f)
        .toEqual([real.specializedInstructions, real.statsDefines, real.defines]);
    }
  });

  it('3.15: the release\'s specialized instructions and CPython\'s own families for them', () => {
    const meta = versionMetadata('3.15');
    for (const name of ['CALL_EX_PY', 'CALL_EX_NON_PY_GENERAL', 'FOR_ITER_VIRTUAL', 'GET_ITER_SELF', 'GET_ITER_VIRTUAL']) {
      expect(meta.specializedInstructions, name).toContain(name);
    }
    // GET_YIELD_FROM_ITER merged into GET_ITER in 3.15: no longer an instruction.
    expect(readFileSync(join(SOURCES, '3.15', 'Lib', '_opcode_metadata.py'), 'utf8')).not.toContain('GET_YIELD_FROM_ITER');
    expect(meta.familyOf.get('CALL_EX_PY')).toBe('CALL_FUNCTION_EX');
    expect(meta.familyOf.get('CALL_EX_NON_PY_GENERAL')).toBe('CALL_FUNCTION_EX');
    expect(meta.familyOf.get('GET_ITER_VIRTUAL')).toBe('GET_ITER');
    expect(meta.familyOf.get('FOR_ITER_VIRTUAL')).toBe('FOR_ITER');
    // Every specialized instruction has a family, and nothing else does.
    expect([...meta.familyOf.keys()].sort()).toEqual([...meta.specializedInstructions!].sort());
  });

  it('3.12: the opcode module\'s _specialized_instructions are its families, flattened', () => {
    const meta = versionMetadata('3.12');
    expect(meta.specializedForms).toHaveLength(64);
    expect(meta.specializedForms).toContain('LOAD_FAST__LOAD_FAST');
    expect(meta.familyOf.get('LOAD_FAST__LOAD_FAST')).toBe('LOAD_FAST');
    expect(meta.opnames).toHaveLength(267);
    expect(meta.opnames!.filter((n) => meta.specializedForms.includes(n))).toEqual(meta.specializedForms);
  });
});

describe('pystats tables --from-cpython', () => {
  it('writes the table file with -o, the bytes the bundled one has', () => {
    const out = join(tempDir(), '3.15.json');
    execFileSync(process.execPath, [CLI, 'tables', '--from-cpython', join(SOURCES, '3.15'), '-o', out]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(VERSIONS, '3.15.json'), 'utf8'));
  });

  it('records a checkout\'s version (patchlevel.h) and git commit', () => {
    const tree = tempDir();
    cpSync(join(SOURCES, '3.13'), tree, { recursive: true });
    // As a 3.13 branch checkout after 3.13.5 says it is.
    writeFileSync(join(tree, 'Include', 'patchlevel.h'), '#define PY_VERSION              "3.13.5+"\n');
    const git = (...a: string[]) => execFileSync('git', ['-C', tree, ...a], { encoding: 'utf8' }).trim();
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x');
    const head = git('rev-parse', 'HEAD');
    const table = buildVersionTable(tree);
    expect(table.source.version).toBe('3.13.5+');
    expect(table.source.commit).toBe(head);
    expect(table.defines).toEqual(versionMetadata('3.13').defines);
    // Packed refs (a fresh clone keeps its branch there).
    git('pack-refs', '--all');
    expect(buildVersionTable(tree).source.commit).toBe(head);
  });

  it('refuses what is not a CPython tree with one clear line, exit 1', () => {
    const empty = tempDir();
    for (const [args, message] of [
      [['--from-cpython', join(empty, 'nope')], 'no such folder'],
      [['--from-cpython', empty], 'cannot tell which CPython version'],
      [['--from-cpython', empty, '--cpython-version', '3.16.0a1'], 'Lib/_opcode_metadata.py: no such file'],
      [['--from-cpython', empty, '--cpython-version', '3.11.9'], 'not a CPython version with pystats tables'],
    ] as const) {
      const r = spawnSync(process.execPath, [CLI, 'tables', ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).not.toContain('internal error');
    }
  });

  it('names the file and line of a #define the script could not read', () => {
    expect(() => readDefines('#define EVAL_CALL_TOTAL 0\n#define EVAL_CALL_VECTOR 1 /* x */\n', 'EVAL_CALL', 'pystats.h'))
      .toThrow(new SourceFormatError('pystats.h:2: "#define EVAL_CALL_VECTOR 1 /* x */" is not "#define EVAL_CALL_NAME NUMBER"'));
  });
});

describe('a CPython newer than the bundled tables', () => {
  const summarize = (dir: string, version: string, env: NodeJS.ProcessEnv = {}, extra: string[] = []) =>
    // The style is given: these 3.13.5 counters are not shaped as the 3.15 report wants.
    spawnSync(process.execPath, [CLI, 'summarize', dir, '--python-version', version, '--style', '3.13-early', '--date', '2031-02-03', ...extra], {
      encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28,
    });

  it('is served with the newest tables and one warning naming the command that makes its own', () => {
    const fx = rawFixtureDirs()[0];
    const json = join(tempDir(), 'out.json');
    const r = summarize(fx.dir, '3.17.0a1', {}, ['--json-output', json]);
    expect(r.status).toBe(0);
    // The loader's tables appended to the JSON are 3.15's.
    const written = decodeSummarizeJson(readFileSync(json, 'utf8'));
    expect(written.specializedInstructions).toEqual(versionMetadata('3.15').specializedInstructions);
    expect(r.stderr).toBe("pystats: warning: pystats has no tables for Python 3.17; using 3.15's, which may name specialized instructions "
      + 'and failure kinds wrongly. Make 3.17\'s from a CPython 3.17 checkout with `pystats tables --from-cpython DIR -o FILE` '
      + 'and put FILE (3.17.json) in the folder PYSTATS_TABLES_DIR names\n');
    expect(r.stdout).toContain('Specialization effectiveness');
  });

  it('uses the tables `pystats tables` made, from the folder PYSTATS_TABLES_DIR names, with no warning', () => {
    const fx = rawFixtureDirs()[0];
    const dir = tempDir();
    // Stand-in for a 3.17 checkout: the kept 3.13 files, said to be 3.17.
    execFileSync(process.execPath, [CLI, 'tables', '--from-cpython', join(SOURCES, '3.13'), '--cpython-version', '3.17.0a1', '-o', join(dir, '3.17.json')]);
    const r = summarize(fx.dir, '3.17.0a1', { PYSTATS_TABLES_DIR: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The 3.13 files make the 3.13.5 script's output: the same report and JSON as with 3.13's tables.
    const as313 = summarize(fx.dir, '3.13.5');
    expect(r.stdout).toBe(as313.stdout);
  });
});
