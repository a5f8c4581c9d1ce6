/**
 * `pystats site -o DIR`: a static site of the store (trends, runs, reports, comparisons)
 * that works from file:// and any static host. See pipeline/site/build-site.ts.
 */
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { checkDays, storeOptions, trendFilterOptions, type TrendFilterArgs } from '../options.js';
import { openStoreToRead, type StoreArgs } from '../open-store.js';
import { UserError } from '../user-error.js';

interface SiteArgs extends StoreArgs, TrendFilterArgs {
  output: string;
  metrics?: string;
  date?: string;
}

export const siteCommand: CommandModule<object, SiteArgs> = {
  command: 'site',
  describe: 'A static site of the store: trends per series and metric, change points, runs and their reports',
  builder: (y) => y
    .options({
      ...storeOptions,
      output: { alias: 'o', type: 'string', demandOption: true, describe: 'Folder to write the site into (index.html, …)' },
      metrics: { type: 'string', describe: 'Metrics to show, comma-separated METRIC[:ARG] (default: the whole catalog; see trend --list)' },
      ...trendFilterOptions,
      date: { type: 'string', describe: "The reports' 'Stats gathered on' date, YYYY-MM-DD (default: the day each run was ingested)" },
    }) as never,
  handler: async (args) => {
    checkDays({ since: args.since, until: args.until, date: args.date });
    const [{ buildSite }, { DEFAULT_SITE_METRICS }, { MetricArgError }, { SiteOutputError }, { DetectionThreadError }] = await Promise.all([
      import('../../pipeline/site/build-site.js'),
      import('../../pipeline/site/site-model.js'),
      import('../../pipeline/trend/metrics/catalog.js'),
      import('../../pipeline/site/site-writer.js'),
      import('../../pipeline/trend/detect/detect-client.js'),
    ]);
    const metrics = args.metrics ? args.metrics.split(',').map((m) => m.trim()).filter(Boolean) : [...DEFAULT_SITE_METRICS];
    const out = resolve(args.output);
    const store = await openStoreToRead(args);
    try {
      const summary = await buildSite(store.conn, out, {
        metrics,
        filters: { fork: args.fork, benchmark: args.benchmark, flags: args.flags, machine: args.machine, since: args.since, until: args.until },
        date: args.date ?? null,
        generated: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      }).catch((err: unknown) => {
        if (err instanceof MetricArgError || err instanceof SiteOutputError || err instanceof DetectionThreadError) throw new UserError(err.message);
        throw err;
      });
      process.stderr.write(
        `site: ${summary.runs} runs, ${summary.series} series, ${summary.metrics} metrics, ${summary.steps} steps, ` +
        `${summary.comparisons} comparisons, ${summary.pages} pages; files: ${summary.files.written} written, ` +
        `${summary.files.unchanged} unchanged, ${summary.files.removed} removed (seconds: trends ${summary.seconds.trends.toFixed(2)}, ` +
        `trend pages ${summary.seconds.trendPages.toFixed(2)}, run data ${summary.seconds.runData.toFixed(2)}, report pages ${summary.seconds.reportPages.toFixed(2)})\n`,
      );
      process.stdout.write(`${out}/index.html\n`);
    } finally {
      store.close();
    }
  },
};
