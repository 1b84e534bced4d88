/**
 * Reads every export file of an audit through the authority's adapter into one Dataset,
 * then checks what no single file can show: duplicate ids, and records of workers that no
 * workers file names. Every row read is accounted for in the input summaries.
 */
import { recognisesHeader } from './detect.js';
import { rejectedRowWords, type ColumnReading, type FileSummary, type RejectedWorkerRow } from './mapper.js';
import type { EntityName } from './layout.js';
import { FILE_RECORD_KINDS, type FileRecordKind } from './record-batches.js';
import { laterDownloadOf, readOnce, Repeats, valueKey } from './repeats.js';
import { readEveryFile, type FileRead, type ReadOptions } from './read-files.js';
import { exportSetError } from './export-set.js';
import { UnknownHeaderError, type HeaderProblem } from './detect.js';
import type { MoreCodes, UnknownCode } from './unknown-codes.js';
import type { RenamedQuestion } from './form-pivot.js';
import { InputError } from '../ingest/table.js';
import { matchStaffRecords } from './staff-numbers.js';
import { oneSpellingPerTeam, residentsWithoutTeam } from '../model/team-names.js';
import { oneSupervisorPerStart, sessionsAfterSupervisorLeft } from '../model/supervisor-rows.js';
import { incidentsOfUnknownPeople } from '../model/incident-people.js';
import { listInputFiles } from '../ingest/read.js';
import { buildDataset, emptyRecords, type Dataset, type RecordLists, type Records } from '../model/dataset.js';
import type { RecordTable, TableRecord } from '../model/record-table.js';
import type { DataIssue } from '../model/issues.js';
import type { SkippedInput } from '../model/inputs.js';
import type { RecordKind, SourceRef, WorkerPeriod } from '../model/records.js';
import { allDistinct, plainNumber, withoutLeadingZeros } from '../model/ids.js';
import { START_UNKNOWN } from '../model/workers.js';
import { formatDay, londonDay, type Day } from '../time/calendar.js';
import { inPhase } from '../time/phases.js';

export interface Loaded {
  dataset: Dataset;
  /**
   * Rows of the HR export rejected because their id joins no worker, by file: judged by how many
   * of its ids join (adapters/staff-numbers.ts), not as rows a file could not carry.
   */
  unmatchedStaffRecords: Map<string, number>;
  inputs: FileSummary[];
  /** What was given but not read, and why: a folder's other files, a workbook's other sheets. */
  skipped: SkippedInput[];
  issues: DataIssue[];
  /** Each file's columns read, with their values and those that could not be read, by file. */
  columnReadings: Map<string, ColumnReading[]>;
  /** The codes of every file that the adapter does not map: listed, with the lines that map them, should the audit stop. */
  unknownCodes: UnknownCode[];
  moreCodes: MoreCodes[];
  /** For each table (by file), the column each model field was read from, for issues found once the policy is known. */
  columnsOf: Map<string, Record<string, string>>;
  /** The workers rows rejected, by the id each gave. */
  rejectedWorkers: ReadonlyMap<string, RejectedWorkerRow>;
  /** Form questions no layout reads that the forms tell are renamed ones (trust.ts stops on them). */
  renamedQuestions: RenamedQuestion[];
}

/** The kinds of record each entity's file provides. */
export const KINDS_OF_ENTITY: Record<EntityName, RecordKind[]> = {
  workers: ['workers'],
  supervisors: ['supervisors'],
  sessions: ['sessions'],
  agreements: ['agreements'],
  allocations: ['allocations'],
  plans: ['plans'],
  'case-steps': ['case-discussions', 'case-decisions', 'case-file-audits'],
  'form-answers': ['sessions', 'agreements'],
  residences: ['residences'],
  incidents: ['incidents'],
  'staff-records': ['staff-records'],
};

export async function loadExports(paths: string[], options: ReadOptions): Promise<Loaded> {
  const { files, skipped } = await inPhase('read', () => listInputFiles(paths, (columns) => recognisesHeader(columns, options.adapters)));
  const reads = await inPhase('read', () => readExportSet(files, options));
  return inPhase('build', () => datasetOf(reads, skipped, options));
}

/**
 * A table with another's rows added: most kinds come from one file, whose table is taken as it
 * is rather than copied (and, where a second file adds to it, added to in place).
 */
function joined<T extends RecordTable<R>, R extends TableRecord>(into: T, from: T): T {
  if (into.length === 0) return from;
  for (const record of from.records()) into.push(record);
  return into;
}

/** The files' records put together into one Dataset, checked for what no single file can show. */
function datasetOf(reads: FileRead[], skipped: SkippedInput[], options: ReadOptions): Loaded {
  const records = emptyRecords();
  const issues: DataIssue[] = [];
  for (const read of reads) {
    records.discussions = joined(records.discussions, read.records.discussions);
    records.sessions = joined(records.sessions, read.records.sessions);
    for (const kind of FILE_RECORD_KINDS) {
      if (kind === 'discussions' || kind === 'sessions') continue;
      const from = read.records[kind] as unknown[];
      // Most kinds come from one file: its list is taken as it is rather than copied.
      if (from.length > 0) (records[kind] as unknown[]) = records[kind].length === 0 ? from : (records[kind] as unknown[]).concat(from);
    }
    for (const issue of read.issues) issues.push(issue);
  }
  const inputs = reads.flatMap((read) => read.summaries);
  for (const read of reads) skipped.push(...read.skipped);
  const provided = new Set(inputs.flatMap((i) => KINDS_OF_ENTITY[i.entity]));
  const columnsOf = new Map(reads.flatMap((read) => Object.entries(read.columns)));
  const columnOf = (source: SourceRef, field: string): string => columnsOf.get(source.file)?.[field] ?? field;
  workerIdsAsWritten(records);
  const rejectedWorkers = new Map<string, RejectedWorkerRow>();
  // By the id as written and as a number (`0201` is the `201` other exports name), as ids are compared.
  for (const read of reads) {
    for (const row of read.rejectedWorkers) for (const id of [row.id, withoutLeadingZeros(row.id)]) if (!rejectedWorkers.has(id)) rejectedWorkers.set(id, row);
  }
  const unmatchedStaffRecords = checkIntegrity(records, provided, inputs, issues, columnOf, options, rejectedWorkers);
  // Pushed one at a time: there may be more than a call's arguments can hold.
  for (const issue of startedLate(records, provided, columnOf)) issues.push(issue);
  const service = options.adapters[0]?.service ?? 'children';
  const fields = new Map<RecordKind, Set<string>>();
  for (const input of inputs) {
    for (const kind of KINDS_OF_ENTITY[input.entity]) {
      const set = fields.get(kind) ?? new Set<string>();
      for (const name of Object.keys(columnsOf.get(input.file) ?? {})) set.add(name);
      fields.set(kind, set);
    }
  }
  // One team however its name is written: after every check that reads rows by their source.
  records.workers = oneSpellingPerTeam(records.workers, issues, columnOf);
  const dataset = buildDataset(records, provided, service, fields);
  for (const issue of sessionsAfterSupervisorLeft(dataset, columnOf)) issues.push(issue);
  for (const issue of residentsWithoutTeam(dataset, columnOf)) issues.push(issue);
  for (const issue of incidentsOfUnknownPeople(dataset, columnOf)) issues.push(issue);
  const columnReadings = new Map(reads.flatMap((read) => Object.entries(read.columnReadings)));
  const unknownCodes = reads.flatMap((read) => read.unknownCodes);
  const moreCodes = reads.flatMap((read) => read.moreCodes);
  const renamedQuestions = reads.flatMap((read) => read.renamedQuestions);
  return { dataset, inputs, unmatchedStaffRecords, skipped, issues, columnReadings, unknownCodes, moreCodes, columnsOf, rejectedWorkers, renamedQuestions };
}

/**
 * Reads every file of the set, or stops with every problem of it at once: every file is read,
 * none stopping the others, so that each header that matches no layout, each file that cannot
 * be read, and each code of each file the adapter does not map, is named in the same message.
 */
async function readExportSet(files: string[], options: ReadOptions): Promise<FileRead[]> {
  const { reads, unreadable } = await readEveryFile(files, options);
  const failed = new Map<string, { header: HeaderProblem | null; error: InputError }>();
  for (const { file, error } of unreadable) failed.set(file, { header: error instanceof UnknownHeaderError ? error.problem : null, error });
  if (failed.size === 0) return reads as FileRead[];
  const problems = files.flatMap((file) => {
    const f = failed.get(file);
    return f ? [{ file, ...f }] : [];
  });
  // The codes are named where the adapter is what is incomplete: a file with renamed columns. A damaged
  // file, or one of no known layout, is the export's to correct, and its message is not buried under codes.
  const adapterIncomplete = problems.some((p) => p.header?.renames);
  const read = adapterIncomplete ? reads.filter((r): r is FileRead => r !== null) : [];
  throw exportSetError({ files: problems, codes: read.flatMap((r) => r.unknownCodes), moreCodes: read.flatMap((r) => r.moreCodes) }, options.adapters[0], options.adapterFile);
}

/** The fields of records that hold a day, and those that hold an instant. */
const DAY_FIELDS = ['date', 'start', 'end', 'from', 'to', 'signed', 'reviewed', 'resolved', 'validUntil', 'asyeStart'];
const INSTANT_FIELDS = ['startAt', 'recordedAt', 'supervisorSignedAt', 'superviseeSignedAt'];

/**
 * The later download wins (REQUIREMENTS.md, "When an export cannot be trusted"): where one
 * record is in two files with different values, the row of the file whose latest date, in any
 * date column of its rows up to the day the audit runs, is later (on a tie, the file whose name
 * sorts later) is used. One note per pair of files; neither file's rows are rejected.
 */
class LaterDownloads {
  private latest: Map<string, number> | null = null;
  private readonly byPair = new Map<string, { used: SourceRef; other: string; rows: number; line: number }>();

  constructor(
    private readonly records: Records,
    private readonly today: Day,
  ) {}

  /** The record of the latest download among records of one id, each from a file of its own. */
  latestRecord<T extends SourceRef>(records: readonly T[]): T {
    return records.reduce((latest, record) => (this.isLater(record.file, latest.file) ? record : latest));
  }

  /** Which of two records of one id, from two files, is used; the pair of files counted. */
  used<T extends SourceRef>(a: T, b: T): T {
    const later = this.isLater(b.file, a.file) ? b : a;
    const other = later === a ? b.file : a.file;
    const pair = `${later.file}\u0001${other}`;
    const seen = this.byPair.get(pair);
    if (seen) {
      seen.rows += 1;
      seen.line = Math.min(seen.line, later.line);
    } else this.byPair.set(pair, { used: later, other, rows: 1, line: later.line });
    return later;
  }

  issues(): DataIssue[] {
    return [...this.byPair.values()].map(({ used, other, rows, line }) => ({
      file: used.file,
      line,
      field: '',
      value: '',
      problem: `${rows === 1 ? 'a row' : `${rows.toLocaleString('en-GB')} rows`} of this file and of ${other} give one record different values (two downloads of one export?); this file is the later download (its latest date ${this.dayText(used.file)}, against ${this.dayText(other)}), so its rows are used, the first on this line`,
      effect: 'note' as const,
      rows,
    }));
  }

  private dayText(file: string): string {
    const day = this.latestOf(file);
    return day === -Infinity ? 'none' : formatDay(day);
  }

  private isLater(file: string, than: string): boolean {
    const a = this.latestOf(file);
    const b = this.latestOf(than);
    return a !== b ? a > b : file > than;
  }

  /** Each file's latest date up to today, worked out once, when two downloads first differ. */
  private latestOf(file: string): number {
    if (this.latest === null) {
      const latest = new Map<string, number>();
      for (const kind of FILE_RECORD_KINDS) {
        const records = kind === 'discussions' || kind === 'sessions' ? this.records[kind].records() : this.records[kind];
        for (const record of records as Iterable<Record<string, unknown> & SourceRef>) {
          let best = latest.get(record.file) ?? -Infinity;
          for (const field of DAY_FIELDS) {
            const day = record[field];
            if (typeof day === 'number' && day > best && day <= this.today && day !== START_UNKNOWN) best = day;
          }
          for (const field of INSTANT_FIELDS) {
            const instant = record[field];
            if (typeof instant === 'number') {
              const day = londonDay(instant);
              if (day > best && day <= this.today) best = day;
            }
          }
          latest.set(record.file, best);
        }
      }
      this.latest = latest;
    }
    return this.latest.get(file) ?? -Infinity;
  }
}

/** Every field of every record that names a worker. */
const WORKER_REFERENCES: { [K in FileRecordKind]?: ReadonlyArray<keyof RecordLists[K][number] & string> } = {
  workers: ['id'],
  supervisors: ['workerId', 'supervisorId'],
  sessions: ['workerId', 'supervisorId'],
  agreements: ['workerId', 'supervisorId'],
  allocations: ['workerId'],
  discussions: ['workerId', 'supervisorId'],
  decisions: ['workerId'],
  fileAudits: ['auditorId'],
  staffRecords: ['workerId'],
};

/**
 * Ids are compared as numbers (REQUIREMENTS.md, "When an export cannot be trusted"): every id
 * is read so (`010006` is `10006`) but a workers row's own, which the report names the worker
 * by. Where a workers row writes its id with leading zeros, every record naming that worker is
 * given the id as that row writes it. Nothing to do, and no pass over the records, in the
 * common case of ids written alike.
 */
function workerIdsAsWritten(records: Records): void {
  const asWritten = new Map<string, string>();
  for (const w of records.workers) {
    const key = withoutLeadingZeros(w.id);
    if (key !== w.id && !asWritten.has(key)) asWritten.set(key, w.id);
  }
  if (asWritten.size === 0) return;
  for (const [kind, fields] of Object.entries(WORKER_REFERENCES) as Array<[FileRecordKind, string[]]>) {
    if (kind === 'discussions' || kind === 'sessions') {
      records[kind].renameWorkers((id) => asWritten.get(withoutLeadingZeros(id)));
      continue;
    }
    for (const record of records[kind] as unknown as Array<Record<string, string | null>>) {
      for (const field of fields) {
        const id = record[field];
        if (id === null || id === undefined) continue;
        const written = asWritten.get(withoutLeadingZeros(id));
        if (written !== undefined) record[field] = written;
      }
    }
  }
}

/**
 * Workers with no start date (REQUIREMENTS.md, "Workers with no start date"): a worker's first
 * row may leave it blank (long-serving staff migrated from a legacy system), and is kept as in
 * post since before the window, one data issue each; a later row must say when its period
 * began, and is rejected.
 */
function unknownStarts(
  rows: WorkerPeriod[],
  issues: DataIssue[],
  columnOf: (source: SourceRef, field: string) => string,
  reject: (source: SourceRef, field: string, value: string, problem: string) => void,
): WorkerPeriod[] {
  if (!rows.some((row) => row.start === START_UNKNOWN)) return rows;
  const met = new Set<string>();
  return rows.filter((row) => {
    const first = !met.has(row.id);
    met.add(row.id);
    if (row.start !== START_UNKNOWN) return true;
    if (!first) {
      reject(row, 'start', '', `worker ${row.id}'s row has no start date, and it is not their first row: a later period must say when it began; the row is not used`);
      return false;
    }
    const problem = `worker ${row.id} has no start date: read as in post since before the audit window, and judged from their events alone`;
    issues.push({ file: row.file, line: row.line, field: columnOf(row, 'start'), value: '', problem, effect: 'kept' });
    return true;
  });
}

/**
 * Sessions dated before their worker started: possible, but one of the two dates is wrong. The
 * records are kept (nothing is due before a worker starts, so they count for nothing); the
 * issue tells the reader where to look. Dates that cannot be true are the mapper's to reject.
 */
function startedLate(records: Records, provided: Set<RecordKind>, columnOf: (source: SourceRef, field: string) => string): DataIssue[] {
  const found: DataIssue[] = [];
  if (!provided.has('workers')) return found;
  // A worker's first day in post: the earliest start of their rows.
  const started = new Map<string, number>();
  for (const w of records.workers) started.set(w.id, Math.min(w.start, started.get(w.id) ?? Infinity));
  const { sessions } = records;
  for (let row = 0; row < sessions.length; row++) {
    const workerId = sessions.workerIdOf(row);
    const start = started.get(workerId);
    const date = sessions.dateOf(row);
    if (start !== undefined && date < start) {
      const problem = `dated before worker ${workerId} started on ${formatDay(start)}: check either date; the session does not count for them`;
      const source = sessions.sourceOf(row);
      found.push({ ...source, field: columnOf(source, 'start'), value: formatDay(date), problem, effect: 'kept' });
    }
  }
  return found;
}

/**
 * Whether the ids are all plain numbers ("9000123", not "00123") and all different: the common
 * case, told by sorting them as numbers, which costs far less time and memory than a set of a
 * million ids.
 */
function distinctNumbers<T>(items: readonly T[], idOf: (t: T) => string): boolean {
  const numbers = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const n = plainNumber(idOf(items[i]!));
    if (n < 0) return false;
    numbers[i] = n;
  }
  return allDistinct(numbers);
}

/**
 * A set of ids that holds the common numeric ones ("9000123") as numbers, which a set hashes
 * much faster than strings; any other id, "00123" included, is kept as text.
 */
class IdSet {
  private readonly numbers = new Set<number>();
  private readonly texts = new Set<string>();

  get size(): number {
    return this.numbers.size + this.texts.size;
  }

  has(id: string): boolean {
    const n = plainNumber(id);
    return n >= 0 ? this.numbers.has(n) : this.texts.has(id);
  }

  /** Adds an id; false when it was already there. */
  add(id: string): boolean {
    const n = plainNumber(id);
    if (n >= 0) {
      if (this.numbers.has(n)) return false;
      this.numbers.add(n);
      return true;
    }
    if (this.texts.has(id)) return false;
    this.texts.add(id);
    return true;
  }
}

/** Removes records that cannot be trusted, each with a data issue, and re-counts their files. */
function checkIntegrity(
  records: Records,
  provided: Set<RecordKind>,
  inputs: FileSummary[],
  issues: DataIssue[],
  columnOf: (source: SourceRef, field: string) => string,
  options: ReadOptions,
  rejectedWorkers: ReadonlyMap<string, RejectedWorkerRow>,
): Map<string, number> {
  const summaryOf = new Map(inputs.map((i) => [i.file, i]));
  const reject = (source: SourceRef, field: string, value: string, problem: string): void => {
    issues.push({ file: source.file, line: source.line, field: columnOf(source, field), value, problem, effect: 'row rejected' });
    const summary = summaryOf.get(source.file)!;
    summary.rowsUsed -= 1;
    summary.rowsRejected += 1;
  };

  const repeats = new Repeats();
  const downloads = new LaterDownloads(records, options.today ?? Infinity);

  /**
   * Keeps one record of each id, whatever order the files are read in. The first row of an id in
   * each file stands for that file; of these, the latest download's says what the record is (the
   * first read of those that say the same is the one kept, the others read once), and a file whose
   * first row says something else gave way to it. A file's later rows of the id are then judged
   * against its first: the same, read once; other values, rejected naming the first, where the
   * first says what the record is; else the row gave way with its file. Says which of `count`
   * records to keep, by their place (1 to keep); null when no id is given twice.
   */
  const keptOnce = <T extends SourceRef>(
    kind: FileRecordKind,
    count: number,
    idAt: (i: number) => string,
    fileAt: (i: number) => string,
    recordAt: (i: number) => T,
    conflict: (item: T, first: T) => void,
  ): Uint8Array | null => {
    // The ids given twice, found with a set of every id; only their rows are looked at again.
    const seen = new IdSet();
    const repeated = new IdSet();
    for (let i = 0; i < count; i++) {
      const id = idAt(i);
      if (!seen.add(id)) repeated.add(id);
    }
    if (repeated.size === 0) return null;
    const kept = new Uint8Array(count);
    /** Each repeated id's first row in each file, in the order read, and those files' later rows. */
    const firstsById = new Map<string, number[]>();
    const firstInFile = new Map<string, number>();
    const laterInFile: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = idAt(i);
      if (!repeated.has(id)) {
        kept[i] = 1;
        continue;
      }
      const inFile = `${fileAt(i)}\u0001${id}`;
      if (firstInFile.has(inFile)) {
        laterInFile.push(i);
        continue;
      }
      firstInFile.set(inFile, i);
      const firsts = firstsById.get(id);
      if (firsts === undefined) firstsById.set(id, [i]);
      else firsts.push(i);
    }
    const key = valueKey(kind);
    /** Each repeated id's record: the row kept, what it says, and the latest download's row. */
    const records = new Map<string, { used: T; says: string; latest: T }>();
    for (const [id, firsts] of firstsById) {
      const rows = firsts.map(recordAt);
      const latest = rows.length === 1 ? rows[0]! : downloads.latestRecord(rows);
      const says = key(latest);
      const at = rows.findIndex((row) => key(row) === says);
      const used = rows[at]!;
      kept[firsts[at]!] = 1;
      for (const row of rows) {
        if (row === used) continue;
        if (key(row) === says) repeats.add(row, used);
        else downloads.used(latest, row);
      }
      records.set(id, { used, says, latest });
    }
    for (const i of laterInFile) {
      const id = idAt(i);
      const item = recordAt(i);
      const first = recordAt(firstInFile.get(`${item.file}\u0001${id}`)!);
      const { used, says, latest } = records.get(id)!;
      const itemSays = key(item);
      if (itemSays === key(first)) repeats.add(item, first);
      else if (key(first) === says) conflict(item, first);
      else if (itemSays === says) repeats.add(item, used);
      else downloads.used(latest, item);
    }
    return kept;
  };
  const unique = <T extends SourceRef>(kind: FileRecordKind, items: T[], idOf: (t: T) => string, conflict: (item: T, first: T) => void): T[] => {
    if (distinctNumbers(items, idOf)) return items;
    const keep = keptOnce(kind, items.length, (i) => idOf(items[i]!), (i) => items[i]!.file, (i) => items[i]!, conflict);
    return keep === null ? items : items.filter((_, i) => keep[i] === 1);
  };
  /** The same for a table (model/record-table.ts): a record is made only for a row whose id another has, and the table again only then. */
  const uniqueRows = <T extends TableRecord, R extends RecordTable<T>>(kind: FileRecordKind, table: R, conflict: (item: T, first: T) => void): R => {
    if (table.hasDistinctPlainIds()) return table;
    const keep = keptOnce(kind, table.length, (row) => table.idOf(row), (row) => table.fileOf(row), (row) => table.at(row), conflict);
    return keep === null ? table : table.kept((row) => keep[row] === 1);
  };
  const sameId =
    (what: string) =>
    (item: SourceRef & { id: string }, first: SourceRef): void =>
      reject(item, 'id', item.id, `${what} ${item.id} is also at ${first.file} line ${first.line} with other values; the first is used`);
  records.sessions = uniqueRows('sessions', records.sessions, sameId('session'));
  records.discussions = uniqueRows('discussions', records.discussions, sameId('case step'));
  records.decisions = unique('decisions', records.decisions, (d) => d.id, sameId('case step'));
  records.fileAudits = unique('fileAudits', records.fileAudits, (a) => a.id, sameId('case step'));
  records.incidents = unique('incidents', records.incidents, (i) => i.id, sameId('incident'));
  // Rows with no id are one record by who or what they are about and the day they start.
  records.supervisors = laterDownloadOf(readOnce('supervisors', records.supervisors, repeats), (s) => `${s.workerId}\u0001${s.from}`, downloads);
  records.agreements = laterDownloadOf(readOnce('agreements', records.agreements, repeats), (a) => `${a.workerId}\u0001${a.signed}`, downloads);
  records.allocations = laterDownloadOf(readOnce('allocations', records.allocations, repeats), (a) => `${a.caseId}\u0001${a.workerId}\u0001${a.from}`, downloads);
  records.plans = laterDownloadOf(readOnce('plans', records.plans, repeats), (p) => `${p.caseId}\u0001${p.type}\u0001${p.from}`, downloads);
  records.residences = readOnce('residences', records.residences, repeats);
  records.staffRecords = readOnce('staffRecords', records.staffRecords, repeats);
  // A worker's rows are periods (REQUIREMENTS.md, "Workers over time"): two with one start that say different things cannot both hold.
  records.workers = unique('workers', unknownStarts(readOnce('workers', records.workers, repeats), issues, columnOf, reject), (w) => `${w.id}\u0001${w.start}`, (item, first) =>
    reject(item, 'start', formatDay(item.start), `worker ${item.id} has another row starting on ${formatDay(item.start)}, at ${first.file} line ${first.line}, with other values: two periods cannot start on one day; the first is used`),
  );
  for (const note of repeats.issues()) issues.push(note);
  for (const note of downloads.issues()) issues.push(note);

  // With no workers row read, the audit stops naming the workers file (trust.ts), not what hangs off it.
  if (!provided.has('workers') || records.workers.length === 0) return new Map();
  const known = new Set(records.workers.map((w) => w.id));
  const isOfKnownWorker = (source: SourceRef, workerId: string): boolean => {
    if (known.has(workerId)) return true;
    const row = rejectedWorkers.get(workerId);
    const why = row ? rejectedRowWords(workerId, row) : `worker ${workerId} is not in any workers file, so nothing can be checked for them`;
    reject(source, 'workerId', workerId, why);
    return false;
  };
  const ofKnownWorker = <T extends SourceRef & { workerId: string }>(items: T[]): T[] =>
    items.every((item) => known.has(item.workerId)) ? items : items.filter((item) => isOfKnownWorker(item, item.workerId));
  const { sessions } = records;
  for (let i = 0; i < sessions.length; i++) {
    if (known.has(sessions.workerIdOf(i))) continue;
    // The table is made again only where some session's worker is unknown.
    records.sessions = sessions.kept((row) => isOfKnownWorker(sessions.sourceOf(row), sessions.workerIdOf(row)));
    break;
  }
  records.agreements = ofKnownWorker(records.agreements);
  records.supervisors = ofKnownWorker(records.supervisors);
  records.supervisors = oneSupervisorPerStart(records.supervisors, reject);
  const matchOn = options.adapters.find((a) => a.staffRecordsMatchOn !== undefined)?.staffRecordsMatchOn;
  const staff = matchStaffRecords(records.staffRecords, records.workers, inputs, { matchOn, adapterFile: options.adapterFile, issues, columnOf, rejectedWorkers }, reject);
  records.staffRecords = staff.records;
  return staff.unmatchedRows;
}
