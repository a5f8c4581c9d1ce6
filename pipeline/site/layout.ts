/** The frame every page shares: head, navigation, the site's stylesheet and scripts. */
import { html, type Html } from './html.js';
import { assetPath, href, INDEX_PAGE, RUNS_PAGE } from './paths.js';

export interface PageOptions {
  /** The page's own path from the site root (links are made relative to it). */
  path: string;
  title: string;
  /** The page draws Vega-Lite charts: load the bundled Vega, Vega-Lite and vega-embed. */
  charts?: boolean;
  /** Runs the small script of the site (charts, sortable tables). */
  script?: boolean;
  /** More scripts, by path from the site root, run in order after the others. */
  pageScripts?: readonly string[];
}

export const VEGA_SCRIPTS = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'] as const;

export function page(o: PageOptions, body: Html): string {
  const to = (p: string) => href(o.path, p);
  const scripts = [...(o.charts ? VEGA_SCRIPTS : []), ...(o.charts || o.script ? ['site.js'] : [])].map(assetPath);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} \u00b7 pystats</title>
<link rel="stylesheet" href="${to(assetPath('site.css'))}">
${[...scripts, ...(o.pageScripts ?? [])].map((s) => html`<script src="${to(s)}" defer></script>\n`)}</head>
<body>
<nav class="top" aria-label="site"><a href="${to(INDEX_PAGE)}">pystats</a> <a href="${to(INDEX_PAGE)}#metrics">metrics</a> <a href="${to(RUNS_PAGE)}">runs</a></nav>
<main>
${body}
</main>
</body>
</html>
`.text;
}
