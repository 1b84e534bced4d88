/**
 * Reads export files, each into records of its own, on as many threads as are worth it. The
 * main thread is one lane and reads files like any other; each worker thread is another lane,
 * which sends its records back in compact batches (record-batches.ts), and its sessions and
 * case discussions as whole tables, their columns moved (model/record-table.ts). Whatever lane read a
 * file, the results are returned in file order, so an audit's outcome never depends on how it
 * was threaded.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UnknownHeaderError, type HeaderProblem } from './detect.js';
import { IssueList } from './issue-limit.js';
import type { MoreCodes, UnknownCode } from './unknown-codes.js';
import type { RenamedQuestion } from './form-pivot.js';
import { FileMapper, type ColumnReading, type FileSummary, type MappingOptions, type RejectedWorkerRow } from './mapper.js';
import { addBatch, type RecordBatch, type RecordSink } from './record-batches.js';
import { readTable } from '../ingest/read.js';
import { InputError, type Skipped } from '../ingest/table.js';
import { emptyRecords, type Records } from '../model/dataset.js';
import { CaseDiscussions } from '../model/case-discussions.js';
import type { DataIssue } from '../model/issues.js';
import type { TableTransfer } from '../model/record-table.js';
import { SupervisionSessions } from '../model/supervision-sessions.js';

/** What reading one file gave: a table for a CSV or JSON file, one per sheet read of a workbook. */
export interface FileRead extends MappedTables {
  records: Records;
  issues: DataIssue[];
}

export interface MappedTables {
  summaries: FileSummary[];
  /** Sheets of a workbook that were not read, and why. */
  skipped: Skipped[];
  /** For each table (by its summary's file), the model fields it carries, each with the column it is read from. */
  columns: Record<string, Record<string, string>>;
  /** The workers rows rejected, by the id each gave. */
  rejectedWorkers: RejectedWorkerRow[];
  /** For each table (by its summary's file), each column read: its values, and those that could not be read. */
  columnReadings: Record<string, ColumnReading[]>;
  /** The codes the adapter does not map, each once per column of a table. */
  unknownCodes: UnknownCode[];
  /** Columns with more unknown codes than are listed, and how many more. */
  moreCodes: MoreCodes[];
  /** Form questions no layout reads that the forms tell are renamed ones. */
  renamedQuestions: RenamedQuestion[];
}

/**
 * Reads one file, each of its tables through a mapper of its own, into `records` and `issues`.
 * Each table's issues of one kind are listed up to a limit and the rest counted (issue-limit.ts).
 */
export async function mapFile(file: string, options: MappingOptions, records: RecordSink, issues: DataIssue[]): Promise<MappedTables> {
  const mappers: FileMapper[] = [];
  const lists: IssueList[] = [];
  let skipped: Skipped[];
  try {
    skipped = await readTable(file, (table) => {
      const list = IssueList.bounded();
      lists.push(list);
      const mapper = new FileMapper(table.file, options, records, list);
      mappers.push(mapper);
      return mapper;
    });
  } finally {
    for (const list of lists) for (const issue of list.finish()) issues.push(issue);
  }
  const read = mappers.filter((m) => m.summary !== null);
  return {
    summaries: read.map((m) => m.summary!),
    skipped,
    columns: Object.fromEntries(read.map((m) => [m.summary!.file, m.columnsByField()])),
    rejectedWorkers: read.flatMap((m) => m.rejectedWorkers),
    columnReadings: Object.fromEntries(read.map((m) => [m.summary!.file, m.columnReadings()])),
    unknownCodes: read.flatMap((m) => m.unknownCodes.list()),
    moreCodes: read.flatMap((m) => m.unknownCodes.moreCodes()),
    renamedQuestions: read.flatMap((m) => m.renamedQuestions),
  };
}

export interface ReadOptions extends MappingOptions {
  /**
   * Threads to read on, the main one included. By default one per core (up to four) when the
   * files are large enough to repay starting threads, else 1.
   */
  threads?: number;
  onFileStart?: (file: string, count: number) => void;
  onFile?: (summaries: FileSummary[]) => void;
  /** Starts a reading thread; by default the compiled read-thread.js (tests start failing ones). */
  startThread?: (data: ReadThreadData) => Worker;
}

/**
 * A reading thread that ended before it finished a file (it crashed, ran out of memory or was
 * stopped): the audit stops, naming the file, rather than wait or report without it.
 */
export class ReadingThreadError extends Error {
  override name = 'ReadingThreadError';
}

const startReadThread = (data: ReadThreadData): Worker => new Worker(THREAD_SCRIPT, { workerData: data });

/** Below this much input, starting a thread costs more than it saves. */
const THREADED_BYTES = 8 * 1024 * 1024;
/**
 * Threads used by default at most: an export set has two or three large files (supervision
 * and case steps), so more threads would mostly add memory.
 */
const DEFAULT_MAX_THREADS = 4;

/** The compiled reading thread; absent when running from the TypeScript sources, which then read on the main thread. */
const THREAD_SCRIPT = new URL('./read-thread.js', import.meta.url);

/** Reads every file; a file that cannot be read stops the audit, the first in file order being the one reported. */
export async function readFiles(files: string[], options: ReadOptions): Promise<FileRead[]> {
  const { reads, unreadable } = await readEveryFile(files, options, { untilUnreadable: true });
  if (unreadable.length > 0) throw unreadable[0]!.error;
  return reads as FileRead[];
}

/** A file that could not be read, and why. */
export interface UnreadableFile {
  file: string;
  error: InputError;
}

/**
 * Reads each file, returning what each gave (null for one that could not be read) and, in file
 * order, the files that could not be read with why. `untilUnreadable`: once a file cannot be
 * read, only the files before it are still worth reading (the first in file order is the one
 * reported); without it, every file is read, so that every problem of the set is known at once.
 */
export async function readEveryFile(files: string[], options: ReadOptions, { untilUnreadable = false } = {}): Promise<{ reads: Array<FileRead | null>; unreadable: UnreadableFile[] }> {
  const sizes = await Promise.all(files.map(async (file) => (await stat(file).catch(() => null))?.size ?? 0));
  const lanes: Lane[] = [new MainThreadLane(options)];
  const threads = Math.min(options.threads ?? defaultThreads(sizes), files.length);
  if (threads > 1 && (options.startThread !== undefined || readingThreads())) {
    for (let i = 1; i < threads; i++) lanes.push(new WorkerLane((options.startThread ?? startReadThread)(mappingOptions(options))));
  }
  // With several lanes, the largest files go first so that no lane is left with a big one at the end.
  const queue = files.map((_, index) => index);
  if (lanes.length > 1) queue.sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const results: Array<FileRead | null> = new Array<FileRead | null>(files.length).fill(null);
  const errors: Array<InputError | undefined> = new Array<InputError | undefined>(files.length);
  let firstUnreadable = Infinity;
  let failure: unknown = null;
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        for (let index = queue.shift(); index !== undefined && failure === null; index = queue.shift()) {
          if (untilUnreadable && index > firstUnreadable) continue;
          options.onFileStart?.(files[index]!, files.length);
          try {
            results[index] = await lane.read(files[index]!);
            options.onFile?.(results[index]!.summaries);
          } catch (err) {
            if (!(err instanceof InputError)) failure = err;
            else {
              errors[index] = err;
              firstUnreadable = Math.min(firstUnreadable, index);
            }
          }
        }
      }),
    );
  } finally {
    await Promise.all(lanes.map((lane) => lane.close()));
  }
  if (failure !== null) throw failure;
  const unreadable = files.flatMap((file, index) => (errors[index] === undefined ? [] : [{ file, error: errors[index]! }]));
  return { reads: results, unreadable };
}

/** Whether reading threads can be started (they run compiled code, not the TypeScript sources). */
export function readingThreads(): boolean {
  return existsSync(fileURLToPath(THREAD_SCRIPT));
}

function defaultThreads(sizes: number[]): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  return total >= THREADED_BYTES ? Math.min(availableParallelism(), DEFAULT_MAX_THREADS) : 1;
}

interface Lane {
  read(file: string): Promise<FileRead>;
  close(): Promise<void>;
}

class MainThreadLane implements Lane {
  constructor(private readonly options: ReadOptions) {}

  async read(file: string): Promise<FileRead> {
    const records = emptyRecords();
    const issues: DataIssue[] = [];
    return { ...(await mapFile(file, this.options, records, issues)), records, issues };
  }

  async close(): Promise<void> {}
}

/** What a reading thread is started with: what a mapper needs, and nothing that cannot be cloned. */
export type ReadThreadData = MappingOptions;

function mappingOptions({ adapters, adapterFile, asOf, today }: ReadOptions): MappingOptions {
  return { adapters, adapterFile, asOf, today };
}
export interface ThreadRequest {
  file: string;
}
export type ThreadReply =
  | { type: 'batch'; batch: RecordBatch }
  | ({ type: 'done'; issues: DataIssue[]; tables: { sessions: TableTransfer; discussions: TableTransfer } } & MappedTables)
  | { type: 'failed'; message: string; stack: string; input: boolean; header?: HeaderProblem; adapterFile?: string };

interface Pending {
  file: string;
  records: Records;
  resolve(read: FileRead): void;
  reject(err: unknown): void;
}

class WorkerLane implements Lane {
  private readonly worker: Worker;
  private pending: Pending | null = null;
  /** Why the thread can no longer read, once it cannot. */
  private broken: string | null = null;
  private closing = false;

  constructor(worker: Worker) {
    this.worker = worker;
    this.worker.on('message', (reply: ThreadReply) => this.receive(reply));
    this.worker.on('error', (err: Error & { code?: string }) => {
      this.stop(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of memory' : `it failed: ${err.message}`);
    });
    this.worker.on('exit', (code) => {
      if (!this.closing) this.stop(`it ended with exit code ${code}`);
    });
  }

  read(file: string): Promise<FileRead> {
    if (this.broken) return Promise.reject(this.stopped(file, this.broken));
    return new Promise((resolve, reject) => {
      this.pending = { file, records: emptyRecords(), resolve, reject };
      this.worker.postMessage({ file } satisfies ThreadRequest);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private receive(reply: ThreadReply): void {
    const pending = this.pending;
    // (Nothing is pending once the thread has failed: what it still sends is of no use.)
    if (pending === null) return;
    if (reply.type === 'batch') {
      addBatch(reply.batch, pending.records);
      return;
    }
    this.pending = null;
    if (reply.type === 'done') {
      const { summaries, skipped, columns, rejectedWorkers, columnReadings, unknownCodes, moreCodes, renamedQuestions, issues, tables } = reply;
      pending.records.sessions = SupervisionSessions.fromTransfer(tables.sessions);
      pending.records.discussions = CaseDiscussions.fromTransfer(tables.discussions);
      pending.resolve({ summaries, skipped, columns, rejectedWorkers, columnReadings, unknownCodes, moreCodes, renamedQuestions, records: pending.records, issues });
    } else if (reply.header !== undefined) {
      pending.reject(new UnknownHeaderError(reply.header, reply.adapterFile ?? 'adapter.yaml'));
    } else if (reply.input) {
      pending.reject(new InputError(reply.message));
    } else {
      pending.reject(Object.assign(new Error(reply.message), { stack: reply.stack }));
    }
  }

  private stop(why: string): void {
    this.broken ??= why;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(this.stopped(pending.file, why));
  }

  private stopped(file: string, why: string): ReadingThreadError {
    return new ReadingThreadError(`${file}: the thread reading it stopped before the end (${why}); nothing was written. Run the audit again, or with --threads 1 to read on the main thread only`);
  }
}
