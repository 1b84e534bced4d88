/**
 * Maps the rows of one export file onto the common model: recognises the file's system and
 * entity from its header, converts each cell with the field's typed converter, builds the
 * record, and accounts for every row (read = used + rejected).
 */
import { UnknownCodeTally } from './unknown-codes.js';
import { compileCodeMaps, type CodeMapName, COMMON_JOB_TITLES, COMMON_RECORD_TYPES, COMMON_TOPICS } from './codes.js';
import { Problem, quickDateTimeOfBytes, show, type ProblemScope } from './convert.js';
import { ByteIntern } from './byte-intern.js';
import { BUILDERS, REJECTED, type BuildOutcome, type DoneLater, type Fields, type RecordEntity, type RowContext } from './entities.js';
import { ConverterFactory, isIdField, type CellSource, type PlannedField } from './fields.js';
import { FormPivot, type RenamedQuestion } from './form-pivot.js';
import type { RecordSink } from './record-batches.js';
import type { EntityName, SystemId } from './layout.js';
import type { AuthorityAdapter } from './authority.js';
import { SYSTEM_LAYOUTS } from './systems.js';
import { detectLayout, foldHeader, namesAsMatched, printableText, recognisesHeader, unknownHeader } from './detect.js';
import { asciiText, InputError, type RowOfBytes, type TableInfo, type TableSink } from '../ingest/table.js';
import { isExcelError } from '../ingest/cells.js';
import { compiledOr } from '../model/code-generation.js';
import type { DataIssue, IssueEffect } from '../model/issues.js';
import type { InputSummary } from '../model/inputs.js';
import { dayFromYmd, formatDay, type Day } from '../time/calendar.js';

/** A workers row that was rejected: the worker's id, where the row is, and why. */
export interface RejectedWorkerRow {
  id: string;
  file: string;
  line: number;
  why: string;
}

/** What a record of a worker whose own workers row was rejected says: that row, and why, never "not in any workers file". */
export function rejectedRowWords(id: string, row: RejectedWorkerRow): string {
  return `worker ${id}'s row in ${row.file}, line ${row.line}, was rejected (${row.why}), so nothing can be checked for them until it is corrected`;
}

/** What a file is read with. */
export interface MappingOptions {
  /** The adapters to recognise and read a file with, first choice first. */
  adapters: AuthorityAdapter[];
  /** The authority's adapter file, named in messages about its codes. */
  adapterFile: string;
  /** The audit date: an event after it is outside the audit, its row not relevant. */
  asOf?: Day;
  /** The day the audit runs: an event after it cannot have happened, its row is rejected. */
  today?: Day;
}

/** An input summary as the adapters make it: the system and entity are the ones they know. */
export interface FileSummary extends InputSummary {
  system: SystemId;
  entity: EntityName;
}

type Outcome = 'used' | 'rejected' | { notRelevant: string };

/**
 * What a file made of one column the audit reads: its values that were not blank, and those
 * that could not be read (dropped, or rejecting their row). A code read through a default
 * (an unknown code kept as `other`) was read. Rows not relevant to the audit are not counted.
 */
export interface ColumnReading {
  column: string;
  values: number;
  unreadable: number;
  /** The commonest kind of unreadable value (values alike but for their digits), by its first. */
  commonest: { value: string; line: number; problem: string; count: number } | null;
  /** What an audit takes a value not read as, where not blank: an indicator's, no. */
  takenAs?: string;
}

/** Kinds of unreadable value told apart per column at most: past them, values are counted but not sorted. */
const MAX_KINDS_OF_UNREADABLE = 64;

class ColumnTally implements ColumnReading {
  values = 0;
  unreadable = 0;
  private readonly kinds = new Map<string, { value: string; line: number; problem: string; count: number }>();
  constructor(
    readonly column: string,
    readonly takenAs?: string,
  ) {}

  /** Counts an unreadable value under its kind: a date in a clock nobody reads is one kind, whatever its digits. */
  addUnreadable(raw: string, line: number, problem: string): void {
    this.unreadable += 1;
    const kind = raw.trim().replace(/\d/g, '0');
    const seen = this.kinds.get(kind);
    if (seen) seen.count += 1;
    else if (this.kinds.size < MAX_KINDS_OF_UNREADABLE) this.kinds.set(kind, { value: shorten(raw), line, problem, count: 1 });
  }

  get commonest(): ColumnReading['commonest'] {
    let best: ColumnReading['commonest'] = null;
    for (const kind of this.kinds.values()) if (best === null || kind.count > best.count) best = kind;
    return best;
  }

  reading(): ColumnReading {
    return { column: this.column, values: this.values, unreadable: this.unreadable, commonest: this.commonest, ...(this.takenAs === undefined ? {} : { takenAs: this.takenAs }) };
  }
}

/** Not blank, read or unreadable: what each field of the record being mapped held, counted once its row is known to count. */
const BLANK = 0;
const READ = 1;
const UNREADABLE = 2;

/** The column tallies of one set of planned fields, by position, and what the record being mapped held in each. */
interface FieldTallies {
  tallies: Array<ColumnTally | null>;
  held: Uint8Array;
  raws: string[];
  problems: string[];
  lines: Int32Array;
  /** The converted values of the record being mapped, by position. */
  values: unknown[];
  /** The record's fields by name, made of its values in one step. */
  fieldsOf: (values: readonly unknown[]) => Fields;
  /** 1 for a field of names or other words (text, not an id): the word Null there may be one. */
  words: Uint8Array;
  /** 1 for an indicator (layout.ts `indicator`), whose values are counted in every row; and whether there is one. */
  indicators: Uint8Array;
  hasIndicator: boolean;
}

/** A field name that can be written as it is in an object literal and sets an own property there. */
const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * What makes a record's fields, by name, of its values by position, for one layout: a function
 * compiled once per layout, returning an object literal of its names. Every record's fields then
 * have one shape and are made in one step. Set one by one, by a name that changes from field to
 * field, they cost V8 a search for each (about a tenth of the time of reading a case steps file).
 * Field names are the model's own; any that is not a plain name (none is) is set one by one, as
 * is every name where Node is run with code generation from strings forbidden.
 */
export function fieldsMaker(names: readonly string[]): (values: readonly unknown[]) => Fields {
  const oneByOne = (values: readonly unknown[]): Fields => {
    const fields: Fields = {};
    // Defined, not assigned: a name such as __proto__ is then a field like any other.
    names.forEach((name, i) => Object.defineProperty(fields, name, { value: values[i], writable: true, enumerable: true, configurable: true }));
    return fields;
  };
  if (!names.every((name) => PLAIN_NAME.test(name) && name !== '__proto__')) return oneByOne;
  const literal = names.map((name, i) => `${name}: values[${i}]`).join(', ');
  return compiledOr(() => new Function('values', `return { ${literal} };`) as (values: readonly unknown[]) => Fields, () => oneByOne);
}

class RowCells implements CellSource<PlannedField & { index: number }> {
  values: string[] = [];
  at = 0;
  raw(f: PlannedField & { index: number }): string {
    return this.values[f.index]!;
  }
  line(): number {
    return this.at;
  }
  conflict(): undefined {
    return undefined;
  }
}

/** The cells of a data row read as the bytes of an ASCII line (rowOfBytes): each made text only where a message quotes it. */
class ByteRowCells implements CellSource<PlannedField & { index: number }> {
  private bytes: Buffer = Buffer.alloc(0);
  private starts: Int32Array = new Int32Array(0);
  private ends: Int32Array = new Int32Array(0);
  private at = 0;
  of(bytes: Buffer, starts: Int32Array, ends: Int32Array, line: number): this {
    this.bytes = bytes;
    this.starts = starts;
    this.ends = ends;
    this.at = line;
    return this;
  }
  raw(f: PlannedField & { index: number }): string {
    return asciiText(this.bytes, this.starts[f.index]!, this.ends[f.index]!);
  }
  line(): number {
    return this.at;
  }
  conflict(): undefined {
    return undefined;
  }
}

/** How a field is read from a line's bytes: free text (only there or not), a date, a record's own id (different on every row), or a value looked up by its bytes. */
const FREE_TEXT = 0;
const DATE = 1;
const OWN_ID = 2;
const INTERNED = 3;

function byteReadingOf(f: PlannedField): number {
  const kind = f.spec.type.kind;
  if (kind === 'free-text') return FREE_TEXT;
  if (kind === 'date' || kind === 'datetime') return DATE;
  return f.name === 'id' || f.name === 'formId' ? OWN_ID : INTERNED;
}

/** Events before this day are typing errors: no export of supervision records goes back further. */
const EARLIEST_PLAUSIBLE = dayFromYmd(1990, 1, 1);
/** Events after the audit date are outside the audit, as the checks would ignore them anyway. */
const AFTER_THE_AUDIT = { notRelevant: 'dated after the audit date' };
/** Where each kind of row has the date that places it before or after the audit date. */
const EVENT_DATE: Partial<Record<RecordEntity, string>> = { sessions: 'start', 'case-steps': 'start', incidents: 'date', 'staff-records': 'date' };

/**
 * What a builder sees of the record it builds: its file and line, which fields the file has,
 * and where to report a problem with one. One per file, reset for each record.
 */
class RecordContext implements RowContext {
  line = 0;
  issues: DataIssue[] | null = null;
  private byName = new Map<string, PlannedField>();
  private cells!: CellSource<PlannedField>;
  private readonly asOf: Day;
  private readonly today: Day;

  constructor(
    readonly file: string,
    { asOf, today }: Pick<MappingOptions, 'asOf' | 'today'>,
    /** Tells a row that says something was done on a day still to come: one note for the file. */
    private readonly doneLater: (field: PlannedField, line: number, raw: string, problem: string) => void,
  ) {
    this.asOf = asOf ?? Infinity;
    this.today = today ?? Infinity;
  }

  /** Whether a day is after the audit date: a row dated so is not relevant, whatever else it holds. */
  afterTheAudit(day: Day): boolean {
    return day > this.asOf;
  }

  dated(name: string, day: Day, done: DoneLater | null): BuildOutcome | null {
    if (day > this.today) {
      const f = this.byName.get(name);
      if (done !== null && f) {
        const problem = `${done.what} is dated after today (${formatDay(this.today)}), the day the audit runs: ${done.why} It is not used`;
        this.doneLater(f, this.cells.line(f), this.cells.raw(f) ?? '', problem);
      }
      return AFTER_THE_AUDIT;
    }
    if (day < EARLIEST_PLAUSIBLE) {
      this.issue(name, 'dated before 1990, which cannot be right: a typing error? The row is not used', 'row rejected');
      return REJECTED;
    }
    return day > this.asOf ? AFTER_THE_AUDIT : null;
  }

  start(byName: Map<string, PlannedField>, cells: CellSource<PlannedField>, line: number): this {
    this.byName = byName;
    this.cells = cells;
    this.line = line;
    this.issues = null;
    return this;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  issue(name: string, problem: string, effect: IssueEffect): void {
    const f = this.byName.get(name);
    if (f) this.report(f, problem, effect);
    else (this.issues ??= []).push({ file: this.file, line: this.line, field: name, value: '', problem, effect });
  }

  /** A problem with a field's cell, quoting the cell (shortened; free text never) and its line. */
  report(f: PlannedField, problem: string, effect: IssueEffect): void {
    const raw = f.spec.type.kind === 'free-text' ? '' : (this.cells.raw(f) ?? '');
    (this.issues ??= []).push({ file: this.file, line: this.cells.line(f), field: f.spec.column, value: shorten(raw), problem, effect });
  }
}

/**
 * Whether a cell is empty, only white space, or the word NULL (in any case) that SQL Server's
 * tools write in an empty cell; in a column of names or other words (`caseSensitive`), only NULL
 * or null, so that a surname Null is read as one. Most cells start with another letter or a digit
 * and are told at once.
 */
function isBlankText(text: string, caseSensitive: boolean): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (cannotBeBlank(first)) return false;
  if (first > 32 && first < 127) return isNullWord(text, caseSensitive);
  const trimmed = text.trim();
  return trimmed === '' || isNullWord(trimmed, caseSensitive);
}

/** A cell beginning with this character is not blank: a printable one other than the N of NULL (a cell read as bytes is told so before it is made text). */
const cannotBeBlank = (first: number): boolean => first > 32 && first < 127 && first !== 78 && first !== 110;

function isNullWord(text: string, caseSensitive: boolean): boolean {
  if (text.length < 4) return false;
  // sqlcmd pads every cell to its column's width: NULL followed by many spaces.
  const word = text.length === 4 ? text : text.trim();
  return caseSensitive ? word === 'NULL' || word === 'null' : word.toUpperCase() === 'NULL';
}

/** A row whose every cell is a run of dashes: the rule sqlcmd writes under a header, one run under each column. */
const isHeaderRule = (values: readonly string[]): boolean => values.every((value) => /^\s*-+\s*$/.test(value));

/** A cell as a data issue quotes it: long values are cut. */
const shorten = (value: string): string => show(value, 120);

export class FileMapper implements TableSink {
  summary: FileSummary | null = null;
  private entity: EntityName | null = null;
  /** For a row file: the planned fields and the column each is in. */
  private fields: Array<PlannedField & { index: number }> = [];
  /** For a file of form answers: the forms being put back together. */
  private forms: FormPivot | null = null;
  /** The cells of the row being mapped, and the context its record is built in: one of each, reused for every row. */
  private readonly rowCells = new RowCells();
  private readonly byteCells = new ByteRowCells();
  /** How each of `fields` is read from a line's bytes (byteReadingOf), and the values looked up by their bytes. */
  private byteReadings = new Uint8Array(0);
  private interns: Array<ByteIntern | null> = [];
  private readonly record: RecordContext;
  private converters!: ConverterFactory;
  /** The header's column names as written (trimmed). */
  private headerLine: string[] = [];
  /** The workers rows rejected, by the id they gave: what hangs off them names them (load.ts). */
  readonly rejectedWorkers: RejectedWorkerRow[] = [];
  /** The questions of a file of form answers that the forms tell are renamed (trust.ts stops on them). */
  readonly renamedQuestions: RenamedQuestion[] = [];
  /** Problems of a whole column (ids in scientific notation), one issue each, by column. */
  private readonly columnIssues = new Map<string, DataIssue>();
  /** Each column read, its values and those that could not be read (trust.ts stops on a column mostly unreadable). */
  private readonly tallyByColumn = new Map<string, ColumnTally>();
  private readonly talliesCache = new WeakMap<readonly PlannedField[], FieldTallies>();
  /** The codes the adapter does not map, each counted once (export-set.ts lists them all when the audit stops). */
  readonly unknownCodes: UnknownCodeTally;
  /** The unknown codes of the record being mapped: counted once the record is known to count. */
  private readonly recordCodes: Array<{ column: string; map: CodeMapName; codes: readonly string[]; line: number; effect: IssueEffect }> = [];

  private readonly adapters: AuthorityAdapter[];
  private readonly adapterFile: string;

  constructor(
    private readonly file: string,
    options: MappingOptions,
    private readonly records: RecordSink,
    private readonly issues: DataIssue[],
  ) {
    this.adapters = options.adapters;
    this.adapterFile = options.adapterFile;
    this.record = new RecordContext(file, options, (f, line, raw, problem) => this.columnIssue(f, line, raw, problem, 'note', 1));
    this.unknownCodes = new UnknownCodeTally(file);
  }

  recognises(columns: string[]): boolean {
    return recognisesHeader(columns, this.adapters);
  }

  noHeader(candidates: ReadonlyArray<{ values: string[]; line: number }>): never {
    throw unknownHeader(this.file, candidates, this.adapters, this.adapterFile);
  }

  header(columns: string[], info: TableInfo): void {
    // Names as the layout knows them (without a table's name before each); messages quote them as written.
    const names = namesAsMatched(columns, this.adapters);
    const { adapter, layout } = detectLayout(names, this.adapters, this.file, this.adapterFile, info.sheet);
    this.entity = layout.entity;
    this.summary = {
      file: this.file,
      ...(info.sheet === undefined ? {} : { sheet: info.sheet }),
      system: adapter.system,
      entity: layout.entity,
      layout: layout.authorityColumns ? 'authority' : 'reference',
      format: info.format,
      encoding: info.encoding,
      titleRows: info.titleRows,
      footerRows: 0,
      rowsRead: 0,
      rowsUsed: 0,
      rowsRejected: 0,
      notRelevant: {},
    };
    const codes = compileCodeMaps({ roles: COMMON_JOB_TITLES, topics: COMMON_TOPICS, recordTypes: COMMON_RECORD_TYPES }, SYSTEM_LAYOUTS[adapter.system].codes, adapter.codes);
    this.converters = new ConverterFactory(codes, adapter.dateFormat, this.adapterFile, info.format);
    this.headerLine = columns.map((c) => c.trim());
    const indexOf = new Map<string, number>();
    columns.forEach((c, i) => {
      const key = foldHeader(names[i]!);
      if (indexOf.has(key)) {
        const first = columns[indexOf.get(key)!]!;
        // A name with a line break in it (a header cell saved over two lines) stays on the message's one line.
        // A JSON export's columns are its records' keys (one given twice in a record is a problem of that record, json.ts).
        const [column, header] = info.format === 'json' ? ['key', 'the records'] : ['column', 'the header'];
        const what = `the ${column}s ${printableText(first)} and ${printableText(c)}, the same name to the audit, are both in ${header}`;
        throw new InputError(`${this.file}: ${first.trim() === c.trim() ? `the ${column} ${printableText(c)} appears twice in ${header}` : what} (${column}s ${indexOf.get(key)! + 1} and ${i + 1}): keep one of them, or rename one`);
      }
      indexOf.set(key, i);
    });
    const used = new Set<string>();
    for (const [name, spec] of Object.entries(layout.fields)) {
      const index = indexOf.get(foldHeader(spec.column));
      if (index === undefined) continue;
      used.add(foldHeader(spec.column));
      this.fields.push({ name, spec, index, convert: this.converters.of(name, spec, layout.entity === 'workers' && name === 'id') });
    }
    columns.forEach((c, i) => {
      if (!used.has(foldHeader(names[i]!))) this.note(1, c, `column not in the ${adapter.system} ${layout.title} layout; ignored`);
    });
    if (layout.forms) this.forms = new FormPivot(layout.forms, this.converters, this.fields, this.file);
    this.byteReadings = Uint8Array.from(this.fields, byteReadingOf);
    // Ids of people and cases repeat on every row: as many are remembered as `cached` remembers (fields.ts).
    this.interns = this.fields.map((f, i) => (this.byteReadings[i] === INTERNED ? new ByteIntern(f.convert, isIdField(f.name) ? 200_000 : undefined) : null));
  }

  row(values: string[], line: number): void {
    // sqlcmd underlines the header with dashes: a line of the heading, not a row of data.
    if (this.summary!.rowsRead === 0 && isHeaderRule(values)) {
      this.summary!.titleRows += 1;
      return;
    }
    this.summary!.rowsRead += 1;
    if (this.isRepeatedHeader(values)) {
      this.settle(this.reject('', '', line, 'the header row is repeated here (exports joined together?); the row is not data'), 1);
      return;
    }
    if (this.forms) {
      const problem = this.forms.add(values, line);
      if (problem) this.settle(this.reject(problem.field, problem.value, line, problem.message), 1);
      return;
    }
    this.rowCells.values = values;
    this.rowCells.at = line;
    this.settle(this.mapRecord(this.entity as RecordEntity, this.fields, this.rowCells, line), 1);
  }

  /** Rows as bytes (ingest/csv.ts) are taken but for a file of form answers, whose forms are put together from many rows as text. */
  rowsOfBytes(): RowOfBytes | null {
    return this.forms === null ? this.rowOfBytes : null;
  }

  /**
   * A data row of an ASCII line read as bytes, mapped as row() maps it, where every value the
   * layout reads converts: a row with a blank required value, a value that does not convert, or a
   * cell that may be an Excel error is left (false) to be read as text, where its issues are told.
   * So is any row while none has been read (the first may be sqlcmd's rule under the header),
   * and a row whose first cell is the header's first name (it may be the header again).
   */
  private readonly rowOfBytes: RowOfBytes = (bytes, starts, ends, line) => {
    const summary = this.summary!;
    if (summary.rowsRead === 0 || this.mayBeHeader(bytes, starts[0]!, ends[0]!)) return false;
    const planned = this.fields;
    const tallies = this.talliesOf(planned);
    if (!this.convertBytes(planned, bytes, starts, ends, tallies)) return false;
    summary.rowsRead += 1;
    const record = this.record.start(this.byNameOf(planned) as Map<string, PlannedField>, this.byteCells.of(bytes, starts, ends, line), line);
    this.settle(this.counted(tallies, this.finishRecord(this.entity as RecordEntity, record, tallies, false, line), 1), 1);
    return true;
  };

  /** Whether a row's first cell is the header's first name, as isRepeatedHeader reads it: the row may be the header again. */
  private mayBeHeader(bytes: Buffer, from: number, to: number): boolean {
    const name = this.headerLine[0]!;
    return to - from >= name.length && asciiText(bytes, from, to).trim() === name;
  }

  /** Converts a row's cells from its bytes into `tallies`, as buildRecord converts text; false at the first that is not plainly read. */
  private convertBytes(planned: ReadonlyArray<PlannedField & { index: number }>, bytes: Buffer, starts: Int32Array, ends: Int32Array, tallies: FieldTallies): boolean {
    const { values, held, words } = tallies;
    const readings = this.byteReadings;
    for (let i = 0; i < planned.length; i++) {
      const f = planned[i]!;
      const from = starts[f.index]!;
      const to = ends[f.index]!;
      const reading = readings[i]!;
      held[i] = BLANK;
      const first = from < to ? bytes[from]! : 0;
      const blank = from === to || (!cannotBeBlank(first) && isBlankText(asciiText(bytes, from, to), reading !== FREE_TEXT && words[i] === 1));
      if (reading === FREE_TEXT) {
        values[i] = blank ? null : true;
        continue;
      }
      const type = f.spec.type;
      if (blank) {
        const emptyAs = type.kind === 'code' ? type.emptyAs : undefined;
        values[i] = emptyAs ?? null;
        if (!f.spec.required || emptyAs !== undefined || f.spec.blankAllowed) continue;
        return false;
      }
      // A cell beginning # may be an Excel error (#N/A), which the row read as text tells.
      if (first === 35) return false;
      const value =
        reading === DATE
          ? (quickDateTimeOfBytes(bytes, from, to) ?? f.convert(asciiText(bytes, from, to)))
          : reading === OWN_ID
            ? f.convert(asciiText(bytes, from, to))
            : this.interns[i]!.valueOf(bytes, from, to);
      if (value instanceof Problem) return false;
      values[i] = value;
      held[i] = READ;
    }
    return true;
  }

  end(footerRows = 0): void {
    this.summary!.footerRows = footerRows;
    if (this.forms) {
      for (const form of this.forms.complete()) {
        if ('notRelevant' in form) {
          this.settle({ notRelevant: form.notRelevant }, form.rows);
          continue;
        }
        this.settle(this.mapRecord(form.layout.entity, form.fields, form.cells, form.line, form.rows), form.rows);
      }
      for (const issue of this.forms.unknownQuestionIssues(this.file, this.adapterFile)) this.issues.push(issue);
      this.renamedQuestions.push(...this.forms.renamedQuestions(this.file, this.adapterFile));
    }
    for (const issue of this.columnIssues.values()) {
      if (issue.rows! > 1) issue.problem += `. ${issue.rows!.toLocaleString('en-GB')} rows of the column are so, the first on line ${issue.line}`;
    }
  }

  changed(line: number, column: string, problem: string): void {
    this.issues.push({ file: this.file, line, field: column, value: '', problem, effect: 'kept' });
  }

  /** Whether a column's values are read: free text is only ever present or not, and a column of no field is never read. */
  readsColumn(index: number): boolean {
    return this.forms !== null || this.fields.some((f) => f.index === index && f.spec.type.kind !== 'free-text');
  }

  /**
   * The model fields this file carries, each with the column (or form question) it is read
   * from, for messages about its records.
   */
  columnsByField(): Record<string, string> {
    const columns: Record<string, string> = {};
    for (const f of [...this.fields, ...(this.forms?.plannedFields() ?? [])]) columns[f.name] ??= f.spec.column;
    return columns;
  }

  /** Each column the audit read values from, with how many it held and how many could not be read. */
  columnReadings(): ColumnReading[] {
    return [...this.tallyByColumn.values()].map((t) => t.reading());
  }

  /** The header again in the data: compared as written, so a data row is told from it at its first cell. */
  private isRepeatedHeader(values: string[]): boolean {
    const header = this.headerLine;
    if (values.length !== header.length) return false;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      // A cell shorter than the header's name cannot be it, trimmed or not: most data rows are told at once.
      if (value.length < header[i]!.length || value.replace(/^\uFEFF/, '').trim() !== header[i]) return false;
    }
    return true;
  }

  unreadable(line: number, problem: string, rowsLost: number, cells?: readonly string[]): void {
    const summary = this.summary;
    if (!summary) throw new InputError(`${this.file} line ${line}: ${problem}`);
    summary.rowsRead += rowsLost;
    summary.rowsRejected += rowsLost;
    // Text that stands for several rows (a quote never closed) is counted as them, as every issue of several rows is.
    this.issues.push({ file: this.file, line, field: '', value: '', problem, effect: 'row rejected', ...(rowsLost > 1 ? { rows: rowsLost } : {}) });
    // A workers row lost so is named where its worker's records are rejected, as any rejected workers row is.
    if (cells !== undefined && this.entity === 'workers' && this.forms === null) {
      const idField = this.fields.find((f) => f.name === 'id');
      const raw = idField === undefined ? '' : (cells[idField.index] ?? '');
      const id = raw.trim() === '' ? null : idField!.convert(raw);
      if (typeof id === 'string') this.rejectedWorkers.push({ id, file: this.file, line, why: problem });
    }
  }

  private readonly byNameCache = new WeakMap<readonly PlannedField[], Map<string, PlannedField>>();

  /** The planned fields by name, worked out once per layout rather than per row. */
  private byNameOf<F extends PlannedField>(planned: readonly F[]): Map<string, F> {
    let byName = this.byNameCache.get(planned);
    if (!byName) {
      byName = new Map(planned.map((f) => [f.name, f]));
      this.byNameCache.set(planned, byName);
    }
    return byName as Map<string, F>;
  }

  /** The tallies of a set of planned fields, made once per layout rather than per row. */
  private talliesOf(planned: readonly PlannedField[]): FieldTallies {
    let found = this.talliesCache.get(planned);
    if (!found) {
      const tallies = planned.map((f) => {
        if (f.spec.type.kind === 'free-text') return null;
        let tally = this.tallyByColumn.get(f.spec.column);
        const indicator = f.spec.type.kind === 'code' && f.spec.type.unknownUnread === true;
        if (!tally) this.tallyByColumn.set(f.spec.column, (tally = new ColumnTally(f.spec.column, indicator ? 'no' : undefined)));
        return tally;
      });
      const values = new Array<unknown>(planned.length).fill(null);
      const fieldsOf = fieldsMaker(planned.map((f) => f.name));
      const words = Uint8Array.from(planned, (f) => (f.spec.type.kind === 'text' && !isIdField(f.name) ? 1 : 0));
      const indicators = Uint8Array.from(planned, (f) => (f.spec.type.kind === 'code' && f.spec.type.unknownUnread ? 1 : 0));
      found = {
        tallies,
        held: new Uint8Array(planned.length),
        raws: new Array<string>(planned.length).fill(''),
        problems: new Array<string>(planned.length).fill(''),
        lines: new Int32Array(planned.length),
        values,
        fieldsOf,
        words,
        indicators,
        hasIndicator: indicators.includes(1),
      };
      this.talliesCache.set(planned, found);
    }
    return found;
  }

  /**
   * Counts what a record's fields held, once the record is known to count: a row not relevant to
   * the audit never does, but for its indicators, whose values say whether it is relevant.
   */
  private tally(tallies: FieldTallies, outcome: Outcome): void {
    const relevant = typeof outcome !== 'object';
    if (!relevant && !tallies.hasIndicator) return;
    const { held } = tallies;
    for (let i = 0; i < held.length; i++) {
      const h = held[i]!;
      if (h === BLANK || (!relevant && tallies.indicators[i] === 0)) continue;
      const tally = tallies.tallies[i]!;
      tally.values += 1;
      if (h === UNREADABLE) tally.addUnreadable(tallies.raws[i]!, tallies.lines[i]!, tallies.problems[i]!);
    }
  }

  /** A problem of a whole column: one issue for the file, counting the rows that have it. */
  private columnIssue(f: PlannedField, line: number, raw: string, problem: string, effect: IssueEffect, rows: number): void {
    const key = `${f.spec.column}\u0001${effect}`;
    const issue = this.columnIssues.get(key);
    if (issue) {
      issue.rows! += rows;
      return;
    }
    const created: DataIssue = { file: this.file, line, field: f.spec.column, value: shorten(raw), problem, effect, rows };
    this.columnIssues.set(key, created);
    this.issues.push(created);
  }

  /** Counts `rows` source rows as the record they made was used, rejected or set aside. */
  private settle(outcome: Outcome, rows: number): void {
    const summary = this.summary!;
    if (outcome === 'used') summary.rowsUsed += rows;
    else {
      summary.rowsRejected += rows;
      if (outcome !== 'rejected') summary.notRelevant[outcome.notRelevant] = (summary.notRelevant[outcome.notRelevant] ?? 0) + rows;
    }
  }

  private reject(field: string, value: string, line: number, problem: string): Outcome {
    this.issues.push({ file: this.file, line, field, value: shorten(value), problem, effect: 'row rejected' });
    return 'rejected';
  }

  private note(line: number, field: string, problem: string): void {
    this.issues.push({ file: this.file, line, field, value: '', problem, effect: 'note' });
  }

  /**
   * Converts the cells of one record, builds it, and records its issues. `absent` says what
   * a field with no cell at all means (a form with no answer to a question).
   */
  private mapRecord<F extends PlannedField>(entity: RecordEntity, planned: readonly F[], cells: CellSource<F>, line: number, rows = 1): Outcome {
    const tallies = this.talliesOf(planned);
    return this.counted(tallies, this.buildRecord(entity, planned, cells, line, rows, tallies), rows);
  }

  /** Counts what a record's fields held and the unknown codes it gave, once its outcome is known. */
  private counted(tallies: FieldTallies, outcome: Outcome, rows: number): Outcome {
    this.tally(tallies, outcome);
    if (this.recordCodes.length > 0) {
      // A row not relevant to the audit never had its codes judged.
      if (typeof outcome !== 'object') {
        for (const { column, map, codes, line: at, effect } of this.recordCodes) for (const code of codes) this.unknownCodes.add(column, map, code, at, effect, rows);
      }
      this.recordCodes.length = 0;
    }
    return outcome;
  }

  private buildRecord<F extends PlannedField>(entity: RecordEntity, planned: readonly F[], cells: CellSource<F>, line: number, rows: number, tallies: FieldTallies): Outcome {
    const record = this.record.start(this.byNameOf(planned) as Map<string, PlannedField>, cells as CellSource<PlannedField>, line);
    const { values, held } = tallies;
    let rejected = false;
    for (let i = 0; i < planned.length; i++) {
      const f = planned[i]!;
      const raw = cells.raw(f);
      const type = f.spec.type;
      held[i] = BLANK;
      // Free text is only ever present or not: it is never converted, compared or quoted.
      if (type.kind === 'free-text') {
        values[i] = raw !== undefined && !isBlankText(raw, false) ? true : null;
        continue;
      }
      const keepAs = type.kind === 'code' ? type.unknownAs : undefined;
      const emptyAs = type.kind === 'code' ? type.emptyAs : undefined;
      let problem: string;
      let scope: ProblemScope = {};
      const conflict = cells.conflict(f);
      if (raw === undefined || isBlankText(raw, tallies.words[i] === 1)) {
        values[i] = emptyAs ?? null;
        if (!f.spec.required || emptyAs !== undefined || f.spec.blankAllowed) continue;
        problem = raw === undefined && cells.absent ? cells.absent(f) : 'a required value is empty';
      } else if (conflict !== undefined) {
        held[i] = READ;
        problem = conflict;
      } else if (raw.charCodeAt(0) === 35 && isExcelError(raw)) {
        held[i] = UNREADABLE;
        problem = `the cell holds the Excel error ${raw.trim()}: the formula or look-up that filled it failed. Correct it in the workbook and export again`;
      } else {
        const value = f.convert(raw);
        held[i] = READ;
        if (!(value instanceof Problem)) {
          values[i] = value;
          continue;
        }
        problem = value.message;
        scope = value.scope;
        held[i] = UNREADABLE;
      }
      // Only a value the record cannot do without makes the row unusable: an optional column's bad value is dropped.
      const rejects = f.spec.required === true;
      const keeps = scope.kept !== undefined && !rejects;
      const effect: IssueEffect = keeps || (keepAs !== undefined && !(rejects && scope.rejectsRow)) ? 'kept' : rejects ? 'row rejected' : 'value ignored';
      if (held[i] === UNREADABLE) {
        // A value kept through a default (an unknown code as `other`) was read, but for an indicator's; one dropped, or rejecting its row, was not.
        if (effect === 'kept' && !(type.kind === 'code' && type.unknownUnread)) held[i] = READ;
        else {
          tallies.raws[i] = raw!;
          tallies.problems[i] = problem;
          tallies.lines[i] = cells.line(f);
        }
      }
      if (scope.unknownCodes) this.recordCodes.push({ column: f.spec.column, ...scope.unknownCodes, line: cells.line(f), effect });
      // A form put together from its rows counts all of them.
      if (scope.wholeColumn) this.columnIssue(f, cells.line(f), raw ?? '', problem, effect, rows);
      else record.report(f, effect === 'kept' && !keeps ? `${problem}; kept as ${keepAs}` : problem, effect);
      if (effect === 'row rejected') {
        rejected = true;
        values[i] = undefined;
      } else values[i] = keeps ? scope.kept : effect === 'kept' ? keepAs : null;
    }
    return this.finishRecord(entity, record, tallies, rejected, line);
  }

  /** Builds the record of the values converted into `tallies`, and records its issues. */
  private finishRecord(entity: RecordEntity, record: RecordContext, tallies: FieldTallies, rejected: boolean, line: number): Outcome {
    // A row dated after the audit date is not relevant before its codes or other values are judged
    // (a booked session's status is no unknown code), and so never counts towards --max-rejected.
    const fields = tallies.fieldsOf(tallies.values);
    if (record.issues !== null || rejected) {
      const dateField = EVENT_DATE[entity];
      const when = dateField === undefined ? undefined : (fields[dateField] as { day: Day } | null | undefined);
      if (when && record.afterTheAudit(when.day)) return AFTER_THE_AUDIT;
    }
    let outcome: Outcome = 'rejected';
    if (!rejected) {
      const built = BUILDERS[entity](fields, record, this.records);
      outcome = 'rejected' in built ? 'rejected' : 'notRelevant' in built ? { notRelevant: built.notRelevant } : 'used';
    }
    const found = record.issues;
    if (found === null) return outcome;
    if (outcome !== 'rejected') {
      this.issues.push(...found);
      return outcome;
    }
    // A rejected record is one issue, for what rejected it (every rejected row counts once, as a
    // file's share of rejected rows is judged by its issues); its other problems would be noise.
    const [first, ...more] = found.filter((i) => i.effect === 'row rejected');
    if (first) {
      for (const other of more) first.problem += `; also ${other.field}${other.value === '' ? '' : ` "${other.value}"`}: ${other.problem}`;
      this.issues.push(first);
      if (entity === 'workers' && typeof fields['id'] === 'string') this.rejectedWorkers.push({ id: fields['id'], file: this.file, line, why: `${first.field}${first.value === '' ? '' : ` "${first.value}"`}: ${first.problem}` });
    }
    return outcome;
  }
}
