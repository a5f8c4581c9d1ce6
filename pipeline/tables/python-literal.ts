/**
 * Reads the few Python literals CPython's generated and hand-written opcode modules hold
 * (`_specializations`, `_specialized_opmap`, `opmap`), without running Python:
 *   3.13/3.14  `NAME = {"KEY": [...], ...}` and `NAME = {'KEY': 1, ...}`
 *   3.15+      `NAME = frozendict(KEY=(...), ...)` and `NAME = frozendict(KEY=1, ...)`
 *   3.12       `NAME = {"KEY": [...], ...}` in Lib/opcode.py
 * Mappings keep their file order (the order Python's dict has), which is what
 * summarize_stats.py sees when it iterates `opcode._specialized_opmap.keys()`.
 */

export type PyValue = string | number | PyValue[] | PyMapping;

/** A dict or frozendict, as its (key, value) pairs in file order. */
export interface PyMapping { mapping: [string, PyValue][] }

export class PythonLiteralError extends Error {}

type Token = { kind: 'str' | 'int' | 'name' | 'punct'; text: string; at: number };

/**
 * The value assigned to `name` at the start of a line (`name = ...`), parsed. Null when
 * the file assigns no such name.
 */
export function readAssignment(source: string, name: string): PyValue | null {
  const m = new RegExp(`^${name}\\s*=\\s*`, 'm').exec(source);
  if (!m) return null;
  const tokens = tokenize(source, m.index + m[0].length);
  const parser = new Parser(tokens, name);
  return parser.value();
}

export function isMapping(v: PyValue | null): v is PyMapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Tokens from `start` on, lazily enough: the parser stops at the end of the value. */
function* tokenize(src: string, start: number): Generator<Token> {
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const at = i;
      let text = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') i++;
        if (src[i] === '\n') throw new PythonLiteralError(`unterminated string at offset ${at}`);
        text += src[i++];
      }
      if (i >= src.length) throw new PythonLiteralError(`unterminated string at offset ${at}`);
      i++;
      yield { kind: 'str', text, at };
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+/.exec(src.slice(i, i + 32));
      if (!m) throw new PythonLiteralError(`unexpected "${c}" at offset ${i}`);
      yield { kind: 'int', text: m[0], at: i };
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z_0-9]*/.exec(src.slice(i, i + 200))!;
      yield { kind: 'name', text: m[0], at: i };
      i += m[0].length;
    } else if ('{}[](),:='.includes(c)) {
      yield { kind: 'punct', text: c, at: i };
      i++;
    } else {
      throw new PythonLiteralError(`unexpected "${c}" at offset ${i}`);
    }
  }
}

class Parser {
  private peeked: Token | undefined;

  constructor(private readonly tokens: Generator<Token>, private readonly what: string) {}

  private fail(msg: string): never {
    throw new PythonLiteralError(`${this.what}: ${msg}`);
  }

  private peek(): Token {
    if (!this.peeked) {
      const next = this.tokens.next();
      if (next.done) this.fail('the value ends before it is complete');
      this.peeked = next.value;
    }
    return this.peeked;
  }

  private take(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private expect(text: string): void {
    const t = this.take();
    if (t.kind !== 'punct' || t.text !== text) this.fail(`expected "${text}" at offset ${t.at}, found "${t.text}"`);
  }

  /** True (and consumed) when the next token is the punctuation `text`. */
  private accept(text: string): boolean {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === text) {
      this.take();
      return true;
    }
    return false;
  }

  value(): PyValue {
    const t = this.take();
    if (t.kind === 'str') return t.text;
    if (t.kind === 'int') return Number(t.text);
    if (t.kind === 'punct' && t.text === '{') return this.dict();
    if (t.kind === 'punct' && t.text === '[') return this.sequence(']');
    if (t.kind === 'punct' && t.text === '(') return this.sequence(')');
    if (t.kind === 'name' && (t.text === 'frozendict' || t.text === 'dict')) {
      this.expect('(');
      if (this.peek().kind === 'punct' && this.peek().text === '{') {
        this.take();
        const d = this.dict();
        this.expect(')');
        return d;
      }
      return this.keywordCall();
    }
    return this.fail(`unsupported value "${t.text}" at offset ${t.at}`);
  }

  /** After `{`: `key: value, ...}` with string keys. */
  private dict(): PyMapping {
    const mapping: [string, PyValue][] = [];
    while (!this.accept('}')) {
      const key = this.take();
      if (key.kind !== 'str') this.fail(`expected a string key at offset ${key.at}`);
      this.expect(':');
      mapping.push([key.text, this.value()]);
      if (!this.accept(',')) {
        this.expect('}');
        break;
      }
    }
    return { mapping };
  }

  /** After `frozendict(`: `KEY=value, ...)`. */
  private keywordCall(): PyMapping {
    const mapping: [string, PyValue][] = [];
    while (!this.accept(')')) {
      const key = this.take();
      if (key.kind !== 'name') this.fail(`expected a keyword at offset ${key.at}`);
      this.expect('=');
      mapping.push([key.text, this.value()]);
      if (!this.accept(',')) {
        this.expect(')');
        break;
      }
    }
    return { mapping };
  }

  /** After `[` or `(`: `value, ...` up to `close`. */
  private sequence(close: string): PyValue[] {
    const items: PyValue[] = [];
    while (!this.accept(close)) {
      items.push(this.value());
      if (!this.accept(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }
}
