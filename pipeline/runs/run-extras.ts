/**
 * A run's metadata tables as the runs table stores them (JSON text, key order kept) and as
 * RunStats carries them. Pure: the site's browser bundle parses a run's metadata with it too.
 */
import { parseOrderedJson } from '../json/ordered-json.js';
import { isJsonObject, type DefinesTable, type JsonObject, type RunStats } from '../../schemas/run-stats.js';

export interface RunExtras {
  specializedInstructions: string | null;
  statsDefines: string | null;
  defines: string | null;
  metadata: string | null;
}

export type RunTables = Pick<RunStats, 'specializedInstructions' | 'statsDefines' | 'defines' | 'metadata'>;

export function parseRunExtras(e: RunExtras): RunTables {
  return {
    specializedInstructions: e.specializedInstructions ? (JSON.parse(e.specializedInstructions) as string[]) : null,
    statsDefines: e.statsDefines ? definesFromText(e.statsDefines) : null,
    defines: e.defines ? definesFromText(e.defines) : null,
    metadata: e.metadata ? (parseOrderedJson(e.metadata) as JsonObject) : null,
  };
}

function definesFromText(text: string): DefinesTable {
  const obj = parseOrderedJson(text);
  if (!isJsonObject(obj)) throw new Error('stored defines are not a JSON object');
  return obj.entries.map(([k, v]) => [Number(k), v as string[]]);
}
