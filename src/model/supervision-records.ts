/**
 * What sessions and case discussions have in common as columns (model/record-table.ts): each
 * is a supervision of a worker, with a supervisor, of a kind and a status, recorded and signed
 * at some moment or not yet. Their tables add their own columns.
 */
import { numberIn, orNaN, orNull, RecordTable, type TableColumn, type TableRecord } from './record-table.js';
import type { Day, Instant } from '../time/calendar.js';

/** A session or a case discussion, as far as this table reads it. */
export interface SupervisionRecord<K extends string, S extends string> extends TableRecord {
  workerId: string;
  supervisorId: string | null;
  kind: K;
  status: S;
  recordedAt: Instant | null;
  supervisorSignedAt: Instant | null;
  superviseeSignedAt: Instant | null;
}

export abstract class SupervisionRecordTable<K extends string, S extends string, R extends SupervisionRecord<K, S>> extends RecordTable<R> {
  /** Worker and supervisor ids: numbers of texts, -1 for none. */
  private workerIds = new Int32Array(0);
  private supervisorIds = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private statuses = new Uint8Array(0);
  private recordedAt = new Float64Array(0);
  private supervisorSignedAt = new Float64Array(0);
  private superviseeSignedAt = new Float64Array(0);
  private readonly kindNumbers: ReadonlyMap<string, number>;
  private readonly statusNumbers: ReadonlyMap<string, number>;
  private readonly held: number;

  /** Called by each kind's table, with the model's kinds and statuses, from a constructor of no arguments (record-table.ts). */
  protected constructor(
    private readonly kindList: readonly K[],
    private readonly statusList: readonly S[],
  ) {
    super();
    this.kindNumbers = new Map(kindList.map((k, i) => [k, i]));
    this.statusNumbers = new Map(statusList.map((s, i) => [s, i]));
    this.held = statusList.indexOf('held' as S);
    if (this.held < 0) throw new Error('a supervision record table needs the status "held"');
  }

  /** Writes the kind's own columns of a row, beyond what every supervision has. */
  protected abstract writeMore(row: number, record: R): void;
  /** The kind's own columns beyond what every supervision has, by name. */
  protected abstract moreColumns(): Record<string, TableColumn>;
  protected abstract setMoreColumns(columns: Record<string, TableColumn>): void;

  protected ownColumns(): Record<string, TableColumn> {
    return {
      workerIds: this.workerIds,
      supervisorIds: this.supervisorIds,
      kinds: this.kinds,
      statuses: this.statuses,
      recordedAt: this.recordedAt,
      supervisorSignedAt: this.supervisorSignedAt,
      superviseeSignedAt: this.superviseeSignedAt,
      ...this.moreColumns(),
    };
  }

  protected setOwnColumns(columns: Record<string, TableColumn>): void {
    this.workerIds = columns['workerIds'] as Int32Array<ArrayBuffer>;
    this.supervisorIds = columns['supervisorIds'] as Int32Array<ArrayBuffer>;
    this.kinds = columns['kinds'] as Uint8Array<ArrayBuffer>;
    this.statuses = columns['statuses'] as Uint8Array<ArrayBuffer>;
    this.recordedAt = columns['recordedAt'] as Float64Array<ArrayBuffer>;
    this.supervisorSignedAt = columns['supervisorSignedAt'] as Float64Array<ArrayBuffer>;
    this.superviseeSignedAt = columns['superviseeSignedAt'] as Float64Array<ArrayBuffer>;
    this.setMoreColumns(columns);
  }

  protected write(row: number, r: R): void {
    this.workerIds[row] = this.numberOf(r.workerId);
    this.supervisorIds[row] = this.numberOf(r.supervisorId);
    this.kinds[row] = numberIn(this.kindNumbers, r.kind, 'kind');
    this.statuses[row] = numberIn(this.statusNumbers, r.status, 'status');
    this.recordedAt[row] = orNaN(r.recordedAt);
    this.supervisorSignedAt[row] = orNaN(r.supervisorSignedAt);
    this.superviseeSignedAt[row] = orNaN(r.superviseeSignedAt);
    this.writeMore(row, r);
  }

  /** The number of the text of a row's worker id (a worker's rows are grouped under it). */
  protected workerNumberOf(row: number): number {
    return this.workerIds[row]!;
  }

  /** Gives the workers and supervisors named by other ids the ids `rename` says; other ids (a case's, a session's) are left as they are. */
  renameWorkers(rename: (id: string) => string | undefined): void {
    const renamed = new Map<number, number>();
    this.renameIn(this.workerIds, rename, renamed);
    this.renameIn(this.supervisorIds, rename, renamed);
  }

  /**
   * Each row dated within the window whose kind and status are among those given and whose worker
   * `worker` accepts, in date order. Kinds and statuses are compared as the table's numbers, and
   * each worker is asked about once: a rule goes through a year's records this way. (Every
   * record names its worker: a worker's id is never the -1 of no text.)
   */
  forEachWithin(window: { from: Day; asOf: Day }, kinds: readonly K[], statuses: readonly string[], worker: (id: string) => boolean, visit: (row: number) => void): void {
    const rows = this.datedWithin(window);
    const kindTaken = this.kindList.map((k) => kinds.includes(k));
    const statusTaken = this.statusList.map((s) => statuses.includes(s));
    /** By the number of a worker's id: 0 not yet asked, 1 taken, 2 not. */
    const workerTaken = new Uint8Array(this.texts.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (!statusTaken[this.statuses[row]!] || !kindTaken[this.kinds[row]!]) continue;
      const w = this.workerIds[row]!;
      if (workerTaken[w] === 0) workerTaken[w] = worker(this.texts[w]!) ? 1 : 2;
      if (workerTaken[w] === 1) visit(row);
    }
  }

  isHeld(row: number): boolean {
    return this.statuses[row] === this.held;
  }

  statusOf(row: number): S {
    return this.statusList[this.statuses[row]!]!;
  }

  kindOf(row: number): K {
    return this.kindList[this.kinds[row]!]!;
  }

  workerIdOf(row: number): string {
    return this.texts[this.workerIds[row]!]!;
  }

  supervisorIdOf(row: number): string | null {
    return this.textOf(this.supervisorIds[row]!);
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
}
