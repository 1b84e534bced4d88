/**
 * The case discussions of an audit as columns (model/record-table.ts): a case steps export has
 * a row for every discussion of every case, most of a big authority's rows. Rules read a case's
 * discussions, or a window's, as row numbers in order, and a discussion's fields through the
 * table; a discussion is made a record again where a finding cites it or a rule judges it.
 */
import { DISCUSSION_KINDS, DISCUSSION_STATUSES, type CaseDiscussion, type DiscussionKind } from './records.js';
import type { Rows, TableColumn } from './record-table.js';
import { SupervisionRecordTable } from './supervision-records.js';

export type DiscussionStatus = (typeof DISCUSSION_STATUSES)[number];

export class CaseDiscussions extends SupervisionRecordTable<DiscussionKind, DiscussionStatus, CaseDiscussion> {
  /** Case and session ids: numbers of texts, -1 for none. */
  private caseIds = new Int32Array(0);
  private sessionIds = new Int32Array(0);

  constructor() {
    super(DISCUSSION_KINDS, DISCUSSION_STATUSES);
  }

  protected subjectOf(row: number): number {
    return this.caseIds[row]!;
  }

  protected writeMore(row: number, d: CaseDiscussion): void {
    this.caseIds[row] = this.numberOf(d.caseId);
    this.sessionIds[row] = this.numberOf(d.sessionId);
  }

  protected moreColumns(): Record<string, TableColumn> {
    return { caseIds: this.caseIds, sessionIds: this.sessionIds };
  }

  protected setMoreColumns(columns: Record<string, TableColumn>): void {
    this.caseIds = columns['caseIds'] as Int32Array<ArrayBuffer>;
    this.sessionIds = columns['sessionIds'] as Int32Array<ArrayBuffer>;
  }

  /** A case's discussions (row numbers) in order of start, then file and line. */
  ofCase(caseId: string): Rows {
    return this.rowsOf(caseId);
  }

  /** The cases that have a discussion. */
  cases(): IterableIterator<string> {
    return this.subjects();
  }

  caseIdOf(row: number): string {
    return this.texts[this.caseIds[row]!]!;
  }

  sessionIdOf(row: number): string | null {
    return this.textOf(this.sessionIds[row]!);
  }

  /** Case discussions carry no answer from the supervisee (AzeusCare's sessions do). */
  superviseeDisagreedOf(_row: number): boolean {
    return false;
  }

  /** The discussion as a record, made afresh: for a finding that cites it or a rule that judges it. */
  at(row: number): CaseDiscussion {
    return {
      id: this.idOf(row),
      caseId: this.caseIdOf(row),
      workerId: this.workerIdOf(row),
      supervisorId: this.supervisorIdOf(row),
      date: this.dateOf(row),
      startAt: this.startOf(row),
      kind: this.kindOf(row),
      status: this.statusOf(row),
      sessionId: this.sessionIdOf(row),
      recordedAt: this.recordedAtOf(row),
      supervisorSignedAt: this.supervisorSignedAtOf(row),
      superviseeSignedAt: this.superviseeSignedAtOf(row),
      file: this.fileOf(row),
      line: this.lineOf(row),
    };
  }
}
