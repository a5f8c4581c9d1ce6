/**
 * CPython 3.12's opcode names and specialized instructions, as summarize_stats.py 3.12
 * takes them from the running interpreter's `opcode` module, here from the bundled 3.12
 * table (generated from Lib/opcode.py of CPython 3.12.1: schemas/versions/sources/3.12):
 *  - OPNAME_3_12: `opname[0] = "<0>"`, then `opcode.opname[i]` with every `<N>`
 *    placeholder replaced, in order, by the next `opcode._specialized_instructions` entry
 *    (unused slots keep `<N>`). Indexes 256+ are pseudo-ops that never carry data.
 *  - SPECIALIZED_INSTRUCTIONS_3_12: `opcode._specialized_instructions`, every family of
 *    `_specializations` flattened (superinstructions with `__` in their names included:
 *    the 3.12 script drops those itself).
 */
// Imported as data (not read through schemas/versions/index.ts) because the browser's
// report renderer (pipeline/site/browser) renders 3.12 reports too.
import TABLES_3_12 from '../../schemas/versions/3.12.json' with { type: 'json' };

export const OPNAME_3_12: readonly string[] = TABLES_3_12.opnames;

export const SPECIALIZED_INSTRUCTIONS_3_12: readonly string[] = Object.values(TABLES_3_12.families).flat();
