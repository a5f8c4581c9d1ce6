/**
 * The trend metric catalog: every metric `pystats trend` knows, with a one-line
 * definition and the SQL behind it (a file in pipeline/trend/metrics plus the parameters
 * the catalog binds). docs/trends.md lists the same catalog; a test keeps them in step.
 *
 * Definitions follow summarize_stats.py's report wherever the report shows the number
 * (docs/format.md §3.4), so a trend point equals what the report of that run says.
 */
import type { CatalogQuery } from './trend-query.js';

export type MetricUnit = 'count' | 'percent' | 'per1k' | 'value';

export interface MetricArg {
  name: string;
  required: boolean;
  describe: string;
  /** Checks the argument; returns the value to bind or throws with a message. */
  check(value: string): string;
}

export interface MetricDef {
  id: string;
  arg: MetricArg | null;
  unit: MetricUnit;
  /** One line: what the number is, in the report's terms. */
  definition: string;
  /** The SQL file under pipeline/trend/metrics. */
  sqlFile: string;
  query(arg: string | null): CatalogQuery;
}

export class MetricArgError extends Error {}

const INSTRUCTION = /^[A-Z][A-Z0-9_]*$|^\d{1,3}$/;

function instructionArg(name: string, describe: string): MetricArg {
  return {
    name, required: true, describe,
    check(v) {
      if (!INSTRUCTION.test(v)) throw new MetricArgError(`${name} must be an instruction name like LOAD_ATTR, got ${JSON.stringify(v)}`);
      return v;
    },
  };
}

function choiceArg(name: string, choices: readonly string[], describe: string): MetricArg {
  return {
    name, required: false, describe,
    check(v) {
      if (!choices.includes(v)) throw new MetricArgError(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
      return v;
    },
  };
}

function patternArg(name: string, pattern: RegExp, describe: string): MetricArg {
  return {
    name, required: false, describe,
    check(v) {
      if (!pattern.test(v)) throw new MetricArgError(`${name}: ${JSON.stringify(v)} does not look like ${describe}`);
      return v;
    },
  };
}

function keysQuery(p: { num: string; den?: 'none' | 'instructions' | { re: string }; partRe?: string; part?: string | null; scale?: number }): CatalogQuery {
  const den = p.den ?? 'none';
  return {
    kind: 'catalog', sqlFile: 'keys.sql', hasDen: den !== 'none', scale: p.scale ?? 1,
    params: {
      num_re: p.num,
      den: typeof den === 'string' ? den : 'keys',
      den_re: typeof den === 'string' ? null : den.re,
      part_re: p.partRe ?? null,
      part: p.part ?? null,
    },
  };
}

function specFamily(kind: 'hit' | 'miss' | 'deferred' | 'deopt' | 'failure', definition: string): MetricDef {
  return {
    id: `spec.${kind}`,
    arg: instructionArg('FAMILY', 'family (base instruction), e.g. LOAD_ATTR'),
    unit: 'percent',
    definition,
    sqlFile: 'spec-family.sql',
    query: (family) => ({ kind: 'catalog', sqlFile: 'spec-family.sql', hasDen: true, scale: 100, params: { family, kind } }),
  };
}

const EFFECTIVENESS_PARTS = ['basic', 'not_specialized', 'hits', 'misses'] as const;

/** The counters of Python/pystats.c print_ft_stats (free-threaded builds). */
const FT_COUNTERS = ['mutex_sleeps', 'qsbr_polls', 'world_stops'] as const;

function uopArg(): MetricArg {
  return {
    name: 'NAME', required: true, describe: 'uop without a register suffix, e.g. _LOAD_FAST',
    check(v) {
      if (!/^_[A-Z][A-Z0-9_]*$/.test(v) || /_r[0-9]{2}$/.test(v)) {
        throw new MetricArgError(`NAME must be a uop name like _LOAD_FAST (without a _r01 register suffix), got ${JSON.stringify(v)}`);
      }
      return v;
    },
  };
}

export const METRICS: readonly MetricDef[] = [
  {
    id: 'instructions', arg: null, unit: 'count',
    definition: 'Total Tier-1 instructions executed: the sum of every opcode[NAME].execution_count (the total of the report\'s "Execution counts").',
    sqlFile: 'instructions.sql',
    query: () => ({ kind: 'catalog', sqlFile: 'instructions.sql', hasDen: false, scale: 1, params: {} }),
  },
  {
    id: 'opcode.count', arg: instructionArg('NAME', 'instruction, e.g. LOAD_ATTR_MODULE'), unit: 'count',
    definition: 'Execution count of one instruction: opcode[NAME].execution_count (the report\'s "Count" column). A gap where that CPython has no such instruction.',
    sqlFile: 'opcode.sql',
    query: (name) => ({ kind: 'catalog', sqlFile: 'opcode.sql', hasDen: false, scale: 1, needsSpecialized: true, params: { by: 'name', name, share: false } }),
  },
  {
    id: 'opcode.share', arg: instructionArg('NAME', 'instruction, e.g. LOAD_FAST'), unit: 'percent',
    definition: 'Share of one instruction in all Tier-1 instructions: opcode[NAME].execution_count / total, in % (the report\'s "Self" column).',
    sqlFile: 'opcode.sql',
    query: (name) => ({ kind: 'catalog', sqlFile: 'opcode.sql', hasDen: true, scale: 100, needsSpecialized: true, params: { by: 'name', name, share: true } }),
  },
  {
    id: 'family.count', arg: instructionArg('FAMILY', 'family (base instruction), e.g. LOAD_CONST'), unit: 'count',
    definition: 'Execution count of a family: its base instruction plus every specialized form (LOAD_CONST + LOAD_CONST_IMMORTAL + LOAD_CONST_MORTAL), continuous across renames.',
    sqlFile: 'opcode.sql',
    query: (name) => ({ kind: 'catalog', sqlFile: 'opcode.sql', hasDen: false, scale: 1, needsSpecialized: true, needsFamilies: true, params: { by: 'family', name, share: false } }),
  },
  {
    id: 'family.share', arg: instructionArg('FAMILY', 'family (base instruction), e.g. LOAD_ATTR'), unit: 'percent',
    definition: 'Share of a family (base + specialized forms) in all Tier-1 instructions, in %.',
    sqlFile: 'opcode.sql',
    query: (name) => ({ kind: 'catalog', sqlFile: 'opcode.sql', hasDen: true, scale: 100, needsSpecialized: true, needsFamilies: true, params: { by: 'family', name, share: true } }),
  },
  specFamily('hit', 'Specialization hit %: opcode[F].specialization.hit / (hit + miss + execution_count), the "hit" row of the report\'s stats for family F.'),
  specFamily('miss', 'Specialization miss %: opcode[F].specialization.miss / (hit + miss + execution_count), the report\'s "miss" row for family F.'),
  specFamily('deferred', 'Specialization deferred %: opcode[F].specialization.deferred / (hit + miss + execution_count), the report\'s "deferred" row for family F.'),
  specFamily('deopt', 'Specialization deopt %: opcode[F].specialization.deopt / (hit + miss + execution_count), the report\'s "deopt" row for family F.'),
  specFamily('failure', 'Specialization failure %: opcode[F].specialization.failure / (success + failure), the "Failure" row of the report\'s attempts table for family F.'),
  {
    id: 'effectiveness', arg: choiceArg('PART', EFFECTIVENESS_PARTS, 'one row (default: all four)'), unit: 'percent',
    definition: 'The report\'s "Specialization effectiveness" rows (Basic, Not specialized, Specialized hits, Specialized misses) as % of Tier-1 instructions, 3.13+ rule for every version.',
    sqlFile: 'effectiveness.sql',
    query: (part) => ({ kind: 'catalog', sqlFile: 'effectiveness.sql', hasDen: true, scale: 100, needsSpecialized: true, params: { part } }),
  },
  {
    id: 'mix', arg: patternArg('N', /^(?:[1-9]|[1-4]\d|50)$/, 'a number of instructions, 1 to 50 (default 10)'), unit: 'percent',
    definition: 'Top-N instruction mix: the N instructions with the largest mean share over the trend, each a line of its share of Tier-1 instructions in %.',
    sqlFile: 'mix.sql',
    query: (n) => ({
      kind: 'catalog', sqlFile: 'mix.sql', hasDen: true, scale: 100, needsSpecialized: true, params: { n: Number(n ?? 10) },
      top: { sqlFile: 'mix-top.sql', n: Number(n ?? 10) }, prepare: 'mix-executions.sql',
    }),
  },
  {
    id: 'uops.executed', arg: null, unit: 'count',
    definition: 'Tier-2 micro-ops executed: "Optimization uops executed" (tier-2 and JIT builds only; a gap elsewhere).',
    sqlFile: 'keys.sql',
    query: () => keysQuery({ num: '^Optimization uops executed$' }),
  },
  {
    id: 'traces.created', arg: null, unit: 'count',
    definition: 'Tier-2 traces created: "Optimization traces created" (tier-2 and JIT builds only).',
    sqlFile: 'keys.sql',
    query: () => keysQuery({ num: '^Optimization traces created$' }),
  },
  {
    id: 'optimizer.success', arg: null, unit: 'percent',
    definition: 'Optimizer success ratio: "Optimization optimizer successes" / "Optimization optimizer attempts", in % (the report\'s "Optimizer successes" ratio).',
    sqlFile: 'keys.sql',
    query: () => keysQuery({ num: '^Optimization optimizer successes$', den: { re: '^Optimization optimizer attempts$' }, scale: 100 }),
  },
  {
    id: 'gc.collections', arg: patternArg('GEN', /^\d$/, 'a GC generation number (default: every generation)'), unit: 'count',
    definition: 'GC collections per generation: "GC[i] collections", one line per generation i (3.13+).',
    sqlFile: 'keys.sql',
    query: (gen) => keysQuery({ num: '^GC\\[\\d+\\] collections$', partRe: '^GC\\[(\\d+)\\]', part: gen }),
  },
  {
    id: 'alloc.per_kinstr', arg: null, unit: 'per1k',
    definition: 'Object allocations per 1,000 Tier-1 instructions: ("Object allocations" + "Object allocations from freelist") * 1000 / instructions (the report\'s total allocations).',
    sqlFile: 'keys.sql',
    query: () => keysQuery({ num: '^Object allocations( from freelist)?$', den: 'instructions', scale: 1000 }),
  },
  {
    id: 'frees.per_kinstr', arg: null, unit: 'per1k',
    definition: 'Object frees per 1,000 Tier-1 instructions: ("Object frees" + "Object frees to freelist") * 1000 / instructions.',
    sqlFile: 'keys.sql',
    query: () => keysQuery({ num: '^Object frees( to freelist)?$', den: 'instructions', scale: 1000 }),
  },
  {
    id: 'frames.pushed', arg: null, unit: 'count',
    definition: 'Frames pushed: "Frames pushed" (the report\'s Call stats).',
    sqlFile: 'keys.sql',
    query: () => keysQuery({ num: '^Frames pushed$' }),
  },
  {
    id: 'calls.inlined', arg: null, unit: 'percent',
    definition: 'Inlined-call ratio: "Calls to Python functions inlined" / the sum of the "Calls to ..." keys, in % (the report\'s Call stats ratio).',
    sqlFile: 'keys.sql',
    query: () => keysQuery({ num: '^Calls to Python functions inlined$', den: { re: 'Calls to' }, scale: 100 }),
  },
  {
    id: 'uop.count', arg: uopArg(), unit: 'count',
    definition: 'Execution count of one tier-2 uop: uops[NAME].execution_count plus its 3.15 register variants uops[NAME_r01], uops[NAME_r12]… (key_parts.base_uop), so the series stays continuous across the split.',
    sqlFile: 'keys.sql',
    query: (name) => keysQuery({ num: '^uops\\[_[A-Za-z0-9_]+\\]\\.execution_count$', partRe: '^uops\\[(_[A-Z0-9_]+?)(?:_r[0-9]{2})?\\]', part: name }),
  },
  {
    id: 'ft', arg: choiceArg('COUNTER', FT_COUNTERS, 'one counter (default: all three)'), unit: 'count',
    definition: 'Free-threaded build counters (3.15+): "Mutex sleeps (mutex_sleeps)", "QSBR polls (qsbr_polls)", "World stops (world_stops)", one line each. Builds before the per-thread merge fix (python/cpython PR #155069) hold only the last thread\'s count.',
    sqlFile: 'keys.sql',
    query: (counter) => keysQuery({ num: '^(Mutex sleeps|QSBR polls|World stops) \\([a-z_]+\\)$', partRe: '\\(([a-z_]+)\\)$', part: counter }),
  },
  {
    id: 'rare', arg: patternArg('EVENT', /^[a-z_]+$/, 'a rare event name like set_class (default: every event)'), unit: 'count',
    definition: 'Rare events: "Rare event (EVENT)" counts, one line per event (3.13+).',
    sqlFile: 'keys.sql',
    query: (event) => keysQuery({ num: '^Rare event \\(', partRe: '^Rare event \\((.*)\\)$', part: event }),
  },
];

/** The custom metric: not in METRICS because its SQL comes from the user's expression. */
export const CUSTOM_METRIC = {
  id: 'custom',
  definition: 'An SQL arithmetic expression over keys written as quoted identifiers, e.g. "Object allocations" / "Frames pushed" (--expr; a * in a key sums every match).',
} as const;

export function findMetric(id: string): MetricDef | undefined {
  return METRICS.find((m) => m.id === id);
}

/** `METRIC` or `METRIC:ARG`, checked against the catalog. */
export function resolveMetric(spec: string): { def: MetricDef; arg: string | null } {
  const colon = spec.indexOf(':');
  const id = colon < 0 ? spec : spec.slice(0, colon);
  const rawArg = colon < 0 ? null : spec.slice(colon + 1);
  const def = findMetric(id);
  if (!def) throw new MetricArgError(`unknown metric ${JSON.stringify(id)}; see \`pystats trend --list\``);
  if (!def.arg) {
    if (rawArg !== null) throw new MetricArgError(`metric ${id} takes no argument`);
    return { def, arg: null };
  }
  if (rawArg === null || rawArg === '') {
    if (def.arg.required) throw new MetricArgError(`metric ${id} needs ${def.arg.name}: ${id}:${def.arg.name} (${def.arg.describe})`);
    return { def, arg: null };
  }
  return { def, arg: def.arg.check(rawArg) };
}

/** Axis text for a unit. */
export function unitLabel(unit: MetricUnit): string {
  return { count: 'count', percent: '%', per1k: 'per 1,000 instructions', value: 'value' }[unit];
}
