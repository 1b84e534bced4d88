/**
 * The supervision sessions of an audit as columns (model/record-table.ts): after case
 * discussions, the most rows of an export set. Rules read a worker's sessions, or a window's,
 * as row numbers in order, and a session's fields through the table; a session is made a
 * record again where a finding cites it or a rule judges it whole.
 */
import { SESSION_KINDS, SESSION_STATUSES, type SessionKind, type SessionStatus, type SupervisionSession } from './records.js';
import { orNaN, orNull, type Rows, type TableColumn } from './record-table.js';
import { SupervisionRecordTable } from './supervision-records.js';

export class SupervisionSessions extends SupervisionRecordTable<SessionKind, SessionStatus, SupervisionSession> {
  private reasonGiven = new Uint8Array(0);
  private durations = new Float64Array(0);
  private disagreed = new Uint8Array(0);
  /** 1 yes, 0 no, -1 not said. */
  private diversity = new Int8Array(0);
  /** Each session's topics: a number into `topicLists`, where each different list is held once (frozen: sessions share it). */
  private topicNumbers = new Int32Array(0);
  private readonly topicLists: string[][] = [];
  /** While the table is filled: the number of each list by its topics, and of each list object met (readers share one among the rows of one cell). */
  private topicListNumbers: Map<string, number> | null = new Map();
  private topicListsMet: WeakMap<readonly string[], number> | null = new WeakMap();

  constructor() {
    super(SESSION_KINDS, SESSION_STATUSES);
  }

  protected subjectOf(row: number): number {
    return this.workerNumberOf(row);
  }

  protected writeMore(row: number, s: SupervisionSession): void {
    this.reasonGiven[row] = s.cancelReasonGiven ? 1 : 0;
    this.durations[row] = orNaN(s.durationMinutes);
    this.disagreed[row] = s.superviseeDisagreed ? 1 : 0;
    this.diversity[row] = s.diversityDiscussed === null ? -1 : s.diversityDiscussed ? 1 : 0;
    this.topicNumbers[row] = this.topicListNumberOf(s.topics);
  }

  private topicListNumberOf(topics: string[]): number {
    let n = this.topicListsMet!.get(topics);
    if (n !== undefined) return n;
    const key = JSON.stringify(topics);
    n = this.topicListNumbers!.get(key);
    if (n === undefined) {
      n = this.topicLists.push(Object.isFrozen(topics) ? topics : (Object.freeze([...topics]) as string[])) - 1;
      this.topicListNumbers!.set(key, n);
    }
    this.topicListsMet!.set(topics, n);
    return n;
  }

  protected moreColumns(): Record<string, TableColumn> {
    return { reasonGiven: this.reasonGiven, durations: this.durations, disagreed: this.disagreed, diversity: this.diversity, topicNumbers: this.topicNumbers };
  }

  protected setMoreColumns(columns: Record<string, TableColumn>): void {
    this.reasonGiven = columns['reasonGiven'] as Uint8Array<ArrayBuffer>;
    this.durations = columns['durations'] as Float64Array<ArrayBuffer>;
    this.disagreed = columns['disagreed'] as Uint8Array<ArrayBuffer>;
    this.diversity = columns['diversity'] as Int8Array<ArrayBuffer>;
    this.topicNumbers = columns['topicNumbers'] as Int32Array<ArrayBuffer>;
  }

  protected override extraForTransfer(): Record<string, unknown> {
    return { topicLists: this.topicLists };
  }

  protected override restoreExtra(extra: Record<string, unknown>): void {
    // Each list once, frozen (sessions share it), and known by its topics should more rows be added.
    for (const topics of extra['topicLists'] as string[][]) {
      this.topicListNumbers!.set(JSON.stringify(topics), this.topicLists.push(Object.freeze(topics) as string[]) - 1);
    }
  }

  override complete(): void {
    super.complete();
    this.topicListNumbers = null;
    this.topicListsMet = null;
  }

  /** A worker's sessions (row numbers) in order of start, then file and line. */
  ofWorker(workerId: string): Rows {
    return this.rowsOf(workerId);
  }

  cancelReasonGivenOf(row: number): boolean {
    return this.reasonGiven[row] === 1;
  }

  durationOf(row: number): number | null {
    return orNull(this.durations[row]!);
  }

  /** A session is about no case (RecordRows, checks/params.ts). */
  caseIdOf(_row: number): null {
    return null;
  }

  superviseeDisagreedOf(row: number): boolean {
    return this.disagreed[row] === 1;
  }

  diversityDiscussedOf(row: number): boolean | null {
    const said = this.diversity[row]!;
    return said < 0 ? null : said === 1;
  }

  topicsOf(row: number): readonly string[] {
    return this.topicLists[this.topicNumbers[row]!]!;
  }

  /** The session as a record, made afresh (its topics list shared): for a finding that cites it or a rule that judges it whole. */
  at(row: number): SupervisionSession {
    return {
      id: this.idOf(row),
      workerId: this.workerIdOf(row),
      supervisorId: this.supervisorIdOf(row),
      date: this.dateOf(row),
      startAt: this.startOf(row),
      kind: this.kindOf(row),
      status: this.statusOf(row),
      cancelReasonGiven: this.cancelReasonGivenOf(row),
      durationMinutes: this.durationOf(row),
      recordedAt: this.recordedAtOf(row),
      supervisorSignedAt: this.supervisorSignedAtOf(row),
      superviseeSignedAt: this.superviseeSignedAtOf(row),
      superviseeDisagreed: this.superviseeDisagreedOf(row),
      diversityDiscussed: this.diversityDiscussedOf(row),
      topics: this.topicLists[this.topicNumbers[row]!]!,
      file: this.fileOf(row),
      line: this.lineOf(row),
    };
  }
}
