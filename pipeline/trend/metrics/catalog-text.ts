/** The metric catalog as text for `pystats trend --list`. */
import { CUSTOM_METRIC, METRICS, unitLabel } from './catalog.js';

export function catalogText(): string {
  const lines: string[] = ['Trend metrics (METRIC or METRIC:ARG):', ''];
  for (const m of METRICS) {
    const arg = m.arg ? (m.arg.required ? `:${m.arg.name}` : `[:${m.arg.name}]`) : '';
    lines.push(`  ${m.id}${arg}   [${unitLabel(m.unit)}]   SQL: pipeline/trend/metrics/${m.sqlFile}`);
    lines.push(`      ${m.definition}`);
    if (m.arg) lines.push(`      ${m.arg.name}: ${m.arg.describe}`);
  }
  lines.push(`  --expr EXPR   SQL: generated (pipeline/trend/metrics/custom-metric.ts)`);
  lines.push(`      ${CUSTOM_METRIC.definition}`);
  lines.push('');
  return lines.join('\n');
}
