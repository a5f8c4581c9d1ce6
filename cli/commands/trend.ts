/**
 * `pystats trend METRIC[:ARG]`: a metric of the catalog (or --expr) over the stored runs,
 * as series by fork x flags x machine x benchmark, with changes and detected steps, in
 * Markdown, CSV or JSON, and optionally a line chart (--plot FILE.svg).
 */
import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { checkDays, storeOptions, trendFilterOptions, type TrendFilterArgs } from '../options.js';
import { openStoreToRead, type StoreArgs } from '../open-store.js';
import { UserError } from '../user-error.js';

interface TrendArgs extends StoreArgs, TrendFilterArgs {
  metric?: string;
  list: boolean;
  expr?: string;
  unit: 'count' | 'percent' | 'per1k' | 'value';
  format: 'md' | 'table' | 'csv' | 'json';
  by: string;
  x: 'date' | 'order';
  'per-file': boolean;
  method: 'robust' | 'edivisive' | 'none';
  'min-step'?: number;
  plot?: string;
  output?: string;
}

export const trendCommand: CommandModule<object, TrendArgs> = {
  command: 'trend [metric]',
  describe: 'A metric over the stored runs by commit date: series, changes, change points (--list for the catalog)',
  builder: (y) => y
    .positional('metric', { type: 'string', describe: 'METRIC or METRIC:ARG from the catalog, e.g. spec.hit:LOAD_ATTR' })
    .options({
      list: { type: 'boolean', default: false, describe: 'Print the metric catalog and exit' },
      expr: { type: 'string', describe: 'Custom metric: arithmetic over "quoted keys", e.g. \'"Object allocations" / "Frames pushed"\'' },
      unit: { choices: ['count', 'percent', 'per1k', 'value'], default: 'value', describe: 'Unit of a custom metric' },
      ...storeOptions,
      format: { choices: ['md', 'table', 'csv', 'json'], default: 'md', describe: 'Output format (table = md)' },
      ...trendFilterOptions,
      by: { type: 'string', default: 'fork,flags,machine,benchmark', describe: "Series dimensions (comma list; leave out benchmark to aggregate over benchmarks; '' = one series)" },
      x: { choices: ['date', 'order'], default: 'date', describe: 'x axis: commit date, or run order (ingest order; keeps runs without a date)' },
      'per-file': { type: 'boolean', default: false, describe: 'Metric per file (process): min / median / max across them' },
      method: { choices: ['robust', 'edivisive', 'none'], default: 'robust', describe: 'Change detection (robust = ours; edivisive = the baseline)' },
      'min-step': { type: 'number', describe: 'Smallest step to flag: % for counts and rates, percentage points for percentages' },
      plot: { type: 'string', describe: 'Also write a line chart to this SVG file' },
      output: { type: 'string', alias: 'o', describe: 'Write the table to this file instead of stdout' },
    }) as never,
  handler: async (args) => {
    if (args.list) {
      const { catalogText } = await import('../../pipeline/trend/metrics/catalog-text.js');
      process.stdout.write(catalogText());
      return;
    }
    checkDays({ since: args.since, until: args.until });
    const { DIMENSIONS } = await import('../../pipeline/trend/points.js');
    const by = args.by.split(',').map((d) => d.trim()).filter((d) => d !== '');
    for (const d of by) {
      if (!(DIMENSIONS as readonly string[]).includes(d)) throw new UserError(`--by: unknown dimension ${JSON.stringify(d)} (use ${DIMENSIONS.join(', ')})`);
    }
    if (!args.metric && !args.expr) throw new UserError('name a metric (pystats trend --list) or give --expr');
    if (args.metric && args.expr) throw new UserError('give either a metric or --expr, not both');
    if (args['min-step'] !== undefined && !(args['min-step'] >= 0)) throw new UserError('--min-step must be a number ≥ 0');

    const [{ computeTrend }, { renderTrend }, { MetricArgError }, { CustomMetricError }] = await Promise.all([
      import('../../pipeline/trend/run-trend.js'),
      import('../../pipeline/trend/render/render.js'),
      import('../../pipeline/trend/metrics/catalog.js'),
      import('../../pipeline/trend/metrics/custom-metric.js'),
    ]);
    const { terminalSafeLines } = await import('../terminal-text.js');
    const store = await openStoreToRead(args);
    try {
      let result;
      try {
        result = await computeTrend(store.conn, {
          metric: args.metric ?? null, expr: args.expr ?? null, unit: args.unit,
          filters: { fork: args.fork, benchmark: args.benchmark, flags: args.flags, machine: args.machine, since: args.since, until: args.until },
          by: by as never, x: args.x, perFile: args['per-file'], method: args.method, minStep: args['min-step'] ?? null,
        });
      } catch (err) {
        if (err instanceof MetricArgError || err instanceof CustomMetricError) throw new UserError(err.message);
        throw err;
      }
      const text = renderTrend(result, args.format === 'table' ? 'md' : args.format);
      if (args.output) writeFileSync(args.output, text);
      // Markdown to a terminal: control characters from the store escaped, line by line.
      else if (args.format === 'table' || args.format === 'md') process.stdout.write(terminalSafeLines(text));
      else process.stdout.write(text);
      if (args['per-file']) {
        // Raw runs ingested without --per-file have no processes to spread over: named, not left out silently.
        const { runsWithoutProcessRows, missingProcessRowsNote } = await import('../../pipeline/store/process-rows.js');
        const selected = new Set(result.series.flatMap((s) => s.points.flatMap((p) => p.runIds)));
        const missing = (await runsWithoutProcessRows(store.conn)).filter((r) => selected.has(r.runId));
        const note = missingProcessRowsNote(missing, 'the per-file values leave them out');
        if (note) process.stderr.write(`${note}\n`);
      }
      if (args.plot) {
        const { renderTrendSvg } = await import('../../pipeline/trend/render/plot.js');
        writeFileSync(args.plot, await renderTrendSvg(result));
      }
    } finally {
      store.close();
    }
  },
};
