/**
 * The static site of the bundled sample (the store `make run` builds), built by the real
 * CLI and opened from disk in a real headless Chromium (the system's, driven by
 * puppeteer-core; `make test` installs it when missing). Checked against the store:
 * every chart draws one mark per point with a value, a step's link opens the comparison
 * of the two commits around it and its tables hold those commits' counters. Report pages
 * are rendered by the browser from the runs' data scripts: their Markdown is byte for byte
 * what `pystats report` prints. Every page's links resolve to files, and the HTML is valid
 * (html-validate), report pages as the browser rendered them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { HtmlValidate } from 'html-validate';
import { fromRoot } from '../pipeline/package-root.js';
import { openReadStore, type Store } from '../pipeline/store/store.js';
import { computeTrend, type TrendResult } from '../pipeline/trend/run-trend.js';
import { reportForRuns } from '../pipeline/report/stored-report.js';
import { getRun } from '../pipeline/runs/read-runs.js';
import { ReportDataError } from '../pipeline/report/errors.js';
import { keepReportTags, markdownToHtml } from '../pipeline/site/markdown.js';
import { keyName } from '../pipeline/site/paths.js';
import { MANIFEST_DIR, MANIFEST_FILE, siteManifest } from '../pipeline/site/site-writer.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = fromRoot('out', 'site-test');
const SITE = join(OUT, 'site');
const work = mkdtempSync(join(tmpdir(), 'pystats-site-'));
const db = join(work, 'sample.duckdb');
const DATE = '2025-01-01';

let store: Store;
let browser: Browser;
const trends = new Map<string, TrendResult>();

function pystats(...args: string[]): string {
  return execFileSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), ...args], { cwd: fromRoot(), encoding: 'utf8' });
}

async function trend(metric: string): Promise<TrendResult> {
  if (!trends.has(metric)) trends.set(metric, await computeTrend(store.conn, { metric }));
  return trends.get(metric)!;
}

function presentPoints(r: TrendResult, key: string): number {
  return r.series.filter((s) => s.key === key).reduce((n, s) => n + s.points.filter((p) => p.value !== null).length, 0);
}

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
// A page as the browser holds it, serialized: the DOM writes boolean attributes as `defer=""`,
// and the Markdown under its toggle keeps the report's trailing spaces.
const domValidator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'attribute-boolean-style': 'off', 'no-trailing-whitespace': 'off' } });

async function validate(text: string, name: string, dom = false): Promise<string[]> {
  const report = await (dom ? domValidator : validator).validateString(text, name);
  return report.results.flatMap((r) => r.messages.map((m) => `${name}:${m.line}: ${m.ruleId}: ${m.message}`));
}

/** A report page once the browser rendered it: its exact Markdown and its HTML. */
async function renderedReport(path: string): Promise<{ page: Page; problems: string[]; markdown: string; state: string }> {
  const { page, problems } = await open(path);
  await page.waitForSelector('#report[data-rendered]', { timeout: 30_000 });
  const state = await page.$eval('#report', (el) => (el as HTMLElement).dataset.rendered!);
  const markdown = await page.$eval('#report-markdown', (el) => el.textContent!);
  return { page, problems, markdown, state };
}

function htmlFiles(): string[] {
  return readdirSync(SITE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
}

/**
 * A page opened from disk, with every console error, page error and non-file request
 * recorded in `problems`, and console warnings in `warnings`.
 */
async function open(path: string): Promise<{ page: Page; problems: string[]; warnings: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const warnings: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url().startsWith('file://')) return void req.continue();
    problems.push(`external request: ${req.url()}`);
    void req.abort();
  });
  page.on('requestfailed', (req) => problems.push(`failed request: ${req.url()} ${req.failure()?.errorText}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    if (m.type() === 'warn') warnings.push(m.text());
  });
  page.on('pageerror', (err) => problems.push(`page error: ${String(err)}`));
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(join(SITE, path)).href, { waitUntil: 'load' });
  return { page, problems, warnings };
}

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  pystats('ingest', 'data/raw/raw-multi-coroutines', 'data/bench_runner', '--db', db);
  const printed = pystats('site', '--db', db, '-o', SITE, '--date', DATE).trim();
  expect(printed).toBe(join(SITE, 'index.html'));
  store = await openReadStore({ db });
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${join(work, 'chromium-profile')}`,
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  store?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('site files', () => {
  it('has the pages: index, runs, one per configuration, series, metric, run and step comparison; a manifest of them', () => {
    const files = htmlFiles();
    expect(files).toContain('index.html');
    expect(files.filter((f) => f.startsWith('configs/')).length).toBeGreaterThan(1);
    expect(files.filter((f) => f.startsWith('series/')).length).toBeGreaterThan(3);
    const written = readdirSync(SITE, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(SITE, f)).isFile() && f !== MANIFEST_FILE && !f.startsWith(`${MANIFEST_DIR}/`)).sort();
    expect(Object.keys(siteManifest(SITE)).sort()).toEqual(written);
    expect(files).toContain('runs.html');
    expect(files.filter((f) => f.startsWith('metrics/')).length).toBeGreaterThanOrEqual(20);
    const runs = Number(pystats('sql', 'SELECT count(*) FROM runs', '--db', db, '--format', 'csv').split('\n')[1]);
    expect(files.filter((f) => f.startsWith('runs/'))).toHaveLength(runs);
    expect(files.filter((f) => f.startsWith('compare/')).length).toBeGreaterThan(0);
    expect(readdirSync(join(SITE, 'runs', 'data')).filter((f) => /^\d+\.js$/.test(f))).toHaveLength(runs);
    for (const a of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'site.js', 'site.css', 'report.js']) {
      expect(existsSync(join(SITE, 'assets', a)), a).toBe(true);
    }
  });

  it('every internal link and asset resolves to a file, and nothing points outside', () => {
    let links = 0;
    for (const f of htmlFiles()) {
      const text = readFileSync(join(SITE, f), 'utf8');
      for (const m of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const url = m[1].replace(/&amp;/g, '&');
        if (url.startsWith('#')) continue;
        expect(url, `${f}: ${url}`).not.toMatch(/^[a-z]+:/i);
        const target = resolve(dirname(join(SITE, f)), url.split('#')[0]);
        expect(existsSync(target), `${f} links to ${url}`).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(500);
    // The chart data files each metric page lists (loaded by its script, not linked): one per
    // series, every metric's, holding the page's own metric.
    let data = 0;
    for (const f of htmlFiles().filter((x) => x.startsWith('metrics/'))) {
      const text = readFileSync(join(SITE, f), 'utf8');
      const m = /<script type="application\/json" id="chart-series">(.*?)<\/script>/s.exec(text);
      const metric = /<div class="chart" id="chart" data-metric="([^"]*)"/.exec(text)?.[1].replace(/&amp;/g, '&');
      for (const entry of m ? JSON.parse(m[1]) as Array<[string, string, string, string, number]> : []) {
        expect(entry).toHaveLength(5);
        const file = resolve(dirname(join(SITE, f)), entry[3]);
        expect(relative(SITE, file), `${f}: ${entry[3]}`).toBe(`data/${entry[2]}.js`);
        expect(readFileSync(file, 'utf8'), `${f}: ${entry[3]}`).toContain(`${JSON.stringify(metric)}:{"lines":`);
        data++;
      }
    }
    expect(data).toBeGreaterThan(100);
    const series = htmlFiles().filter((x) => x.startsWith('series/')).length;
    expect(readdirSync(join(SITE, 'data'))).toHaveLength(series);
  });

  it('HTML is valid (html-validate, recommended rules): every page as written', async () => {
    for (const f of htmlFiles()) expect(await validate(readFileSync(join(SITE, f), 'utf8'), f), f).toEqual([]);
  });

  it('markup in a report is text: only the report renderer\'s own tags survive', () => {
    const hostile = '<td align="right"><script>alert(1)</script><img src=x onerror="alert(2)"></td>';
    expect(keepReportTags(hostile)).toBe('<td class="right">&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</td>');
    const md = markdownToHtml('## Keys\n\n<table>\n<tr>\n<td align="left">opcode[<b onclick="x()">]</td>\n</tr>\n</table>\n\n[a](https://example.org/x.md)\n');
    expect(md).not.toMatch(/<[^>]*onclick|<a |<script/);
    expect(md).toContain('&lt;b onclick=&quot;x()&quot;&gt;');
  });
});

describe('site in a real browser (Chromium, file://)', () => {
  /** Every small chart of a page: its metric, series and the vertices of its lines. */
  async function cardsOf(page: Page) {
    return page.$$eval('figure.card', (figs) => figs.map((f) => ({
      metric: f.getAttribute('data-metric')!,
      series: f.getAttribute('data-series')!,
      vertices: [...f.querySelectorAll('path.spark-line')]
        .reduce((n, p) => n + (p.getAttribute('d')!.match(/[ML]/g)?.length ?? 0), 0),
    })));
  }

  it('index and series pages: no error, no external request, each small chart draws one vertex per point of its series', async () => {
    const { page, problems } = await open('index.html');
    const headline = await cardsOf(page);
    expect(headline.length).toBeGreaterThan(3);
    for (const c of headline) expect(c.vertices, `${c.metric} ${c.series}`).toBe(presentPoints(await trend(c.metric), c.series));
    await page.screenshot({ path: join(OUT, 'index.png') });
    const seriesPages = await page.$$eval('a', (as) => [...new Set(as.map((a) => a.getAttribute('href')!).filter((h) => h.startsWith('series/')))]);
    expect(problems).toEqual([]);
    await page.close();
    // Every series has its page (reached from a configuration page), with a card per metric.
    const all = htmlFiles().filter((f) => f.startsWith('series/'));
    expect(all.length).toBeGreaterThan(3);
    expect(seriesPages.length).toBeGreaterThan(0);
    let cards = 0;
    for (const f of all) {
      const s = await open(f);
      for (const c of await cardsOf(s.page)) {
        expect(c.vertices, `${f}: ${c.metric} ${c.series}`).toBe(presentPoints(await trend(c.metric), c.series));
        cards++;
      }
      expect(s.problems, f).toEqual([]);
      await s.page.close();
    }
    expect(cards).toBeGreaterThan(100);
    // An independent count for one card: the main series' instructions have one point per
    // dated commit of its runs, straight from the runs table.
    const key = 'fork=python flags=default machine=x86_64 benchmark=all';
    const [[commits]] = (await store.conn.runAndReadAll(
      `SELECT count(DISTINCT commit_hash) FROM runs WHERE fork = 'python' AND coalesce(flags, '') = '' AND benchmark = 'all' AND commit_date IS NOT NULL`,
    )).getRows();
    const main = all.find((f) => readFileSync(join(SITE, f), 'utf8').includes(`data-series="${key}"`))!;
    const s = await open(main);
    expect((await cardsOf(s.page)).find((c) => c.metric === 'instructions')!.vertices).toBe(Number(commits));
    await s.page.screenshot({ path: join(OUT, 'series.png') });
    await s.page.close();
  }, 120_000);

  it('metric page: the chart of each series, loaded on demand, draws every point and step of it; the pickers switch series', async () => {
    const metric = 'spec.hit:LOAD_ATTR';
    const r = await trend(metric);
    const { page, problems, warnings } = await open('metrics/spec.hit--LOAD_ATTR.html');
    await page.waitForSelector('#chart[data-rendered="true"]', { timeout: 30_000 });
    const points = () => page.$$eval('#chart svg g.mark-symbol.role-mark:not(.steps_marks) > path', (ps) => ps.length);
    const stepMarks = () => page.$$eval('#chart svg g.mark-symbol.steps_marks > path', (ps) => ps.length);
    const list = JSON.parse(await page.$eval('#chart-series', (el) => el.textContent!)) as Array<[string, string, string, string, number]>;
    expect(new Set(list.map((e) => e[2])).size).toBe(new Set(r.series.map((s) => s.key)).size);
    const keyOf = new Map(r.series.map((s) => [keyName(s.key), s.key]));
    let drawn = 0;
    for (const [config, , name] of list) {
      await page.select('#pick-config', config);
      await page.select('#pick-series', name);
      await page.waitForFunction((n) => {
        const el = document.getElementById('chart')!;
        return el.dataset.series === n && el.dataset.rendered === 'true';
      }, { timeout: 30_000 }, name);
      const lines = r.series.filter((s) => s.key === keyOf.get(name));
      expect(await points(), name).toBe(lines.reduce((n, s) => n + s.points.filter((p) => p.value !== null).length, 0));
      expect(await stepMarks(), name).toBe(lines.reduce((n, s) => n + s.steps.filter((st) => s.points[st.index].value !== null).length, 0));
      drawn++;
    }
    expect(drawn).toBeGreaterThan(3);
    await page.screenshot({ path: join(OUT, 'metric.png'), fullPage: false });
    expect(warnings).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('a series\' card opens the metric page on that series', async () => {
    const f = htmlFiles().find((x) => x.startsWith('series/'))!;
    const { page, problems } = await open(f);
    const link = await page.$('figure.card[data-metric="instructions"] figcaption a');
    const key = await page.$eval('figure.card[data-metric="instructions"]', (el) => el.getAttribute('data-series')!);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link!.click()]);
    await page.waitForSelector('#chart[data-rendered="true"]', { timeout: 30_000 });
    expect(await page.$eval('#chart', (el) => (el as HTMLElement).dataset.series)).toBe(keyName(key));
    expect(await page.$$eval('#chart svg g.mark-symbol.role-mark:not(.steps_marks) > path', (ps) => ps.length))
      .toBe(presentPoints(await trend('instructions'), key));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the metric pages of one series load the same data file, the series\' own (one file serves every metric)', async () => {
    const key = 'fork=python flags=default machine=x86_64 benchmark=all';
    const loaded: string[] = [];
    for (const [path, metric] of [['metrics/instructions.html', 'instructions'], ['metrics/mix.html', 'mix']]) {
      const { page, problems } = await open(path);
      // Opened again on the series (#KEY), as a series page's card links to it.
      await page.goto(`${page.url()}#${keyName(key)}`);
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('#chart[data-rendered="true"]', { timeout: 30_000 });
      // The data scripts the page added (file:// loads are not in its resource timings).
      loaded.push(...await page.$$eval('script[src*="data/"]', (ss) => ss.map((x) => x.getAttribute('src')!)));
      expect(await page.$$eval('#chart svg g.mark-symbol.role-mark:not(.steps_marks) > path', (ps) => ps.length), metric)
        .toBe(presentPoints(await trend(metric), key));
      expect(problems).toEqual([]);
      await page.close();
    }
    expect(loaded).toEqual([`../data/${keyName(key)}.js`, `../data/${keyName(key)}.js`]);
  });

  it('clicking a step opens the comparison of the commits around it, whose tables hold both commits\' counts', async () => {
    const { page, problems } = await open('index.html');
    const link = await page.$('a.step-link');
    expect(link).not.toBeNull();
    const stepCommit = await link!.evaluate((a) => a.closest('tr')!.cells[1].textContent!.trim());
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link!.click()]);
    const [, base, head] = /compare\/([\d_]+)-vs-([\d_]+)\.html$/.exec(page.url())!;
    const ids = (s: string) => s.split('_').map(Number);
    const [[headCommit]] = (await store.conn.runAndReadAll(
      'SELECT commit_hash FROM runs WHERE run_id = $1', [ids(head)[0]],
    )).getRows();
    expect(String(headCommit).startsWith(stepCommit)).toBe(true);
    // The execution counts table: Name, Base Count, Head Count, Change.
    const rows = await page.$$eval('.markdown table', (tables) => {
      const t = tables.find((x) => [...x.querySelectorAll('thead th')].map((h) => h.textContent!.trim()).join('|') === 'Name|Base Count|Head Count|Change')!;
      return [...t.querySelectorAll('tbody tr')].slice(0, 12).map((tr) => [...tr.cells].map((c) => c.textContent!.trim()));
    });
    expect(rows.length).toBe(12);
    const count = async (runIds: number[], name: string) => {
      const [[v]] = (await store.conn.runAndReadAll(
        `SELECT sum(value)::HUGEINT FROM counters WHERE run_id IN (SELECT unnest($1::INTEGER[])) AND family = 'opcode' AND name = $2 AND stat = 'execution_count'`,
        [listValue(runIds), name],
      )).getRows();
      return v === null ? 0n : BigInt(v as bigint);
    };
    for (const [name, baseCount, headCount] of rows) {
      expect(BigInt(baseCount.replace(/,/g, '')), `${name} base`).toBe(await count(ids(base), name));
      expect(BigInt(headCount.replace(/,/g, '')), `${name} head`).toBe(await count(ids(head), name));
    }
    await page.$eval('.markdown details', (d) => d.setAttribute('open', ''));
    await page.screenshot({ path: join(OUT, 'comparison.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs page: every run links to its report; sorting and filtering work', async () => {
    const { page, problems } = await open('runs.html');
    const ids = await page.$$eval('#runs tbody tr td:first-child a', (as) => as.map((a) => Number(a.textContent)));
    const [[n]] = (await store.conn.runAndReadAll('SELECT count(*) FROM runs')).getRows();
    expect(ids).toHaveLength(Number(n));
    await page.click('#runs thead th:first-child');
    const sorted = await page.$$eval('#runs tbody tr td:first-child', (tds) => tds.map((td) => Number(td.textContent)));
    expect(sorted).toEqual([...ids].sort((a, b) => a - b));
    await page.type('#runs-filter', 'brandtbucher');
    const shown = await page.$$eval('#runs tbody tr:not([hidden])', (trs) => trs.length);
    const [[bb]] = (await store.conn.runAndReadAll("SELECT count(*) FROM runs WHERE fork = 'brandtbucher'")).getRows();
    expect(shown).toBe(Number(bb));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#runs tbody tr:not([hidden]) td:first-child a')]);
    expect(await page.$eval('h1', (h) => h.textContent)).toMatch(/^Run \d+$/);
    expect(await page.$$eval('.markdown table', (t) => t.length)).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('report pages, rendered by the browser from the runs\' data', () => {
  it('every run\'s report, rendered by the page\'s code in Chromium, is the Markdown of `pystats report RUN --date D`', async () => {
    const ids = (await store.conn.runAndReadAll('SELECT run_id FROM runs ORDER BY run_id')).getRows().map((r) => Number(r[0]));
    expect(ids.length).toBeGreaterThan(20);
    // One page loads every run's data scripts (as each run's page names them) and renders
    // each report with the bundle's renderer: no need to lay out 30 pages of tables.
    const { page, problems } = await open(`runs/${ids[0]}.html`);
    await page.waitForSelector('#report[data-rendered]', { timeout: 30_000 });
    let rendered = 0;
    for (const id of ids) {
      const shell = readFileSync(join(SITE, 'runs', `${id}.html`), 'utf8');
      for (const [, src] of shell.matchAll(/<script src="\.\.\/(runs\/data\/(?:keys-[0-9a-f]+|table-[0-9a-f]+|\d+)\.js)"/g)) {
        await page.addScriptTag({ url: pathToFileURL(join(SITE, src)).href });
      }
      const markdown = await page.evaluate((runId, date) => {
        try {
          return (self as unknown as { PYSTATS_REPORT: { reportMarkdown(r: object): string } })
            .PYSTATS_REPORT.reportMarkdown({ kind: 'run', base: [], head: [runId], date });
        } catch (err) {
          return `error: ${(err as Error).message}`;
        }
      }, id, DATE);
      const expected = await reportForRuns(store.conn, [(await getRun(store.conn, id))!], { date: DATE }).catch((err: unknown) => {
        if (err instanceof ReportDataError) return `error: ${err.message}`;
        throw err;
      });
      expect(markdown, `run ${id}`).toBe(expected);
      if (!expected.startsWith('error: ')) rendered++;
    }
    expect(rendered).toBeGreaterThan(20);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('report pages as the browser shows them: the Markdown of `pystats report` byte for byte, as valid HTML', async () => {
    // One run of each report style: 3.12's Markdown tables, 3.13+'s HTML, a per-benchmark
    // run, and a raw directory whose report cannot be made (summarize_stats.py fails too).
    for (const id of [1, 2, 16, 25]) {
      const { page, problems, markdown, state } = await renderedReport(`runs/${id}.html`);
      const cli = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), 'report', String(id), '--db', db, '--date', DATE], {
        cwd: fromRoot(), encoding: 'utf8', maxBuffer: 64 << 20,
      });
      if (cli.status === 0) {
        expect(state, `run ${id}`).toBe('true');
        expect(markdown, `run ${id}`).toBe(cli.stdout);
        expect(await page.$$eval('#report table', (t) => t.length), `run ${id}`).toBeGreaterThan(5);
      } else {
        expect(state, `run ${id}`).toBe('error');
        const reason = await page.$eval('#report .error', (p) => p.textContent!);
        expect(cli.stderr, `run ${id}`).toContain(reason.replace(/^No report: /, ''));
      }
      expect(await validate(await page.content(), `runs/${id}.html (rendered)`, true)).toEqual([]);
      expect(problems, `run ${id}`).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('a comparison page renders the Markdown of `pystats report HEAD --base BASE --date D` byte for byte', async () => {
    const file = htmlFiles().find((f) => /^compare\/\d+-vs-\d+\.html$/.test(f))!;
    expect(file).toBeDefined();
    const [, base, head] = /(\d+)-vs-(\d+)/.exec(file)!;
    const { page, problems, markdown, state } = await renderedReport(file);
    expect(state).toBe('true');
    expect(markdown).toBe(pystats('report', head, '--base', base, '--db', db, '--date', DATE));
    expect(markdown).toContain('Base Count');
    expect(await validate(await page.content(), `${file} (rendered)`, true)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('site rebuilt into the same folder', () => {
  it('writes the same pages and data again, keeps the user\'s own files, drops only its own pages no longer there, and dates reports by ingestion by default', () => {
    const own = () => readdirSync(SITE, { recursive: true, encoding: 'utf8' }).filter((f) => /^(runs|compare)\/.*\.(html|js)$/.test(f)).sort();
    const before = new Map(own().map((f) => [f, readFileSync(join(SITE, f), 'utf8')]));
    // Files pystats did not write, in its own folders: never removed.
    writeFileSync(join(SITE, 'runs', '99999.html'), 'my notes on a run');
    writeFileSync(join(SITE, 'runs', 'data', '99999.js'), '// my script');
    const again = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), 'site', '--db', db, '-o', SITE, '--date', DATE], { cwd: fromRoot(), encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(join(SITE, 'index.html'));
    // Nothing changed in the store: nothing rewritten but the index (its build time).
    expect(again.stderr).toMatch(/files: [01] written, \d+ unchanged, 0 removed/);
    expect(readFileSync(join(SITE, 'runs', '99999.html'), 'utf8')).toBe('my notes on a run');
    expect(readFileSync(join(SITE, 'runs', 'data', '99999.js'), 'utf8')).toBe('// my script');
    expect(own().filter((f) => !f.includes('99999'))).toEqual([...before.keys()]);
    for (const f of before.keys()) expect(readFileSync(join(SITE, f), 'utf8'), f).toBe(before.get(f));
    // By default a report is dated the day its run was ingested; one metric only: the other
    // metrics' pages and data, and comparisons of their steps, are removed.
    const redated = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), 'site', '--db', db, '-o', SITE, '--metrics', 'instructions'], {
      cwd: fromRoot(), encoding: 'utf8',
    });
    expect(redated.status, redated.stderr).toBe(0);
    expect(existsSync(join(SITE, 'metrics', 'mix.html'))).toBe(false);
    const data = readdirSync(join(SITE, 'data'));
    expect(data.length).toBeGreaterThan(3);
    for (const f of data) {
      const text = readFileSync(join(SITE, 'data', f), 'utf8');
      expect(text, f).toContain('"metrics":{"instructions":{');
      expect(text, f).not.toContain('"mix":');
    }
    expect(existsSync(join(SITE, 'metrics', 'instructions.html'))).toBe(true);
    expect(readFileSync(join(SITE, 'runs', '99999.html'), 'utf8')).toBe('my notes on a run');
    const day = pystats('sql', "SELECT strftime(ingested_at, '%Y-%m-%d') FROM runs WHERE run_id = 16", '--db', db, '--format', 'csv').split('\n')[1];
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(readFileSync(join(SITE, 'runs', '16.html'), 'utf8')).toContain(`data-date="${day}"`);
  });
});
