/**
 * A JSON run's texts (workers/encode/text-ids.ts) made the store's: their `texts` ids, and
 * its bench_runner metadata parsed once per distinct text (a run's identity is read from
 * it, and an archive's runs of one commit share it).
 */
import { isJsonObject, type JsonObject } from '../../schemas/run-stats.js';
import type { JsonTexts } from '../../workers/protocol.js';
import { parseOrderedJson } from '../json/ordered-json.js';
import type { StringRegistry } from './string-registry.js';

/** A run's texts as `texts` ids (null: the input had none), in run_records' column order. */
export interface RunTexts {
  ids: [specializedInstructions: number | null, statsDefines: number | null, defines: number | null, metadata: number | null];
  /** The metadata block, when it is a JSON object. */
  metadata: JsonObject | null;
}

export class RunTextIds {
  private readonly metadataById = new Map<number, JsonObject | null>();

  constructor(
    readonly registry: StringRegistry,
    /** Every text a worker has announced, local id = index (ParsePool.textsOf). */
    private readonly workerTexts: (workerId: number) => readonly string[],
  ) {}

  /** Learns what the worker announced up to its latest result (call for every result). */
  learn(workerId: number): void {
    this.registry.learn(workerId, this.workerTexts(workerId));
  }

  of(workerId: number, json: JsonTexts): RunTexts {
    const id = (local: number | null) => this.registry.storeId(workerId, local);
    const metadata = id(json.metadata);
    let parsed: JsonObject | null = null;
    if (metadata !== null) {
      if (!this.metadataById.has(metadata)) {
        const value = parseOrderedJson(this.workerTexts(workerId)[json.metadata!]);
        this.metadataById.set(metadata, isJsonObject(value) ? value : null);
      }
      parsed = this.metadataById.get(metadata)!;
    }
    return { ids: [id(json.specializedInstructions), id(json.statsDefines), id(json.defines), metadata], metadata: parsed };
  }
}
