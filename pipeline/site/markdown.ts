/**
 * A report's exact Markdown as HTML, by marked (GitHub-flavoured: tables, headings). Runs in
 * the browser: the report pages' bundle (browser/report-page.ts) converts with it.
 *
 * marked passes raw HTML through untouched, and summarize_stats.py's reports are mostly
 * raw HTML (<details>, <table>) whose cells hold names from the input files. So raw HTML
 * keeps only the tags the report renderer writes (pipeline/report/render-html.ts),
 * with no attribute but `align`; every other `<`, `>` and bare `&` becomes text. A key
 * named `<script>` in a counters file shows as that text, it never runs. `align` (which
 * HTML5 deprecates) becomes a class, in raw HTML and in Markdown tables alike.
 *
 * Links: a report's links line points at bench_runner's sibling `.md` files; `link` maps
 * each href to a page of the site, or null to leave its text unlinked.
 */
import { Marked, type Tokens } from 'marked';
import { esc } from './html.js';

const REPORT_TAGS = new Set(['details', 'summary', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'p', 'code', 'b', 'i', 'em', 'strong']);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+align="(?:left|right|center)")?)\s*>/g;

/** Raw HTML with only the report's own tags kept; everything else escaped. */
export function keepReportTags(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    out += escapeText(text.slice(last, m.index));
    out += REPORT_TAGS.has(m[2].toLowerCase()) ? `<${m[1]}${m[2].toLowerCase()}${alignClass(m[3])}>` : esc(m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeText(text.slice(last));
}

function alignClass(attr: string | null | undefined): string {
  const align = attr ? /(left|right|center)/.exec(attr)?.[1] : undefined;
  return align ? ` class="${align}"` : '';
}

/** Text between tags: entities the renderer may write stay, anything else is escaped. */
function escapeText(s: string): string {
  return s.replace(/&(?![A-Za-z][A-Za-z0-9]*;|#\d+;|#x[0-9A-Fa-f]+;)|[<>"]/g, (c) => esc(c));
}

export type LinkMap = (href: string) => string | null;

export function markdownToHtml(markdown: string, link: LinkMap = () => null): string {
  const md = new Marked({
    gfm: true,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return keepReportTags(token.text);
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        const target = link(token.href);
        return target === null ? text : `<a href="${esc(target)}">${text}</a>`;
      },
      tablecell(token: Tokens.TableCell): string {
        const tag = token.header ? 'th' : 'td';
        return `<${tag}${alignClass(token.align)}>${this.parser.parseInline(token.tokens)}</${tag}>\n`;
      },
      image(token: Tokens.Image): string {
        return esc(token.text);
      },
    },
  });
  return md.parse(markdown, { async: false });
}
