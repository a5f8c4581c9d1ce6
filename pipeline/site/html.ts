/**
 * HTML templates as tagged strings: html`<p>${text}</p>` escapes every interpolated value
 * unless it is already Html (another template's result, or raw() for trusted markup), so
 * a store value (a fork, a benchmark, a key) can never become markup.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function esc(s: string): string {
  // Most values (numbers, names) have nothing to escape: a test is cheaper than a replace.
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]) : s;
}

function part(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(part).join('');
  return esc(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup built elsewhere and known safe (the sanitized report HTML, an SVG we drew). */
export function raw(text: string): Html {
  return new Html(text);
}

/** JSON for a <script type="application/json"> block: `</script>` and `<!--` cannot end it early. */
export function scriptJson(value: unknown): Html {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c'));
}
