/**
 * Instruction families for trends come from CPython's own `_specializations` mapping (the
 * `families` of the generated version tables), not from name prefixes; the old prefix
 * rule remains the fallback for names no table knows, and it agreed with the mapping
 * everywhere but CALL_FUNCTION_EX's 3.15 specializations, so family trends are unchanged
 * for every other instruction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../pipeline/package-root.js';
import { isMapping, readAssignment } from '../pipeline/tables/python-literal.js';
import { knownFamilies, opcodeFamilies } from '../pipeline/trend/metrics/opcode-families.js';
import { PYTHON_MINORS, versionMetadata } from '../schemas/versions/index.js';

/** The real (base) instruction names of a version: `opmap` of its kept opcode module. */
function baseNames(minor: string): string[] {
  const meta = versionMetadata(minor);
  if (minor === '3.12') return meta.opnames!.filter((n) => !n.startsWith('<') && !meta.familyOf.has(n));
  const src = readFileSync(fromRoot('schemas', 'versions', 'sources', minor, 'Lib', '_opcode_metadata.py'), 'utf8');
  const opmap = readAssignment(src, 'opmap');
  if (!isMapping(opmap)) throw new Error('opmap is not a mapping');
  return opmap.mapping.map(([name]) => name);
}

describe('opcode families', () => {
  const known = knownFamilies(PYTHON_MINORS.map((m) => versionMetadata(m)));

  for (const minor of PYTHON_MINORS) {
    it(`${minor}: every specialized instruction lands in the family CPython's _specializations gives it`, () => {
      const meta = versionMetadata(minor);
      const specialized = new Set(meta.specializedForms);
      const families = opcodeFamilies([...baseNames(minor), ...specialized], specialized, known);
      for (const [base, forms] of meta.families) {
        for (const form of forms) expect(families.get(form), form).toBe(base);
        expect(families.get(base), base).toBe(base);
      }
    });

    it(`${minor}: the old prefix rule agreed with CPython on every name but CALL_FUNCTION_EX's`, () => {
      const meta = versionMetadata(minor);
      const specialized = new Set(meta.specializedForms);
      const guessed = opcodeFamilies([...baseNames(minor), ...specialized], specialized);
      const wrong = meta.specializedForms.filter((n) => guessed.get(n) !== meta.familyOf.get(n));
      expect(wrong).toEqual(minor === '3.15' ? ['CALL_EX_PY', 'CALL_EX_NON_PY_GENERAL'] : []);
      if (minor === '3.15') expect(guessed.get('CALL_EX_PY')).toBe('CALL');
    });
  }

  it('a specialized name no table knows (a newer CPython) falls back to the longest base prefix', () => {
    // LOAD_ATTR_* names of 3.16+ that 3.15's tables do not list still join LOAD_ATTR.
    const names = ['LOAD_ATTR', 'LOAD_ATTR_SOMETHING_NEW', 'CALL', 'CALL_KW', 'CALL_KW_SOMETHING_NEW'];
    const specialized = new Set(['LOAD_ATTR_SOMETHING_NEW', 'CALL_KW_SOMETHING_NEW']);
    const families = opcodeFamilies(names, specialized, known);
    expect(families.get('LOAD_ATTR_SOMETHING_NEW')).toBe('LOAD_ATTR');
    expect(families.get('CALL_KW_SOMETHING_NEW')).toBe('CALL_KW');
    expect(families.get('CALL_KW')).toBe('CALL_KW');
  });
});

describe('python literal reader on the kept opcode modules', () => {
  it('reads the dict form (3.13/3.14) and the frozendict form (3.15) alike', () => {
    for (const minor of ['3.13', '3.14', '3.15']) {
      const src = readFileSync(join(fromRoot('schemas', 'versions', 'sources', minor), 'Lib', '_opcode_metadata.py'), 'utf8');
      const opmap = readAssignment(src, 'opmap');
      expect(isMapping(opmap), minor).toBe(true);
      if (!isMapping(opmap)) continue;
      // Every base instruction has a number below 267 (pseudo-ops included), CACHE is 0.
      expect(opmap.mapping[0], minor).toEqual(['CACHE', 0]);
      for (const [, op] of opmap.mapping) expect(typeof op === 'number' && op >= 0 && op < 300, minor).toBe(true);
      expect(src.includes('frozendict(')).toBe(minor === '3.15');
    }
  });
});
