/**
 * The held events of a subject (a worker's sessions, a case's discussions) that a rule counts,
 * with their dates, worked out once per dataset, rule and subject: an audit asks for them again
 * for every month of its window.
 */
import type { Dataset } from '../model/dataset.js';
import type { Day } from '../time/calendar.js';

export interface Held<T> {
  /** The events, in date order. */
  items: T[];
  /** Their dates, in the same order. */
  dates: Day[];
}

/** Per dataset, per list of counted kinds (a rule's own parameter array), per subject id. */
const cache = new WeakMap<Dataset, WeakMap<readonly string[], Map<string, Held<unknown>>>>();

export function remembered<T extends { date: Day }>(dataset: Dataset, kinds: readonly string[], id: string, find: () => T[]): Held<T> {
  let byKinds = cache.get(dataset);
  if (!byKinds) cache.set(dataset, (byKinds = new WeakMap()));
  let bySubject = byKinds.get(kinds);
  if (!bySubject) byKinds.set(kinds, (bySubject = new Map()));
  let held = bySubject.get(id) as Held<T> | undefined;
  if (!held) {
    const items = find();
    held = { items, dates: items.map((item) => item.date) };
    bySubject.set(id, held);
  }
  return held;
}

/** Each list of dated records in date order (records of one date in their file order), made once. */
const inDateOrder = new WeakMap<readonly { date: Day }[], readonly { date: Day }[]>();

/**
 * The records of a list dated within the window, in date order: a month's audit reads its own
 * month rather than every record of the export.
 */
export function datedWithin<T extends { date: Day }>(records: readonly T[], window: { from: Day; asOf: Day }): readonly T[] {
  let sorted = inDateOrder.get(records) as readonly T[] | undefined;
  if (!sorted) {
    sorted = sortedByDate(records);
    inDateOrder.set(records, sorted);
  }
  return sorted.slice(firstOnOrAfter(sorted, window.from), firstOnOrAfter(sorted, window.asOf + 1));
}

/** A stable counting sort by day: no object per record, in time linear in the records and the days they span. */
function sortedByDate<T extends { date: Day }>(records: readonly T[]): T[] {
  if (records.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const record of records) {
    if (record.date < first) first = record.date;
    if (record.date > last) last = record.date;
  }
  const starts = new Int32Array(last - first + 2);
  for (const record of records) starts[record.date - first + 1]! += 1;
  for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!;
  const sorted = new Array<T>(records.length);
  for (const record of records) sorted[starts[record.date - first]!++] = record;
  return sorted;
}

function firstOnOrAfter(sorted: readonly { date: Day }[], day: Day): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.date < day) low = middle + 1;
    else high = middle;
  }
  return low;
}
