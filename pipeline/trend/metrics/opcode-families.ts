/**
 * Which family each instruction belongs to, so family-level metrics stay continuous
 * when CPython renames specialized instructions (LOAD_CONST_IMMORTAL -> LOAD_CONST_MORTAL
 * -> back into LOAD_CONST; BINARY_SUBSCR_DICT -> BINARY_OP_SUBSCR_DICT).
 *
 * A base instruction is its own family. A specialized instruction (one listed in some
 * run's `_specialized_instructions`) belongs to the family CPython's own
 * `_specializations` mapping gives it (the `families` of the version tables, generated
 * from Lib/_opcode_metadata.py): CALL_EX_PY -> CALL_FUNCTION_EX, not CALL. A name no
 * table knows (a CPython newer than the tables) falls back to the naming convention:
 * the longest base instruction its name starts with, cut at '_' boundaries
 * (LOAD_ATTR_METHOD_WITH_VALUES -> LOAD_ATTR, CALL_KW_PY -> CALL_KW); with no such base
 * it stays its own family. The convention agrees with the mapping on every name of
 * 3.12-3.15 but CALL_EX_PY and CALL_EX_NON_PY_GENERAL (test/trend-families.test.ts).
 */

/**
 * @param names every instruction name seen (keys of the selected runs, their specialized
 *   instruction lists, and any extra base names, e.g. CPython 3.12's opname table)
 * @param specialized names that are specialized instructions in some version
 * @param known specialized instruction -> family, from CPython's `_specializations`
 */
export function opcodeFamilies(
  names: Iterable<string>, specialized: ReadonlySet<string>, known: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const all = new Set(names);
  const bases = new Set([...all].filter((n) => !specialized.has(n)));
  const families = new Map<string, string>();
  for (const name of all) families.set(name, specialized.has(name) ? known.get(name) ?? baseOf(name, bases) : name);
  return families;
}

/**
 * Specialized instruction -> family over the given version tables, oldest first so that
 * a newer version's mapping wins where two disagree.
 */
export function knownFamilies(tables: Iterable<{ familyOf: ReadonlyMap<string, string> }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tables) for (const [name, base] of t.familyOf) out.set(name, base);
  return out;
}

function baseOf(name: string, bases: ReadonlySet<string>): string {
  const parts = name.split('_');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('_');
    if (bases.has(prefix)) return prefix;
  }
  return name;
}
