/**
 * The case discussions of an audit as columns rather than objects. A case steps export has a
 * row for every discussion of every case, most of a big authority's rows: held as objects they
 * cost about 190 bytes each; here about 70, in typed arrays the collector never walks. Readers
 * add discussions one by one as they read them (each object is let go of at once); a
 * discussion is made an object again only where one is asked for: a finding that cites it, a
 * rule that judges each record (recording, sign-off).
 *
 * Rows keep the order the discussions were read in. The table is complete once the dataset is
 * built (or a rule first asks for an order: `ofCase`, `inDateOrder`): adding to it then is a
 * mistake.
 */
import { DISCUSSION_KINDS, DISCUSSION_STATUSES, type CaseDiscussion, type DiscussionKind, type SourceRef } from './records.js';
import { plainNumber } from './ids.js';
import type { Day, Instant } from '../time/calendar.js';

export type DiscussionStatus = (typeof DISCUSSION_STATUSES)[number];

const HELD = DISCUSSION_STATUSES.indexOf('held');
const KIND_NUMBER = new Map<string, number>(DISCUSSION_KINDS.map((k, i) => [k, i]));
const STATUS_NUMBER = new Map<string, number>(DISCUSSION_STATUSES.map((s, i) => [s, i]));
const NO_ROWS = new Int32Array(0);

const orNaN = (instant: Instant | null): number => (instant === null ? NaN : instant);
const orNull = (value: number): number | null => (value !== value ? null : value);

function grown<A extends Float64Array | Int32Array | Uint8Array>(column: A, size: number): A {
  const bigger = new (column.constructor as new (size: number) => A)(size);
  bigger.set(column.subarray(0, Math.min(column.length, size)));
  return bigger;
}

export class CaseDiscussions {
  private rows = 0;
  /** Each discussion's date. */
  date = new Int32Array(0);
  private startAt = new Float64Array(0);
  /** Each discussion's own id as a number (model/ids.ts), or -1 where it is not one: then in `otherIds`. */
  private ids = new Float64Array(0);
  private readonly otherIds = new Map<number, string>();
  /** Case, worker, supervisor and session ids and file names: numbers into `texts`, -1 for none. */
  private caseIds = new Int32Array(0);
  private workerIds = new Int32Array(0);
  private supervisorIds = new Int32Array(0);
  private sessionIds = new Int32Array(0);
  private files = new Int32Array(0);
  private lines = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private statuses = new Uint8Array(0);
  private recordedAt = new Float64Array(0);
  private supervisorSignedAt = new Float64Array(0);
  private superviseeSignedAt = new Float64Array(0);
  /** Texts that repeat, each held once, and the number of each while the table is filled. */
  private readonly texts: string[] = [];
  private textNumbers: Map<string, number> | null = new Map();
  /** Each case's rows in order of start (then file and line), once asked for. */
  private byCase: Map<string, Int32Array> | null = null;
  private dateOrder: Int32Array | null = null;

  static of(discussions: Iterable<CaseDiscussion>): CaseDiscussions {
    const table = new CaseDiscussions();
    for (const d of discussions) table.push(d);
    return table;
  }

  push(d: CaseDiscussion): void {
    if (this.textNumbers === null) throw new Error('case discussions added after the table was put in order');
    const row = this.rows;
    // Grown by half again: a bigger step would leave more unused until the table is complete.
    if (row === this.date.length) this.resize(Math.max(1024, Math.ceil(row * 1.5)));
    const id = plainNumber(d.id);
    this.ids[row] = id;
    if (id < 0) this.otherIds.set(row, d.id);
    this.caseIds[row] = this.numberOf(d.caseId);
    this.workerIds[row] = this.numberOf(d.workerId);
    this.supervisorIds[row] = this.numberOf(d.supervisorId);
    this.sessionIds[row] = this.numberOf(d.sessionId);
    this.date[row] = d.date;
    this.startAt[row] = d.startAt;
    this.kinds[row] = KIND_NUMBER.get(d.kind)!;
    this.statuses[row] = STATUS_NUMBER.get(d.status)!;
    this.recordedAt[row] = orNaN(d.recordedAt);
    this.supervisorSignedAt[row] = orNaN(d.supervisorSignedAt);
    this.superviseeSignedAt[row] = orNaN(d.superviseeSignedAt);
    this.files[row] = this.numberOf(d.file);
    this.lines[row] = d.line;
    this.rows = row + 1;
  }

  get length(): number {
    return this.rows;
  }

  private numberOf(text: string | null): number {
    if (text === null) return -1;
    let n = this.textNumbers!.get(text);
    if (n === undefined) {
      n = this.texts.push(text) - 1;
      this.textNumbers!.set(text, n);
    }
    return n;
  }

  private resize(size: number): void {
    this.date = grown(this.date, size);
    this.startAt = grown(this.startAt, size);
    this.ids = grown(this.ids, size);
    this.caseIds = grown(this.caseIds, size);
    this.workerIds = grown(this.workerIds, size);
    this.supervisorIds = grown(this.supervisorIds, size);
    this.sessionIds = grown(this.sessionIds, size);
    this.files = grown(this.files, size);
    this.lines = grown(this.lines, size);
    this.kinds = grown(this.kinds, size);
    this.statuses = grown(this.statuses, size);
    this.recordedAt = grown(this.recordedAt, size);
    this.supervisorSignedAt = grown(this.supervisorSignedAt, size);
    this.superviseeSignedAt = grown(this.superviseeSignedAt, size);
  }

  /**
   * The table is complete: its columns are cut to its rows and the lookup of texts let go of.
   * Done as the dataset is built, so that the rules never hold the columns twice.
   */
  complete(): void {
    if (this.textNumbers === null) return;
    this.resize(this.length);
    this.textNumbers = null;
  }

  /** Gives the workers named by other ids the ids `rename` says (a workers row writes them with leading zeros). */
  renameWorkers(rename: (id: string) => string | undefined): void {
    const renamed = new Map<number, number>();
    const renumber = (n: number): number => {
      if (n < 0) return n;
      let to = renamed.get(n);
      if (to === undefined) {
        const id = rename(this.texts[n]!);
        to = id === undefined ? n : this.numberOf(id);
        renamed.set(n, to);
      }
      return to;
    };
    for (let row = 0; row < this.length; row++) {
      this.workerIds[row] = renumber(this.workerIds[row]!);
      this.supervisorIds[row] = renumber(this.supervisorIds[row]!);
    }
  }

  /** Whether every discussion's id is a plain number and no two are the same: the common case, with nothing to check for repeats. */
  hasDistinctPlainIds(): boolean {
    if (this.otherIds.size > 0) return false;
    const sorted = this.ids.slice(0, this.length).sort();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
    return true;
  }

  /** A case's discussions (row numbers) in order of start, then file and line. */
  ofCase(caseId: string): Int32Array {
    this.byCase ??= this.indexByCase();
    return this.byCase.get(caseId) ?? NO_ROWS;
  }

  /** The cases that have a discussion. */
  cases(): IterableIterator<string> {
    this.byCase ??= this.indexByCase();
    return this.byCase.keys();
  }

  /** Rows gathered by case (in the order cases first appear), each case's sorted by start, then file and line. */
  private indexByCase(): Map<string, Int32Array> {
    this.complete();
    const texts = this.texts.length;
    const starts = new Int32Array(texts + 1);
    for (let row = 0; row < this.length; row++) starts[this.caseIds[row]! + 1]! += 1;
    for (let t = 0; t < texts; t++) starts[t + 1]! += starts[t]!;
    const next = starts.slice(0, texts);
    const rows = new Int32Array(this.length);
    const cases: number[] = [];
    for (let row = 0; row < this.length; row++) {
      const c = this.caseIds[row]!;
      if (next[c] === starts[c]) cases.push(c);
      rows[next[c]!++] = row;
    }
    const inOrder = (a: number, b: number): number => this.startAt[a]! - this.startAt[b]! || this.bySource(a, b);
    const byCase = new Map<string, Int32Array>();
    for (const c of cases) byCase.set(this.texts[c]!, rows.subarray(starts[c]!, starts[c + 1]!).sort(inOrder));
    return byCase;
  }

  /** Source order breaks ties, so that results never depend on the order files were read in. */
  private bySource(a: number, b: number): number {
    const fileA = this.texts[this.files[a]!]!;
    const fileB = this.texts[this.files[b]!]!;
    return fileA < fileB ? -1 : fileA > fileB ? 1 : this.lines[a]! - this.lines[b]!;
  }

  /** Every row in date order, discussions of one date in the order read (a stable counting sort by day). */
  inDateOrder(): Int32Array {
    if (this.dateOrder === null) {
      this.complete();
      const sorted = new Int32Array(this.length);
      if (this.length > 0) {
        let first = Infinity;
        let last = -Infinity;
        for (const day of this.date) {
          if (day < first) first = day;
          if (day > last) last = day;
        }
        const starts = new Int32Array(last - first + 2);
        for (const day of this.date) starts[day - first + 1]! += 1;
        for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!;
        for (let row = 0; row < this.length; row++) sorted[starts[this.date[row]! - first]!++] = row;
      }
      this.dateOrder = sorted;
    }
    return this.dateOrder;
  }

  /** The rows dated within the window, in date order. */
  datedWithin(window: { from: Day; asOf: Day }): Int32Array {
    const sorted = this.inDateOrder();
    return sorted.subarray(this.firstOnOrAfter(sorted, window.from), this.firstOnOrAfter(sorted, window.asOf + 1));
  }

  private firstOnOrAfter(sorted: Int32Array, day: Day): number {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.date[sorted[middle]!]! < day) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  isHeld(row: number): boolean {
    return this.statuses[row] === HELD;
  }

  statusOf(row: number): DiscussionStatus {
    return DISCUSSION_STATUSES[this.statuses[row]!]!;
  }

  kindOf(row: number): DiscussionKind {
    return DISCUSSION_KINDS[this.kinds[row]!]!;
  }

  workerIdOf(row: number): string {
    return this.texts[this.workerIds[row]!]!;
  }

  sessionIdOf(row: number): string | null {
    const n = this.sessionIds[row]!;
    return n < 0 ? null : this.texts[n]!;
  }

  /** Where the discussion was read. */
  sourceOf(row: number): SourceRef {
    return { file: this.texts[this.files[row]!]!, line: this.lines[row]! };
  }

  /** The discussion as a record, made afresh: for a finding that cites it or a rule that judges it. */
  at(row: number): CaseDiscussion {
    const id = this.ids[row]!;
    const supervisor = this.supervisorIds[row]!;
    const session = this.sessionIds[row]!;
    return {
      id: id < 0 ? this.otherIds.get(row)! : String(id),
      caseId: this.texts[this.caseIds[row]!]!,
      workerId: this.texts[this.workerIds[row]!]!,
      supervisorId: supervisor < 0 ? null : this.texts[supervisor]!,
      date: this.date[row]!,
      startAt: this.startAt[row]!,
      kind: DISCUSSION_KINDS[this.kinds[row]!]!,
      status: DISCUSSION_STATUSES[this.statuses[row]!]!,
      sessionId: session < 0 ? null : this.texts[session]!,
      recordedAt: orNull(this.recordedAt[row]!),
      supervisorSignedAt: orNull(this.supervisorSignedAt[row]!),
      superviseeSignedAt: orNull(this.superviseeSignedAt[row]!),
      file: this.texts[this.files[row]!]!,
      line: this.lines[row]!,
    };
  }

  /** Every discussion as a record, in the order read, made one at a time. */
  *records(): IterableIterator<CaseDiscussion> {
    for (let row = 0; row < this.length; row++) yield this.at(row);
  }

  toArray(): CaseDiscussion[] {
    return [...this.records()];
  }
}
