/**
 * The case discussions of an audit as columns (model/record-table.ts): a case steps export has
 * a row for every discussion of every case, most of a big authority's rows. Rules read a case's
 * discussions, or a window's, as row numbers in order, and a discussion's fields through the
 * table; a discussion is made a record again where a finding cites it or a rule judges it.
 */
import { DISCUSSION_KINDS, DISCUSSION_STATUSES, type CaseDiscussion, type DiscussionKind } from './records.js';
import { grown, numberIn, orNaN, orNull, RecordTable, type Rows } from './record-table.js';
import type { Instant } from '../time/calendar.js';

export type DiscussionStatus = (typeof DISCUSSION_STATUSES)[number];

const HELD = DISCUSSION_STATUSES.indexOf('held');
const KIND_NUMBER = new Map<string, number>(DISCUSSION_KINDS.map((k, i) => [k, i]));
const STATUS_NUMBER = new Map<string, number>(DISCUSSION_STATUSES.map((s, i) => [s, i]));

export class CaseDiscussions extends RecordTable<CaseDiscussion> {
  /** Case, worker, supervisor and session ids: numbers of texts, -1 for none. */
  private caseIds = new Int32Array(0);
  private workerIds = new Int32Array(0);
  private supervisorIds = new Int32Array(0);
  private sessionIds = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private statuses = new Uint8Array(0);
  private recordedAt = new Float64Array(0);
  private supervisorSignedAt = new Float64Array(0);
  private superviseeSignedAt = new Float64Array(0);

  static of(discussions: Iterable<CaseDiscussion>): CaseDiscussions {
    const table = new CaseDiscussions();
    for (const d of discussions) table.push(d);
    return table;
  }

  protected subjectOf(row: number): number {
    return this.caseIds[row]!;
  }

  protected write(row: number, d: CaseDiscussion): void {
    this.caseIds[row] = this.numberOf(d.caseId);
    this.workerIds[row] = this.numberOf(d.workerId);
    this.supervisorIds[row] = this.numberOf(d.supervisorId);
    this.sessionIds[row] = this.numberOf(d.sessionId);
    this.kinds[row] = numberIn(KIND_NUMBER, d.kind, 'kind');
    this.statuses[row] = numberIn(STATUS_NUMBER, d.status, 'status');
    this.recordedAt[row] = orNaN(d.recordedAt);
    this.supervisorSignedAt[row] = orNaN(d.supervisorSignedAt);
    this.superviseeSignedAt[row] = orNaN(d.superviseeSignedAt);
  }

  protected resizeOwn(size: number): void {
    this.caseIds = grown(this.caseIds, size);
    this.workerIds = grown(this.workerIds, size);
    this.supervisorIds = grown(this.supervisorIds, size);
    this.sessionIds = grown(this.sessionIds, size);
    this.kinds = grown(this.kinds, size);
    this.statuses = grown(this.statuses, size);
    this.recordedAt = grown(this.recordedAt, size);
    this.supervisorSignedAt = grown(this.supervisorSignedAt, size);
    this.superviseeSignedAt = grown(this.superviseeSignedAt, size);
  }

  /** Gives the workers and supervisors named by other ids the ids `rename` says; case and session ids are left as they are. */
  renameWorkers(rename: (id: string) => string | undefined): void {
    const renamed = new Map<number, number>();
    this.renameIn(this.workerIds, rename, renamed);
    this.renameIn(this.supervisorIds, rename, renamed);
  }

  /** A case's discussions (row numbers) in order of start, then file and line. */
  ofCase(caseId: string): Rows {
    return this.rowsOf(caseId);
  }

  /** The cases that have a discussion. */
  cases(): IterableIterator<string> {
    return this.subjects();
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

  recordedAtOf(row: number): Instant | null {
    return orNull(this.recordedAt[row]!);
  }

  supervisorSignedAtOf(row: number): Instant | null {
    return orNull(this.supervisorSignedAt[row]!);
  }

  superviseeSignedAtOf(row: number): Instant | null {
    return orNull(this.superviseeSignedAt[row]!);
  }

  /** Case discussions carry no answer from the supervisee (AzeusCare's sessions do). */
  superviseeDisagreedOf(_row: number): boolean {
    return false;
  }

  sessionIdOf(row: number): string | null {
    return this.textOf(this.sessionIds[row]!);
  }

  /** The discussion as a record, made afresh: for a finding that cites it or a rule that judges it. */
  at(row: number): CaseDiscussion {
    return {
      id: this.idOf(row),
      caseId: this.texts[this.caseIds[row]!]!,
      workerId: this.texts[this.workerIds[row]!]!,
      supervisorId: this.textOf(this.supervisorIds[row]!),
      date: this.dateOf(row),
      startAt: this.startAt[row]!,
      kind: DISCUSSION_KINDS[this.kinds[row]!]!,
      status: DISCUSSION_STATUSES[this.statuses[row]!]!,
      sessionId: this.textOf(this.sessionIds[row]!),
      recordedAt: orNull(this.recordedAt[row]!),
      supervisorSignedAt: orNull(this.supervisorSignedAt[row]!),
      superviseeSignedAt: orNull(this.superviseeSignedAt[row]!),
      file: this.fileOf(row),
      line: this.lineOf(row),
    };
  }
}
