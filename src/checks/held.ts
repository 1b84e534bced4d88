/**
 * What checks work out once from a dataset and reuse, since an audit runs every rule again for
 * each month of its window: the held events a rule counts for each worker or case, with their
 * dates; a rule's plan episodes; and the records in date order, so that a month reads its own.
 * All of it is let go of when the audit is done. (Sessions and case discussions are tables that
 * keep their own orders, as the dataset's indexes: model/record-table.ts.)
 */
import type { Dataset } from '../model/dataset.js';
import type { Rows } from '../model/record-table.js';
import type { Day } from '../time/calendar.js';
import { inDayOrder, placesWithin } from '../time/day-order.js';

export interface Held<T> {
  /** The events, in date order. */
  items: T[];
  /** Their dates, in the same order. */
  dates: Day[];
}

/** What checks work out from a dataset and keep for the rest of the audit, by a key that names it. */
const derived = new WeakMap<Dataset, Map<string, unknown>>();

/** Something worked out once per dataset: rules with the same key (the same counted kinds, say) share it. */
export function memo<T>(dataset: Dataset, key: string, make: () => T): T {
  let store = derived.get(dataset);
  if (!store) derived.set(dataset, (store = new Map()));
  if (!store.has(key)) store.set(key, make());
  return store.get(key) as T;
}

/** Lets go of everything worked out from a dataset, once its audit is done. */
export function forget(dataset: Dataset): void {
  derived.delete(dataset);
  inDateOrder.delete(dataset.decisions);
}

/**
 * Each subject's held events of the counted kinds, with their dates, found when first asked for
 * and kept. `what` names the events (sessions of a worker, discussions of a case), so that ids of
 * different things never meet. A check asks for the lookup once per run, then once per subject.
 */
export function remembered<T extends { date: Day }>(dataset: Dataset, what: string, kinds: readonly string[], find: (id: string) => T[]): (id: string) => Held<T> {
  const bySubject = memo(dataset, `${what} ${kinds.join(',')}`, () => new Map<string, Held<T>>());
  return (id) => {
    let held = bySubject.get(id);
    if (!held) {
      const items = find(id);
      held = { items, dates: items.map((item) => item.date) };
      bySubject.set(id, held);
    }
    return held;
  };
}

/** A subject's held events from a table of records as columns (model/record-table.ts): their rows and dates, in date order. */
export interface HeldRows {
  readonly rows: Rows;
  readonly dates: Int32Array;
}

/**
 * Each subject's held events of the counted kinds in a table, found when first asked for and
 * kept, as `remembered` does for records held as objects.
 */
export function rememberedRows(dataset: Dataset, what: string, kinds: readonly string[], table: { dateOf(row: number): Day }, find: (id: string) => Rows): (id: string) => HeldRows {
  const { bySubject, chunks } = memo(dataset, `${what} ${kinds.join(',')}`, () => ({ bySubject: new Map<string, HeldRows>(), chunks: new HeldRowsChunks() }));
  return (id) => {
    let held = bySubject.get(id);
    if (!held) {
      held = chunks.hold(find(id), table);
      bySubject.set(id, held);
    }
    return held;
  };
}

const NONE_HELD: HeldRows = { rows: new Int32Array(0), dates: new Int32Array(0) };

/** How many rows a chunk of held rows has room for (a subject with more has a chunk of its own). */
const CHUNK_ROWS = 1 << 16;

/**
 * Subjects' held rows and their dates, copied into a few shared chunks: two typed arrays of its
 * own cost a subject about 400 bytes beside its rows, and a big audit keeps a hundred thousand
 * subjects'. A subject's are read as views of its chunk, made as they are read.
 */
class HeldRowsChunks {
  private rows = new Int32Array(0);
  private dates = new Int32Array(0);
  private used = 0;

  hold(rows: Rows, table: { dateOf(row: number): Day }): HeldRows {
    const count = rows.length;
    if (count === 0) return NONE_HELD;
    if (this.used + count > this.rows.length) {
      const room = Math.max(CHUNK_ROWS, count);
      this.rows = new Int32Array(room);
      this.dates = new Int32Array(room);
      this.used = 0;
    }
    const start = this.used;
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      this.rows[start + i] = row;
      this.dates[start + i] = table.dateOf(row);
    }
    this.used = start + count;
    return new HeldInChunk(this.rows, this.dates, start, start + count);
  }
}

class HeldInChunk implements HeldRows {
  constructor(
    private readonly chunkRows: Int32Array,
    private readonly chunkDates: Int32Array,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get rows(): Rows {
    return this.chunkRows.subarray(this.start, this.end);
  }

  get dates(): Int32Array {
    return this.chunkDates.subarray(this.start, this.end);
  }
}

/** Each list of dated records in date order (records of one date in their file order), made once. */
const inDateOrder = new WeakMap<readonly { date: Day }[], readonly { date: Day }[]>();

/**
 * The records of a list dated within the window, in date order: a month's audit reads its own
 * month rather than every record of the export.
 */
export function datedWithin<T extends { date: Day }>(records: readonly T[], window: { from: Day; asOf: Day }): readonly T[] {
  return within(inDateOrderOf(records), window);
}

/** Every record of a list in date order (records of one date in their file order), sorted once. */
function inDateOrderOf<T extends { date: Day }>(records: readonly T[]): readonly T[] {
  let sorted = inDateOrder.get(records) as readonly T[] | undefined;
  if (!sorted) {
    sorted = sortedByDate(records);
    inDateOrder.set(records, sorted);
  }
  return sorted;
}

/** The records of a list already in date order that are dated within the window. */
function within<T extends { date: Day }>(sorted: readonly T[], window: { from: Day; asOf: Day }): readonly T[] {
  return sorted.slice(...placesWithin(sorted.length, (i) => sorted[i]!.date, window));
}

/** The records in date order, records of one date in their order in the list. */
function sortedByDate<T extends { date: Day }>(records: readonly T[]): T[] {
  return Array.from(inDayOrder(records.length, (i) => records[i]!.date), (i) => records[i]!);
}
