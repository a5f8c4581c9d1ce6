/**
 * A parse worker: reads the files of each job, decodes them (raw text or summarize JSON)
 * and posts the counters back as one Arrow record batch whose buffer is transferred.
 * Key interning state lives as long as the worker, so each key's text crosses threads once.
 */
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { parentPort, threadId } from 'node:worker_threads';
import { readWholeFile } from './decode/file-reader.js';
import { CounterRows } from './encode/counter-rows.js';
import { CounterSums } from './encode/counter-sums.js';
import { encodeCounterBatch } from './encode/arrow-batch.js';
import { KeyInterner } from './decode/key-interner.js';
import { decodeRawText, RawFileError, type CounterSink } from './decode/raw-text.js';
import { decodeSummarizeJson, SummarizeJsonError, type DecodedSummarizeJson } from './decode/summarize-json.js';
import { scanCounterHead } from './decode/summarize-json-head.js';
import { JsonSyntaxError } from '../pipeline/json/ordered-json.js';
import { pythonJsonDumps } from '../pipeline/json/python-json.js';
import { jsonObject } from '../schemas/run-stats.js';
import type { FileReport, JobFile, JsonTexts, ParseJob, ParseResult } from './protocol.js';
import { TextIds } from './encode/text-ids.js';
import { mark, takeEpochMarks } from '../pipeline/timing.js';

mark(`worker ${threadId}: bundle loaded`);

// Each result's buffer is transferred, which detaches it. V8 optimizes typed-array code on
// the promise that no ArrayBuffer was ever detached, and drops all of it (a round of
// re-optimization per worker, just as the parse warms up) the first time one is.
// Detaching one now, before any code is optimized, breaks that promise up front.
const neverUsed = new ArrayBuffer(0);
structuredClone(neverUsed, { transfer: [neverUsed] });

const keys = new KeyInterner();
const texts = new TextIds();
// Reused job after job: the batch is copied into the IPC bytes, so the columns can be refilled.
const rows = new CounterRows();
const UINT64_MAX = (1n << 64n) - 1n;

export function runJob(job: ParseJob): { result: ParseResult; transfer: ArrayBuffer[] } {
  rows.truncate(0);
  const sums = job.mode === 'sums' ? new CounterSums() : null;
  // How many keys the job's first file brought: where the reference puts `__nfiles__`.
  let keysAfterFirstFile = 0;
  const files = job.files.map((file, index) => {
    rows.startFile(index);
    const before = rows.length;
    const report = parseFile(file, sums ?? rows, job.hashContent);
    if (report.error) rows.truncate(before);
    if (index === 0 && sums) keysAfterFirstFile = sums.order.length;
    return report;
  });
  if (sums) fillFromSums(rows, sums);
  const ipc = encodeCounterBatch(rows);
  mark(`worker ${threadId}: job ${job.jobId} parsed (${job.files.length} files)`);
  const result: ParseResult = {
    jobId: job.jobId, workerId: threadId, ipc, newKeys: keys.drainNewKeys(), newTexts: texts.drainNewTexts(), files,
    keysAfterFirstFile, timing: takeEpochMarks(),
  };
  return { result, transfer: [ipc.buffer as ArrayBuffer] };
}

function parseFile(file: JobFile, sink: CounterSink, hashContent: boolean): FileReport {
  const report: FileReport = {
    path: file.path, size: 0, sha256: '', stat: null, lineCount: 0, problemCount: 0, problems: [], error: null, json: null,
  };
  let bytes: Buffer;
  try {
    bytes = readWholeFile(file.path, hashContent ? (report.stat = { size: -1, mtimeMs: -1 }) : null);
  } catch (err) {
    report.error = { line: null, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
    return report;
  }
  report.size = bytes.length;
  if (hashContent) report.sha256 = sha256(bytes);
  try {
    if (file.kind === 'raw') Object.assign(report, decodeRawText(bytes, keys, sink));
    else report.json = decodeJsonFile(bytes, sink, report);
  } catch (err) {
    if (err instanceof RawFileError) report.error = { line: err.line, message: err.message };
    else if (err instanceof JsonSyntaxError) report.error = { line: err.line, message: `malformed JSON: ${err.reason} (column ${err.column})` };
    else report.error = { line: null, message: err instanceof Error ? err.message : String(err) };
  }
  return report;
}

/**
 * node:crypto is loaded on the first hash: only ingest hashes (for idempotence), and
 * loading it is 1.5 ms of every worker's start, which a summarize waits for.
 */
let crypto: typeof import('node:crypto') | null = null;

function sha256(bytes: Buffer): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  // One-shot: no Hash object per file.
  return crypto.hash('sha256', bytes, 'hex');
}

function decodeJsonFile(bytes: Buffer, sink: CounterSink, report: FileReport): JsonTexts {
  // Decoding would turn bad bytes into U+FFFD, inside keys too; the reference's open() refuses them.
  if (!isUtf8(bytes)) throw new SummarizeJsonError('not valid UTF-8 text');
  const fast = decodeByHead(bytes);
  // Counted before the slow path, which may throw: a file that fails still reports its lines.
  report.lineCount = fast ? fast.newlines + 1 : bytes.length === 0 ? 0 : countNewlines(bytes) + 1;
  const { ids, values, count, texts: jsonTexts } = fast ?? decodeWhole(bytes);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (typeof v === 'number') sink.add(ids[i], v);
    else if (v <= MAX_SAFE) sink.add(ids[i], Number(v));
    else sink.addBig(ids[i], v);
  }
  // Shared, never changed: the report is copied as it is posted.
  return jsonTexts;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The texts the store keeps of a JSON's other members (as Python's json.dumps writes them), by id. */
function textsOf(meta: DecodedSummarizeJson): JsonTexts {
  const definesText = (t: typeof meta.defines) =>
    t === null ? null : pythonJsonDumps(jsonObject(t.map(([i, names]) => [String(i), names])));
  return {
    specializedInstructions: texts.idOf(meta.specializedInstructions && pythonJsonDumps(meta.specializedInstructions)),
    statsDefines: texts.idOf(definesText(meta.statsDefines)),
    defines: texts.idOf(definesText(meta.defines)),
    metadata: texts.idOf(meta.metadata && pythonJsonDumps(meta.metadata)),
  };
}

interface DecodedCounters {
  /** The counters are [0, count) of these (the head's arrays are reused: see CounterHead). */
  ids: number[];
  values: Array<number | bigint>;
  count: number;
  texts: JsonTexts;
  /** The file's newlines (the fast path's; the slow path's caller counts them). */
  newlines: number;
}

/** The slow path: the whole file through the ordered decoder (its errors name line and column). */
function decodeWhole(bytes: Buffer): DecodedCounters {
  const decoded = decodeSummarizeJson(bytes.toString('utf8'));
  return {
    ids: decoded.keys.map((k) => keys.internString(k)), values: decoded.values, count: decoded.keys.length, texts: textsOf(decoded), newlines: -1,
  };
}

/**
 * The counter lines read from the bytes (summarize-json-head.ts), the rest decoded as an
 * object of its own; null (the slow path) when the file has no such head or its tail does
 * not decode, or is empty after a trailing comma.
 */
function decodeByHead(bytes: Buffer): DecodedCounters | null {
  const head = scanCounterHead(bytes, keys);
  if (!head) return null;
  const { ids, values } = head;
  if (head.tailStart < 0) return { ids, values, count: head.count, texts: NO_TEXTS, newlines: head.newlines };
  let tail: DecodedTail;
  try {
    tail = decodeTail(bytes.subarray(head.tailStart));
  } catch {
    return null;
  }
  const hasMembers = tail.decoded.keys.length > 0 || tail.decoded.specializedInstructions !== null ||
    tail.decoded.statsDefines !== null || tail.decoded.defines !== null || tail.decoded.metadata !== null;
  if (!hasMembers) return null; // `{"a": 1,\n}`: a trailing comma, which the slow path refuses
  const newlines = head.newlines + tail.newlines;
  if (tail.decoded.keys.length === 0) return { ids, values, count: head.count, texts: tail.texts, newlines };
  // Counters after the other members (rare): each replaces the head's value of its key, or comes after them.
  const place = new Map<number, number>();
  let count = head.count;
  for (let i = 0; i < count; i++) place.set(ids[i], i);
  tail.decoded.keys.forEach((key, i) => {
    const id = keys.internString(key);
    const at = place.get(id);
    if (at !== undefined) values[at] = tail.decoded.values[i];
    else {
      place.set(id, count);
      ids[count] = id;
      values[count++] = tail.decoded.values[i];
    }
  });
  return { ids, values, count, texts: tail.texts, newlines };
}

const NO_TEXTS: JsonTexts = { specializedInstructions: null, statsDefines: null, defines: null, metadata: null };

interface DecodedTail {
  decoded: DecodedSummarizeJson;
  texts: JsonTexts;
  /** The tail's newlines, counted once per distinct tail. */
  newlines: number;
}

/**
 * A JSON's members after its counter lines (`_specialized_instructions`, the defines
 * tables, bench_runner's metadata), decoded and re-dumped once per distinct text: an
 * archive's files of one CPython and commit share them, and they were a fifth of a
 * worker's time. The last TAIL_CACHE texts are kept (a few hundred kB), found by their
 * bytes (a compare of memory, no string made for a text seen before).
 */
const TAIL_CACHE = 64;
const tails: Array<{ bytes: Buffer; tail: DecodedTail }> = [];

function decodeTail(bytes: Buffer): DecodedTail {
  // Newest first: a run's files come in order, so the text met last is the likeliest.
  for (let i = tails.length - 1; i >= 0; i--) {
    if (tails[i].bytes.length === bytes.length && tails[i].bytes.equals(bytes)) return tails[i].tail;
  }
  const decoded = decodeSummarizeJson(`{${bytes.toString('utf8')}`);
  const tail = { decoded, texts: textsOf(decoded), newlines: countNewlines(bytes) };
  if (tails.length >= TAIL_CACHE) tails.shift();
  // A copy: `bytes` is a view of the file's buffer, which the reader reuses.
  tails.push({ bytes: Buffer.from(bytes), tail });
  return tail;
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function fillFromSums(rows: CounterRows, sums: CounterSums): void {
  rows.truncate(0);
  rows.startFile(0);
  for (const id of sums.order) {
    let v = sums.valueOf(id);
    if (typeof v === 'number') {
      rows.add(id, v);
      continue;
    }
    // A sum past 64 bits goes out as several uint64 rows; DuckDB sums them into HUGEINT.
    for (; v > UINT64_MAX; v -= UINT64_MAX) rows.addBig(id, UINT64_MAX);
    rows.addBig(id, v);
  }
}

parentPort?.on('message', (job: ParseJob) => {
  mark(`worker ${threadId}: job ${job.jobId} received`);
  const { result, transfer } = runJob(job);
  parentPort!.postMessage(result, transfer);
});
