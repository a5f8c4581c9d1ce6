/**
 * `pystats lake verify DIR`: every committed file of a lake against its batch's manifest
 * (sizes and sha256, manifest.ts), every manifest's files present. Returns each problem;
 * none means the lake reads as it was exported.
 */
import { listLake, type LakeFiles } from './layout.js';
import { lakeProblems, type LakeProblem } from './manifest.js';

export interface LakeVerifyResult {
  batches: number;
  files: number;
  problems: LakeProblem[];
}

export async function verifyLake(dir: string): Promise<LakeVerifyResult> {
  const lake: LakeFiles = listLake(dir);
  const files = [...lake.runs, ...lake.keys, ...lake.files, ...lake.run_counters, ...lake.file_counters];
  const problems = await lakeProblems(dir, lake.batches, files, { complete: true, all: true });
  return { batches: lake.batches.length, files: files.length, problems };
}
