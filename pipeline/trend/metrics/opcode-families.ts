/**
 * Which family each instruction belongs to, so family-level metrics stay continuous
 * when CPython renames specialized instructions (LOAD_CONST_IMMORTAL -> LOAD_CONST_MORTAL
 * -> back into LOAD_CONST; BINARY_SUBSCR_DICT -> BINARY_OP_SUBSCR_DICT).
 *
 * A base instruction is its own family. A specialized instruction (one listed in some
 * run's `_specialized_instructions`) belongs to the longest base instruction its name
 * starts with, cut at '_' boundaries: LOAD_ATTR_METHOD_WITH_VALUES -> LOAD_ATTR,
 * CALL_KW_PY -> CALL_KW, BINARY_OP_SUBSCR_LIST_INT -> BINARY_OP, LOAD_CONST_MORTAL ->
 * LOAD_CONST. This is CPython's own naming rule for specializations. A name with no
 * base prefix stays its own family.
 */

/**
 * @param names every instruction name seen (keys of the selected runs, their specialized
 *   instruction lists, and any extra base names, e.g. CPython 3.12's opname table)
 * @param specialized names that are specialized instructions in some version
 */
export function opcodeFamilies(names: Iterable<string>, specialized: ReadonlySet<string>): Map<string, string> {
  const all = new Set(names);
  const bases = new Set([...all].filter((n) => !specialized.has(n)));
  const families = new Map<string, string>();
  for (const name of all) families.set(name, specialized.has(name) ? baseOf(name, bases) : name);
  return families;
}

function baseOf(name: string, bases: ReadonlySet<string>): string {
  const parts = name.split('_');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('_');
    if (bases.has(prefix)) return prefix;
  }
  return name;
}
