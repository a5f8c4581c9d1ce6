/**
 * The site's series and configurations, from the trends read: a series is one line set of
 * a metric (fork × flags × machine × benchmark), a configuration is a series' dimensions but
 * the benchmark (fork × flags × machine). Each configuration's aggregated series (benchmark
 * `all`, bench_runner's summed report) heads its pages; without one, its first series does.
 */
import { configPage, seriesPage } from './paths.js';
import type { SiteModel } from './site-model.js';
import type { TrendSeries } from '../trend/series.js';

export type Dims = TrendSeries['dims'];

export interface SiteSeries {
  key: string;
  dims: Dims;
  title: string;
  page: string;
  config: SiteConfig;
}

export interface SiteConfig {
  key: string;
  title: string;
  page: string;
  series: SiteSeries[];
  aggregate: SiteSeries;
}

export function seriesTitle(dims: Dims): string {
  return [dims.fork, dims.flags, dims.machine, dims.benchmark].filter((d) => d !== undefined).join(' / ') || 'all runs';
}

export function configTitle(dims: Dims): string {
  return [dims.fork, dims.flags, dims.machine].filter((d) => d !== undefined).join(' / ') || 'all runs';
}

export function siteSeries(model: SiteModel): { series: Map<string, SiteSeries>; configs: SiteConfig[] } {
  const series = new Map<string, SiteSeries>();
  const configs = new Map<string, SiteConfig>();
  for (const m of model.metrics) {
    for (const s of m.result.series) {
      if (series.has(s.key)) continue;
      const configKey = JSON.stringify([s.dims.fork, s.dims.flags, s.dims.machine]);
      let config = configs.get(configKey);
      if (!config) {
        config = { key: configKey, title: configTitle(s.dims), page: configPage(configKey), series: [], aggregate: null as unknown as SiteSeries };
        configs.set(configKey, config);
      }
      const entry: SiteSeries = { key: s.key, dims: s.dims, title: seriesTitle(s.dims), page: seriesPage(s.key), config };
      config.series.push(entry);
      series.set(s.key, entry);
    }
  }
  for (const c of configs.values()) {
    c.series.sort((a, b) => (a.dims.benchmark === 'all' ? -1 : b.dims.benchmark === 'all' ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    c.aggregate = c.series[0];
  }
  return { series, configs: [...configs.values()].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)) };
}
