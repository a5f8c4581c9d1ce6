/**
 * What Tools/scripts/summarize_stats.py derives from a CPython source tree, derived the
 * same way from the same files (docs/format.md §1.6):
 *  - `_stats_defines` / `_defines`: `get_defines(path, prefix)` over the EVAL_CALL_ lines
 *    of the pystats header and the SPEC_FAIL_ lines of Python/specialize.c;
 *  - `_specialized_instructions`: the keys of `opcode._specialized_opmap` (3.13+: the
 *    literal in Lib/_opcode_metadata.py), file order, names with "__" left out;
 *  - CPython's own family of each specialized instruction (`_specializations`);
 *  - for 3.12, the opcode number -> name table its report builds from `opcode.opname`
 *    and `opcode._specialized_instructions` (Lib/opcode.py).
 */
import type { DefinesTable } from '../../schemas/run-stats.js';
import { isMapping, readAssignment, PythonLiteralError, type PyValue } from './python-literal.js';

export class SourceFormatError extends Error {}

/**
 * summarize_stats.py's `get_defines`: every line that, stripped, starts with
 * `#define PREFIX_`, split into NAME VALUE, grouped under int(VALUE) in the order the
 * values first appear. A line the script would fail on (not two words, VALUE not an
 * int) is an error naming the file and line.
 */
export function readDefines(text: string, prefix: string, file: string): DefinesTable {
  const start = `#define ${prefix}_`;
  const groups = new Map<number, string[]>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line.startsWith(start)) return;
    const parts = line.slice(start.length).split(/\s+/);
    if (parts.length !== 2 || !/^[+-]?\d+$/.test(parts[1])) {
      throw new SourceFormatError(`${file}:${i + 1}: "${line}" is not "#define ${prefix}_NAME NUMBER"`);
    }
    const value = Number(parts[1]);
    const names = groups.get(value);
    if (names) names.push(parts[0]);
    else groups.set(value, [parts[0]]);
  });
  if (groups.size === 0) throw new SourceFormatError(`${file}: no "${start}" lines`);
  return [...groups];
}

/** `_specializations`: each base instruction's specialized forms, in file order. */
export type Families = [string, string[]][];

function mappingOf(source: string, name: string, file: string): [string, PyValue][] {
  let value: PyValue | null;
  try {
    value = readAssignment(source, name);
  } catch (err) {
    if (err instanceof PythonLiteralError) throw new SourceFormatError(`${file}: ${err.message}`);
    throw err;
  }
  if (value === null) throw new SourceFormatError(`${file}: no "${name} = ..." assignment`);
  if (!isMapping(value)) throw new SourceFormatError(`${file}: ${name} is not a dict`);
  return value.mapping;
}

export function readFamilies(source: string, file: string): Families {
  return mappingOf(source, '_specializations', file).map(([base, names]): [string, string[]] => {
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      throw new SourceFormatError(`${file}: _specializations["${base}"] is not a list of names`);
    }
    return [base, names as string[]];
  });
}

/** 3.13+: the keys of `_specialized_opmap` in file order, less names with "__". */
export function readSpecializedInstructions(source: string, file: string): string[] {
  return mappingOf(source, '_specialized_opmap', file).map(([name]) => name).filter((n) => !n.includes('__'));
}

const OP_DEFINITION = /^(def_op|name_op|jrel_op|jabs_op|pseudo_op)\('(\w+)', (\d+)/gm;
const MIN_PSEUDO_OPCODE = 256;

/**
 * 3.12's report names opcode numbers with `opname[0] = "<0>"`, then `opcode.opname[i]`
 * with each "<i>" placeholder replaced, in turn, by the next entry of
 * `opcode._specialized_instructions` (docs/format.md §3.7.1). Lib/opcode.py of 3.12
 * fills `opname` (placeholders up to the last pseudo-op) with its top-level
 * `def_op('NAME', N)`-style calls; `_specialized_instructions` is every family's list,
 * flattened.
 */
export function readOpnames312(source: string, families: Families, file: string): string[] {
  const defs = [...source.matchAll(OP_DEFINITION)];
  if (defs.length === 0) throw new SourceFormatError(`${file}: no def_op(...) lines`);
  const pseudo = defs.filter((d) => d[1] === 'pseudo_op').length;
  const maxPseudo = MIN_PSEUDO_OPCODE + pseudo - 1;
  const opname = Array.from({ length: maxPseudo + 1 }, (_, i) => `<${i}>`);
  for (const d of defs) {
    const op = Number(d[3]);
    if (op > maxPseudo) throw new SourceFormatError(`${file}: ${d[0]} is past the last pseudo-op (${maxPseudo})`);
    opname[op] = d[2];
  }
  const specialized = families.flatMap(([, names]) => names)[Symbol.iterator]();
  const out = ['<0>'];
  for (const name of opname.slice(1)) {
    if (name.startsWith('<')) {
      const next = specialized.next();
      out.push(next.done ? name : next.value);
    } else {
      out.push(name);
    }
  }
  return out;
}
