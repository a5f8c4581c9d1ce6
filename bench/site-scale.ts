/**
 * The site at archive scale, shared by its test (test/site-scale.test.ts: sizes, charts
 * drawn) and its bench (bench/site-bench.ts: times): a store of a generated bench_runner
 * archive (bench/site-archive.ts), the site's file sizes, a static server on 127.0.0.1
 * only, and the time a page takes in headless Chromium to draw its first chart.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { fromRoot } from '../pipeline/package-root.js';
import { archiveSources, writeArchiveWeeks } from './site-archive.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Ingests weeks [from, to) of the generated archive into `db` with the real CLI; the runs added. */
export function ingestArchiveWeeks(work: string, db: string, from: number, to: number, weeksInAll: number): number {
  const root = join(work, `archive-${from}-${to}`);
  rmSync(root, { recursive: true, force: true });
  const runs = writeArchiveWeeks(root, archiveSources(), from, to, weeksInAll);
  const r = spawnSync(process.execPath, [fromRoot('dist', 'cli', 'main.js'), 'ingest', root, '--db', db], { encoding: 'utf8', maxBuffer: 1 << 30 });
  rmSync(root, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`ingest failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return runs;
}

export interface SiteSizes {
  files: number;
  pages: number;
  totalBytes: number;
  largest: Array<[string, number]>;
  indexBytes: number;
}

export function siteSizes(dir: string): SiteSizes {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => [f, statSync(join(dir, f))] as const)
    .filter(([, st]) => st.isFile())
    .map(([f, st]) => [f, st.size] as [string, number]);
  files.sort((a, b) => b[1] - a[1]);
  return {
    files: files.length,
    pages: files.filter(([f]) => f.endsWith('.html')).length,
    totalBytes: files.reduce((n, [, s]) => n + s, 0),
    largest: files.slice(0, 5),
    indexBytes: statSync(join(dir, 'index.html')).size,
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** A static server of `dir` on 127.0.0.1 (a free port): only files under dir, nothing else. */
export async function serveSite(dir: string): Promise<{ url: string; server: Server }> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root)) return void res.writeHead(403).end();
    let st;
    try {
      st = statSync(path);
    } catch {
      return void res.writeHead(404).end();
    }
    if (!st.isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': st.size });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

export async function launchChromium(profile: string): Promise<Browser> {
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
  });
}

export interface FirstChart {
  page: string;
  /** From navigation start to the first chart drawn (an inline small chart, or a metric page's chart rendered). */
  ms: number;
  /** Bytes the page transferred (the page, its scripts, its data). */
  bytes: number;
  /** Requests that did not go to the site's own server. */
  outside: string[];
}

/** Opens `url + path` in a fresh tab and times its first chart. */
export async function firstChart(browser: Browser, url: string, path: string): Promise<FirstChart> {
  const page = await browser.newPage();
  const outside: string[] = [];
  let bytes = 0;
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url().startsWith(url)) return void req.continue();
    outside.push(req.url());
    void req.abort();
  });
  page.on('response', (res) => {
    bytes += Number(res.headers()['content-length'] ?? 0);
  });
  try {
    await page.goto(url + path, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(
      () => document.querySelector('svg.spark') !== null || (document.getElementById('chart') as HTMLElement | null)?.dataset.rendered === 'true',
      { timeout: 30_000, polling: 'raf' },
    );
    const ms = await page.evaluate(() => performance.now());
    return { page: path, ms, bytes, outside };
  } finally {
    await page.close();
  }
}
