/**
 * Which CPython minor version wrote a set of pystats counter keys, for inputs that do not
 * say (raw /tmp/py_stats directories, JSON without bench_runner metadata or file name).
 *
 * The signals, strongest first, were found by comparing the keys of every published
 * bench_runner JSON in test/fixtures/published (3.12.0b3 ... 3.15.0a0) with the CPython
 * sources that print them (specialize.c up to 3.14, pystats.c on 3.15/main):
 *  1. numeric opcode keys `opcode[123]...`                                     -> 3.12
 *  2. keys only 3.15/main prints: `JIT GOT size`, the free-threading counters
 *     (`Mutex sleeps (mutex_sleeps)`, ...), or opcode names no 3.14 has        -> 3.15
 *  3. 3.14-shaped keys: mortal/immortal refcounts (Nov 2024 on), GC "reachable from
 *     roots" (Dec 2024 on), `Optimization unknown callee`, JIT memory stats     -> 3.14,
 *     unless LOAD_CONST itself executes and neither LOAD_CONST_MORTAL nor
 *     LOAD_CONST_IMMORTAL appears: 3.14 rewrites every LOAD_CONST into one of those
 *     two (no 3.14 run since 2025-02 has a LOAD_CONST key), main dropped them after
 *     the 3.14 branch (both 3.15.0a0 runs, and a Dec 2025 main report)          -> 3.15
 *  4. opcode names new in 3.14 (LOAD_SPECIAL, NOT_TAKEN, ...), for 3.14 dev data from
 *     before the refcount split, whose other keys are still 3.13-shaped         -> 3.14
 *  5. anything else a 3.13+ interpreter prints (named opcode keys, `Object increfs`,
 *     GC keys without "reachable")                                              -> 3.13
 *  Otherwise (no counters at all, e.g. a JSON holding only `metadata`)          -> null.
 *
 * Known blind spot: main between the 3.13 branch (May 2024) and the first 3.14-only
 * opcode (LOAD_SPECIAL, June 2024) prints exactly the 3.13 keys; such runs are "3.14.0a0"
 * by name but detected as 3.13. Their keys, and the report rules that fit them, are 3.13's.
 */

/**
 * Opcode names (real opcodes, < 256, and specialized instructions) of CPython 3.14.2
 * (Lib/_opcode_metadata.py, opmap + _specialized_opmap) that CPython 3.13.0 does not have.
 */
export const OPCODES_NEW_IN_3_14: ReadonlySet<string> = new Set([
  'BINARY_OP_EXTEND', 'BINARY_OP_SUBSCR_DICT', 'BINARY_OP_SUBSCR_GETITEM', 'BINARY_OP_SUBSCR_LIST_INT',
  'BINARY_OP_SUBSCR_LIST_SLICE', 'BINARY_OP_SUBSCR_STR_INT', 'BINARY_OP_SUBSCR_TUPLE_INT',
  'BUILD_INTERPOLATION', 'BUILD_TEMPLATE', 'CALL_KW_BOUND_METHOD', 'CALL_KW_NON_PY', 'CALL_KW_PY',
  'INSTRUMENTED_END_ASYNC_FOR', 'INSTRUMENTED_NOT_TAKEN', 'INSTRUMENTED_POP_ITER',
  'JUMP_BACKWARD_JIT', 'JUMP_BACKWARD_NO_JIT', 'LOAD_ATTR_CLASS_WITH_METACLASS_CHECK',
  'LOAD_COMMON_CONSTANT', 'LOAD_CONST_IMMORTAL', 'LOAD_CONST_MORTAL', 'LOAD_FAST_BORROW',
  'LOAD_FAST_BORROW_LOAD_FAST_BORROW', 'LOAD_SMALL_INT', 'LOAD_SPECIAL', 'NOT_TAKEN', 'POP_ITER',
]);

/**
 * Opcode names seen in 3.15-era runs and absent from CPython 3.14.2: the GET_ITER
 * specializations of the 3.15.0a0 run of 2025-06-03 (_specialized_instructions of
 * bm-20250603-...-3.15.0a0-06c1680-pystats-coroutines.json). 3.14 takes no new opcodes
 * after its branch, so any of these means a tree newer than 3.14.
 */
export const OPCODES_NEW_IN_3_15: ReadonlySet<string> = new Set([
  'GET_ITER_LIST_OR_TUPLE', 'GET_ITER_RANGE', 'GET_ITER_SELF',
]);

/** Printed only by 3.15/main's Python/pystats.c. */
const KEYS_NEW_IN_3_15: ReadonlySet<string> = new Set([
  'JIT GOT size',
  'Mutex sleeps (mutex_sleeps)', 'QSBR polls (qsbr_polls)', 'World stops (world_stops)',
]);

/** First printed by 3.14 (specialize.c); 3.15 prints them too. */
const KEYS_NEW_IN_3_14: ReadonlySet<string> = new Set([
  'Object interpreter mortal increfs', 'Object interpreter mortal decrefs',
  'Object mortal increfs', 'Object mortal decrefs',
  'Object interpreter immortal increfs', 'Object interpreter immortal decrefs',
  'Object immortal increfs', 'Object immortal decrefs',
  'Optimization unknown callee',
  'JIT total memory size', 'JIT code size', 'JIT trampoline size', 'JIT data size',
  'JIT padding size', 'JIT freed memory size',
]);

/** Printed by 3.13 and 3.14 dev builds before the refcount split (3.12 too, but its opcodes are numbers). */
const KEYS_OF_3_13: ReadonlySet<string> = new Set([
  'Object increfs', 'Object decrefs', 'Object interpreter increfs', 'Object interpreter decrefs',
  'Object inline values',
]);

const NUMERIC_OPCODE = /^opcode\[\d+\]/;
const GC_REACHABLE = /^GC\[\d+\] objects (?:not )?reachable from roots$/;
const GC_ANY = /^GC\[\d+\] /;
/** `opcode[NAME]...` and `opcode[NAME].pair_count[NAME2]`; also `unsupported_opcode[NAME]`. */
const TIER1_NAMES = /^(?:opcode|unsupported_opcode)\[([A-Z_0-9]+)\](?:\.pair_count\[([A-Z_0-9]+)\])?/;

export function detectMinorFromKeys(keys: Iterable<string>): string | null {
  let numericOpcodes = false;
  let only315 = false;
  let shape314 = false;
  let name314 = false;
  let shape313 = false;
  let loadConstExecutes = false;
  let loadConstRewritten = false;
  for (const raw of keys) {
    const key = raw.trim();
    if (NUMERIC_OPCODE.test(key)) {
      numericOpcodes = true;
      continue;
    }
    if (KEYS_NEW_IN_3_15.has(key)) only315 = true;
    else if (KEYS_NEW_IN_3_14.has(key) || GC_REACHABLE.test(key)) shape314 = true;
    else if (KEYS_OF_3_13.has(key) || GC_ANY.test(key)) shape313 = true;
    const m = TIER1_NAMES.exec(key);
    if (!m) continue;
    shape313 = true;
    for (const name of [m[1], m[2]]) {
      if (name === undefined) continue;
      if (OPCODES_NEW_IN_3_15.has(name)) only315 = true;
      if (OPCODES_NEW_IN_3_14.has(name)) name314 = true;
      if (name === 'LOAD_CONST') loadConstExecutes = true;
      else if (name === 'LOAD_CONST_MORTAL' || name === 'LOAD_CONST_IMMORTAL') loadConstRewritten = true;
    }
  }
  if (numericOpcodes) return '3.12';
  if (only315) return '3.15';
  if (shape314) return loadConstExecutes && !loadConstRewritten ? '3.15' : '3.14';
  if (name314) return '3.14';
  if (shape313) return '3.13';
  return null;
}
