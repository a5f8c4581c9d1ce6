/**
 * A custom trend metric: an SQL arithmetic expression over counter keys, e.g.
 *
 *   "Object allocations" / "Frames pushed"
 *   100 * "opcode[LOAD_ATTR].specialization.hit" / "opcode[LOAD_ATTR].execution_count"
 *   "opcode[LOAD_ATTR_*].execution_count"          (a '*' sums every matching key)
 *
 * This is the one place user text shapes SQL, so it is confined by construction: the
 * expression is parsed here into a small grammar (numbers, + - * /, parentheses, a few
 * whitelisted functions, keys written as SQL quoted identifiers "..."), and the SQL is
 * regenerated from the parse tree. Keys never reach the SQL text: each becomes a bound
 * parameter ($k0, $k1, ...) that selects counters. Numbers are re-emitted only after
 * matching a strict numeric pattern. Anything else is refused with the position of the
 * offending character. Division is emitted as `a / nullif(b, 0)` and ln/sqrt are
 * guarded, so no input can make DuckDB raise an error mid-query.
 */

export class CustomMetricError extends Error {}

export interface KeyRef {
  /** The key as written, or a LIKE pattern when it contains '*'. */
  text: string;
  glob: boolean;
}

type Node =
  | { kind: 'num'; text: string }
  | { kind: 'key'; index: number }
  | { kind: 'neg'; arg: Node }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Node; right: Node }
  | { kind: 'call'; fn: string; args: Node[] };

const FUNCTIONS: Record<string, { min: number; max: number }> = {
  abs: { min: 1, max: 1 },
  ln: { min: 1, max: 1 },
  log10: { min: 1, max: 1 },
  sqrt: { min: 1, max: 1 },
  greatest: { min: 2, max: 8 },
  least: { min: 2, max: 8 },
  coalesce: { min: 2, max: 8 },
  nullif: { min: 2, max: 2 },
};

const MAX_LENGTH = 2000;
const MAX_KEYS = 32;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

type Token =
  | { t: 'num'; text: string; pos: number }
  | { t: 'key'; text: string; pos: number }
  | { t: 'name'; text: string; pos: number }
  | { t: 'op'; text: string; pos: number }
  | { t: 'end'; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = NUMBER.exec(src.slice(i));
    if (num) { out.push({ t: 'num', text: num[0], pos: i }); i += num[0].length; continue; }
    if (c === '"') {
      // SQL quoted identifier: "" inside stands for one ".
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= src.length) throw new CustomMetricError(`unterminated key starting at character ${i + 1}`);
        if (src[j] === '"') {
          if (src[j + 1] === '"') { text += '"'; j += 2; continue; }
          break;
        }
        text += src[j++];
      }
      if (text.trim() === '') throw new CustomMetricError(`empty key at character ${i + 1}`);
      out.push({ t: 'key', text, pos: i });
      i = j + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) { out.push({ t: 'name', text: name[0], pos: i }); i += name[0].length; continue; }
    if ('+-*/(),'.includes(c)) { out.push({ t: 'op', text: c, pos: i }); i++; continue; }
    throw new CustomMetricError(`unexpected ${JSON.stringify(c)} at character ${i + 1}`);
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

class Parser {
  private i = 0;
  readonly keys: KeyRef[] = [];

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.expr();
    const t = this.peek();
    if (t.t !== 'end') throw this.error(t, 'expected an operator or the end');
    return node;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.text === text;
  }

  private error(t: Token, what: string): CustomMetricError {
    const found = t.t === 'end' ? 'the end' : JSON.stringify((t as { text: string }).text);
    return new CustomMetricError(`${what}, found ${found} at character ${t.pos + 1}`);
  }

  private expr(): Node {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next() as { text: '+' | '-' };
      left = { kind: 'bin', op: op.text, left, right: this.term() };
    }
    return left;
  }

  private term(): Node {
    let left = this.factor();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next() as { text: '*' | '/' };
      left = { kind: 'bin', op: op.text, left, right: this.factor() };
    }
    return left;
  }

  private factor(): Node {
    const t = this.next();
    if (t.t === 'num') return { kind: 'num', text: t.text };
    if (t.t === 'key') return { kind: 'key', index: this.keyIndex(t.text) };
    if (t.t === 'op' && t.text === '-') return { kind: 'neg', arg: this.factor() };
    if (t.t === 'op' && t.text === '(') {
      const inner = this.expr();
      if (!this.isOp(')')) throw this.error(this.peek(), 'expected ")"');
      this.next();
      return inner;
    }
    if (t.t === 'name') {
      const fn = t.text.toLowerCase();
      const spec = FUNCTIONS[fn];
      if (!spec) {
        throw new CustomMetricError(
          `unknown name ${JSON.stringify(t.text)} at character ${t.pos + 1}: write keys in double quotes ` +
          `("Frames pushed"); functions allowed: ${Object.keys(FUNCTIONS).join(', ')}`,
        );
      }
      if (!this.isOp('(')) throw this.error(this.peek(), `expected "(" after ${fn}`);
      this.next();
      const args = [this.expr()];
      while (this.isOp(',')) { this.next(); args.push(this.expr()); }
      if (!this.isOp(')')) throw this.error(this.peek(), 'expected ")"');
      this.next();
      if (args.length < spec.min || args.length > spec.max) {
        throw new CustomMetricError(`${fn} takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} arguments, got ${args.length}`);
      }
      return { kind: 'call', fn, args };
    }
    throw this.error(t, 'expected a number, a "key", a function or "("');
  }

  private keyIndex(text: string): number {
    const found = this.keys.findIndex((k) => k.text === text);
    if (found >= 0) return found;
    if (this.keys.length >= MAX_KEYS) throw new CustomMetricError(`at most ${MAX_KEYS} distinct keys`);
    this.keys.push({ text, glob: text.includes('*') });
    return this.keys.length - 1;
  }
}

export interface CustomMetric {
  source: string;
  keys: KeyRef[];
  /** The expression as SQL, each key written by `component(i)`. */
  toSql(component: (index: number) => string): string;
}

export function parseCustomMetric(source: string): CustomMetric {
  if (source.length > MAX_LENGTH) throw new CustomMetricError(`expression longer than ${MAX_LENGTH} characters`);
  if (source.trim() === '') throw new CustomMetricError('empty expression');
  const parser = new Parser(tokenize(source));
  const tree = parser.parse();
  if (parser.keys.length === 0) throw new CustomMetricError('the expression names no key (write keys in double quotes)');
  return { source, keys: parser.keys, toSql: (component) => emit(tree, component) };
}

function emit(n: Node, component: (index: number) => string): string {
  switch (n.kind) {
    case 'num':
      // Re-checked so only text matching the strict pattern is ever emitted.
      if (NUMBER.exec(n.text)?.[0] !== n.text) throw new CustomMetricError(`bad number ${n.text}`);
      return `${n.text}::DOUBLE`;
    case 'key':
      return component(n.index);
    case 'neg':
      return `(-${emit(n.arg, component)})`;
    case 'bin': {
      const l = emit(n.left, component);
      const r = emit(n.right, component);
      return n.op === '/' ? `(${l} / nullif(${r}, 0))` : `(${l} ${n.op} ${r})`;
    }
    case 'call': {
      const args = n.args.map((a) => emit(a, component));
      if (n.fn === 'ln' || n.fn === 'log10') return `(CASE WHEN ${args[0]} > 0 THEN ${n.fn}(${args[0]}) END)`;
      if (n.fn === 'sqrt') return `(CASE WHEN ${args[0]} >= 0 THEN sqrt(${args[0]}) END)`;
      return `${n.fn}(${args.join(', ')})`;
    }
  }
}

/** A '*' key as a LIKE pattern: '*' matches anything, the rest literally. */
export function keyLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}
