/**
 * Records held as columns rather than objects: the kinds that make most of a big authority's
 * rows (case discussions, supervision sessions). Held as objects they cost about 190 bytes
 * each; as typed arrays, which the collector never walks, a third of that. Readers add records
 * one by one as they read them (each object is let go of at once); a record is made an object
 * again only where one is asked for: a finding that cites it, a rule that judges each record.
 *
 * What every such table holds is here: each record's own id, date, start, and where it was
 * read; the texts that repeat (ids of people and cases, file names), each held once and named
 * by its number; the rows of each subject (a case's discussions, a worker's sessions) in order
 * of start, and every row in date order. A kind's table adds its own columns.
 *
 * Rows keep the order the records were read in. The table is complete once the dataset is
 * built (or a rule first asks for an order): adding to it then is a mistake. A kind's table is
 * made with no arguments (`of` and `kept` make them so).
 */
import { allDistinct, plainNumber } from './ids.js';
import type { SourceRef } from './records.js';
import type { Day, Instant } from '../time/calendar.js';
import { inDayOrder, placesWithin } from '../time/day-order.js';

/** A record a table can hold: it has an id, a date and a start, and says where it was read. */
export interface TableRecord extends SourceRef {
  id: string;
  date: Day;
  startAt: Instant;
}

/**
 * Row numbers in an order a table worked out (a subject's, the window's): the table's own
 * indexes, or lists made from them, to read and never to change.
 */
export type Rows = { readonly [index: number]: number; readonly length: number } & Iterable<number> & Pick<Int32Array, 'filter' | 'find' | 'findIndex' | 'some'>;

const NO_ROWS = new Int32Array(0);

export const orNaN = (value: number | null): number => (value === null ? NaN : value);
export const orNull = (value: number): number | null => (value !== value ? null : value);

/** The number of one of a model's values (a kind, a status), for a column of them; a value the model does not have is a mistake in the code that built the record. */
export function numberIn(numbers: ReadonlyMap<string, number>, value: string, what: string): number {
  const n = numbers.get(value);
  if (n === undefined) throw new Error(`a record's ${what} "${value}" is not one the model knows`);
  return n;
}

/** A column of `size` rows holding the first rows of `column`. */
export function grown<A extends Float64Array | Int32Array | Uint8Array | Int8Array>(column: A, size: number): A {
  const bigger = new (column.constructor as new (size: number) => A)(size);
  bigger.set(column.subarray(0, Math.min(column.length, size)));
  return bigger;
}

/**
 * Ids by place, each that is a plain number (model/ids.ts) held as that number and any other as
 * text, so that a million ids are not a million strings; an id is given back as the same text.
 * Each place is set once.
 */
export class IdColumn {
  private numbers = new Float64Array(0);
  private readonly others = new Map<number, string>();

  /** Room for `size` ids, keeping the first of those held. */
  resize(size: number): void {
    this.numbers = grown(this.numbers, size);
  }

  set(place: number, id: string): void {
    const n = plainNumber(id);
    this.numbers[place] = n;
    if (n < 0) this.others.set(place, id);
  }

  get(place: number): string {
    const n = this.numbers[place]!;
    return n < 0 ? this.others.get(place)! : String(n);
  }

  /** The ids as they cross to another thread: the numbers (to be moved), and the ids that are not plain numbers by place. */
  forTransfer(): { numbers: Float64Array<ArrayBuffer>; others: Array<[number, string]> } {
    return { numbers: this.numbers, others: [...this.others] };
  }

  restore({ numbers, others }: { numbers: Float64Array<ArrayBuffer>; others: Array<[number, string]> }): void {
    this.numbers = numbers;
    for (const [place, id] of others) this.others.set(place, id);
  }

  /** Whether the first `count` ids are all plain numbers and no two the same. */
  distinctPlain(count: number): boolean {
    return this.others.size === 0 && allDistinct(this.numbers.subarray(0, count));
  }
}

/** A column of a table, as it crosses between threads. */
export type TableColumn = Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Int8Array<ArrayBuffer>;

/**
 * A complete table as it crosses from a reading thread to the main one: its columns, whose
 * buffers are moved with the message rather than copied (`transferList`), its texts, and what a
 * kind's table keeps beside its columns (`extra`, cloned).
 */
export interface TableTransfer {
  count: number;
  columns: Record<string, TableColumn>;
  texts: string[];
  idOthers: Array<[number, string]>;
  extra: Record<string, unknown>;
}

/** The buffers of a table's columns, for the message that carries it. */
export function tableTransferList(table: TableTransfer): ArrayBuffer[] {
  return Object.values(table.columns).map((c) => c.buffer as ArrayBuffer);
}

export abstract class RecordTable<R extends TableRecord> {
  private count = 0;
  private dates = new Int32Array(0);
  private startAt = new Float64Array(0);
  /** Each record's own id. */
  private readonly ids = new IdColumn();
  private files = new Int32Array(0);
  private lines = new Int32Array(0);
  /** Texts that repeat, each held once, and the number of each while the table is filled. */
  protected readonly texts: string[] = [];
  private textNumbers: Map<string, number> | null = new Map();
  private bySubject: Map<string, Int32Array> | null = null;
  private dateOrder: Int32Array | null = null;

  /** The number of the text naming the subject a row is grouped under (a case, a worker). */
  protected abstract subjectOf(row: number): number;
  /** Writes the kind's own columns of a row. */
  protected abstract write(row: number, record: R): void;
  /** The record of a row, made afresh. */
  abstract at(row: number): R;
  /** The kind's own columns by name: what a row adds, grows, and crosses between threads. */
  protected abstract ownColumns(): Record<string, TableColumn>;
  /** Takes the kind's own columns by name (grown, or from another thread). */
  protected abstract setOwnColumns(columns: Record<string, TableColumn>): void;

  /** What a kind's table keeps beside its columns, cloned as the table crosses between threads. */
  protected extraForTransfer(): Record<string, unknown> {
    return {};
  }

  protected restoreExtra(_extra: Record<string, unknown>): void {}

  /**
   * The table as it crosses to another thread, complete. Its columns' buffers go with the
   * message (tableTransferList): the table cannot be read here afterwards.
   */
  forTransfer(): TableTransfer {
    this.complete();
    const { numbers, others } = this.ids.forTransfer();
    return {
      count: this.count,
      columns: { dates: this.dates, startAt: this.startAt, ids: numbers, files: this.files, lines: this.lines, ...this.ownColumns() },
      texts: this.texts,
      idOthers: others,
      extra: this.extraForTransfer(),
    };
  }

  /** A table of the kind holding what another thread's table held, in its order; more rows can be added to it. */
  static fromTransfer<T extends RecordTable<TableRecord>>(this: new () => T, transfer: TableTransfer): T {
    const table = new this();
    table.restore(transfer);
    return table;
  }

  private restore({ count, columns, texts, idOthers, extra }: TableTransfer): void {
    for (const [name, column] of Object.entries(columns)) {
      if (column.length !== count) throw new Error(`${this.constructor.name}: the column ${name} of a table from another thread has ${column.length} rows, not ${count}`);
    }
    this.count = count;
    this.dates = columns['dates'] as Int32Array<ArrayBuffer>;
    this.startAt = columns['startAt'] as Float64Array<ArrayBuffer>;
    this.ids.restore({ numbers: columns['ids'] as Float64Array<ArrayBuffer>, others: idOthers });
    this.files = columns['files'] as Int32Array<ArrayBuffer>;
    this.lines = columns['lines'] as Int32Array<ArrayBuffer>;
    for (const text of texts) this.textNumbers!.set(text, this.texts.push(text) - 1);
    this.setOwnColumns(columns);
    this.restoreExtra(extra);
  }

  /** A table of the kind holding the records given, in their order. */
  static of<T extends RecordTable<TableRecord>>(this: new () => T, records: Iterable<Parameters<T['push']>[0]>): T {
    const table = new this();
    for (const record of records) table.push(record);
    return table;
  }

  get length(): number {
    return this.count;
  }

  push(record: R): void {
    if (this.textNumbers === null) throw new Error(`${this.constructor.name}: a record added after the table was put in order`);
    const row = this.count;
    // Doubled: the rows are copied less often, and what is left unused goes when the table is complete.
    if (row === this.dates.length) this.resize(Math.max(4096, row * 2));
    this.ids.set(row, record.id);
    this.dates[row] = record.date;
    this.startAt[row] = record.startAt;
    this.files[row] = this.numberOf(record.file);
    this.lines[row] = record.line;
    this.write(row, record);
    this.count = row + 1;
  }

  /** The number of a text, given one if it is new; -1 for none. */
  protected numberOf(text: string | null): number {
    if (text === null) return -1;
    if (this.textNumbers === null) throw new Error(`${this.constructor.name}: changed after the table was put in order`);
    let n = this.textNumbers.get(text);
    if (n === undefined) {
      n = this.texts.push(text) - 1;
      this.textNumbers.set(text, n);
    }
    return n;
  }

  /** The text of a number; null for -1. */
  protected textOf(n: number): string | null {
    return n < 0 ? null : this.texts[n]!;
  }

  private resize(size: number): void {
    this.dates = grown(this.dates, size);
    this.startAt = grown(this.startAt, size);
    this.ids.resize(size);
    this.files = grown(this.files, size);
    this.lines = grown(this.lines, size);
    this.setOwnColumns(Object.fromEntries(Object.entries(this.ownColumns()).map(([name, column]) => [name, grown(column, size)])));
  }

  /**
   * The table is complete: its columns are cut to its rows and the lookup of texts let go of.
   * Done as the dataset is built, so that the rules never hold the columns twice.
   */
  complete(): void {
    if (this.textNumbers === null) return;
    // A table from another thread, with no row added since, is already cut to its rows.
    if (this.dates.length !== this.count) this.resize(this.count);
    this.textNumbers = null;
  }

  /** Renames the people a column of text numbers names, as `rename` says (ids a workers row writes with leading zeros). */
  protected renameIn(column: Int32Array, rename: (id: string) => string | undefined, renamed: Map<number, number>): void {
    for (let row = 0; row < this.count; row++) {
      const n = column[row]!;
      if (n < 0) continue;
      let to = renamed.get(n);
      if (to === undefined) {
        const id = rename(this.texts[n]!);
        to = id === undefined ? n : this.numberOf(id);
        renamed.set(n, to);
      }
      column[row] = to;
    }
  }

  /** Whether every record's id is a plain number and no two are the same: the common case, with nothing to check for repeats. */
  hasDistinctPlainIds(): boolean {
    return this.ids.distinctPlain(this.count);
  }

  /** A subject's rows in order of start, then file and line. */
  protected rowsOf(subject: string): Rows {
    this.bySubject ??= this.indexBySubject();
    return this.bySubject.get(subject) ?? NO_ROWS;
  }

  /** The subjects that have a row, in the order each first appears. */
  protected subjects(): IterableIterator<string> {
    this.bySubject ??= this.indexBySubject();
    return this.bySubject.keys();
  }

  /** Rows gathered by subject (in the order subjects first appear), each subject's sorted by start, then file and line. */
  private indexBySubject(): Map<string, Int32Array> {
    this.complete();
    const texts = this.texts.length;
    const starts = new Int32Array(texts + 1);
    for (let row = 0; row < this.count; row++) starts[this.subjectOf(row) + 1]! += 1;
    for (let t = 0; t < texts; t++) starts[t + 1]! += starts[t]!;
    const next = starts.slice(0, texts);
    const rows = new Int32Array(this.count);
    const subjects: number[] = [];
    for (let row = 0; row < this.count; row++) {
      const s = this.subjectOf(row);
      if (next[s] === starts[s]) subjects.push(s);
      rows[next[s]!++] = row;
    }
    const inOrder = (a: number, b: number): number => this.startAt[a]! - this.startAt[b]! || this.bySource(a, b);
    const bySubject = new Map<string, Int32Array>();
    for (const s of subjects) bySubject.set(this.texts[s]!, rows.subarray(starts[s]!, starts[s + 1]!).sort(inOrder));
    return bySubject;
  }

  /** Source order breaks ties, so that results never depend on the order files were read in. */
  private bySource(a: number, b: number): number {
    const fileA = this.texts[this.files[a]!]!;
    const fileB = this.texts[this.files[b]!]!;
    return fileA < fileB ? -1 : fileA > fileB ? 1 : this.lines[a]! - this.lines[b]!;
  }

  /** Every row in date order, records of one date in the order read (a stable counting sort by day). */
  inDateOrder(): Rows {
    return this.sortedByDate();
  }

  private sortedByDate(): Int32Array {
    if (this.dateOrder === null) {
      this.complete();
      this.dateOrder = inDayOrder(this.count, (row) => this.dates[row]!);
    }
    return this.dateOrder;
  }

  /** The rows dated within the window, in date order. */
  datedWithin(window: { from: Day; asOf: Day }): Rows {
    const sorted = this.sortedByDate();
    return sorted.subarray(...this.placesWithin(sorted, window));
  }

  /** Where the rows of a list in date order (some of `inDateOrder`'s) that are dated within the window begin and end. */
  placesWithin(sorted: Rows, window: { from: Day; asOf: Day }): [number, number] {
    return placesWithin(sorted.length, (i) => this.dates[sorted[i]!]!, window);
  }

  dateOf(row: number): Day {
    return this.dates[row]!;
  }

  idOf(row: number): string {
    return this.ids.get(row);
  }

  startOf(row: number): Instant {
    return this.startAt[row]!;
  }

  fileOf(row: number): string {
    return this.texts[this.files[row]!]!;
  }

  lineOf(row: number): number {
    return this.lines[row]!;
  }

  /** Where the record was read. */
  sourceOf(row: number): SourceRef {
    return { file: this.fileOf(row), line: this.lines[row]! };
  }

  /** Where each of some rows was read, for a finding that cites them all. */
  sourcesOf(rows: Rows): SourceRef[] {
    return Array.from(rows, (row) => this.sourceOf(row));
  }

  /** Where each of some rows was read, by its place among them: for a finding that cites one or two. */
  citing(rows: Rows): (index: number) => SourceRef | undefined {
    return (index) => (index >= 0 && index < rows.length ? this.sourceOf(rows[index]!) : undefined);
  }

  /** A new table of the rows `keep` says to keep, in their order (each made a record and added, one at a time). */
  kept(keep: (row: number) => boolean): this {
    const table = new (this.constructor as new () => this)();
    for (let row = 0; row < this.count; row++) if (keep(row)) table.push(this.at(row));
    return table;
  }

  /** Every record as an object, in the order read, made one at a time. */
  *records(): IterableIterator<R> {
    for (let row = 0; row < this.count; row++) yield this.at(row);
  }

  toArray(): R[] {
    return [...this.records()];
  }
}
