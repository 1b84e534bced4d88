/**
 * The supervision sessions of an audit as columns (model/record-table.ts): after case
 * discussions, the most rows of an export set. Rules read a worker's sessions, or a window's,
 * as row numbers in order, and a session's fields through the table; a session is made a
 * record again where a finding cites it or a rule judges it whole.
 */
import { SESSION_KINDS, SESSION_STATUSES, type SessionKind, type SessionStatus, type SupervisionSession } from './records.js';
import { grown, numberIn, orNaN, orNull, RecordTable, type Rows } from './record-table.js';
import type { Instant } from '../time/calendar.js';

const HELD = SESSION_STATUSES.indexOf('held');
const KIND_NUMBER = new Map<string, number>(SESSION_KINDS.map((k, i) => [k, i]));
const STATUS_NUMBER = new Map<string, number>(SESSION_STATUSES.map((s, i) => [s, i]));

export class SupervisionSessions extends RecordTable<SupervisionSession> {
  /** Worker and supervisor ids: numbers of texts, -1 for none. */
  private workerIds = new Int32Array(0);
  private supervisorIds = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private statuses = new Uint8Array(0);
  private reasonGiven = new Uint8Array(0);
  private durations = new Float64Array(0);
  private recordedAt = new Float64Array(0);
  private supervisorSignedAt = new Float64Array(0);
  private superviseeSignedAt = new Float64Array(0);
  private disagreed = new Uint8Array(0);
  /** 1 yes, 0 no, -1 not said. */
  private diversity = new Int8Array(0);
  /** Each session's topics: a number into `topicLists`, where each different list is held once (frozen: sessions share it). */
  private topicNumbers = new Int32Array(0);
  private readonly topicLists: string[][] = [];
  /** While the table is filled: the number of each list by its topics, and of each list object met (readers share one among the rows of one cell). */
  private topicListNumbers: Map<string, number> | null = new Map();
  private topicListsMet: WeakMap<readonly string[], number> | null = new WeakMap();

  static of(sessions: Iterable<SupervisionSession>): SupervisionSessions {
    const table = new SupervisionSessions();
    for (const s of sessions) table.push(s);
    return table;
  }

  protected subjectOf(row: number): number {
    return this.workerIds[row]!;
  }

  protected write(row: number, s: SupervisionSession): void {
    this.workerIds[row] = this.numberOf(s.workerId);
    this.supervisorIds[row] = this.numberOf(s.supervisorId);
    this.kinds[row] = numberIn(KIND_NUMBER, s.kind, 'kind');
    this.statuses[row] = numberIn(STATUS_NUMBER, s.status, 'status');
    this.reasonGiven[row] = s.cancelReasonGiven ? 1 : 0;
    this.durations[row] = orNaN(s.durationMinutes);
    this.recordedAt[row] = orNaN(s.recordedAt);
    this.supervisorSignedAt[row] = orNaN(s.supervisorSignedAt);
    this.superviseeSignedAt[row] = orNaN(s.superviseeSignedAt);
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

  protected resizeOwn(size: number): void {
    this.workerIds = grown(this.workerIds, size);
    this.supervisorIds = grown(this.supervisorIds, size);
    this.kinds = grown(this.kinds, size);
    this.statuses = grown(this.statuses, size);
    this.reasonGiven = grown(this.reasonGiven, size);
    this.durations = grown(this.durations, size);
    this.recordedAt = grown(this.recordedAt, size);
    this.supervisorSignedAt = grown(this.supervisorSignedAt, size);
    this.superviseeSignedAt = grown(this.superviseeSignedAt, size);
    this.disagreed = grown(this.disagreed, size);
    this.diversity = grown(this.diversity, size);
    this.topicNumbers = grown(this.topicNumbers, size);
  }

  override complete(): void {
    super.complete();
    this.topicListNumbers = null;
    this.topicListsMet = null;
  }

  /** Gives the workers and supervisors named by other ids the ids `rename` says. */
  renameWorkers(rename: (id: string) => string | undefined): void {
    const renamed = new Map<number, number>();
    this.renameIn(this.workerIds, rename, renamed);
    this.renameIn(this.supervisorIds, rename, renamed);
  }

  /** A worker's sessions (row numbers) in order of start, then file and line. */
  ofWorker(workerId: string): Rows {
    return this.rowsOf(workerId);
  }

  isHeld(row: number): boolean {
    return this.statuses[row] === HELD;
  }

  statusOf(row: number): SessionStatus {
    return SESSION_STATUSES[this.statuses[row]!]!;
  }

  kindOf(row: number): SessionKind {
    return SESSION_KINDS[this.kinds[row]!]!;
  }

  workerIdOf(row: number): string {
    return this.texts[this.workerIds[row]!]!;
  }

  supervisorIdOf(row: number): string | null {
    return this.textOf(this.supervisorIds[row]!);
  }

  cancelReasonGivenOf(row: number): boolean {
    return this.reasonGiven[row] === 1;
  }

  durationOf(row: number): number | null {
    return orNull(this.durations[row]!);
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
      workerId: this.texts[this.workerIds[row]!]!,
      supervisorId: this.textOf(this.supervisorIds[row]!),
      date: this.dateOf(row),
      startAt: this.startAt[row]!,
      kind: SESSION_KINDS[this.kinds[row]!]!,
      status: SESSION_STATUSES[this.statuses[row]!]!,
      cancelReasonGiven: this.reasonGiven[row] === 1,
      durationMinutes: orNull(this.durations[row]!),
      recordedAt: orNull(this.recordedAt[row]!),
      supervisorSignedAt: orNull(this.supervisorSignedAt[row]!),
      superviseeSignedAt: orNull(this.superviseeSignedAt[row]!),
      superviseeDisagreed: this.disagreed[row] === 1,
      diversityDiscussed: this.diversityDiscussedOf(row),
      topics: this.topicLists[this.topicNumbers[row]!]!,
      file: this.fileOf(row),
      line: this.lineOf(row),
    };
  }
}
