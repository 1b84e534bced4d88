/**
 * Rows repeated exactly (REQUIREMENTS.md, "When an export cannot be trusted"): the same entity
 * and every value the same, in two overlapping downloads of one export or twice in one file, are
 * read once. They are counted as rows used, since what they say is used, and told once per pair
 * of files with how many, never once per row.
 */
import { valueFields, type FileRecordKind } from './record-batches.js';
import type { DataIssue } from '../model/issues.js';
import type { SourceRef } from '../model/records.js';

/** The text of what a record says (every field but its file and line), to tell an exact repeat. */
export function valueKey(kind: FileRecordKind): (record: object) => string {
  const fields = valueFields(kind);
  return (record) => {
    const values = record as Record<string, unknown>;
    let key = '';
    for (const field of fields) {
      const value = values[field];
      key += `${value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)}\u0001`;
    }
    return key;
  };
}

/** A 32-bit hash of what a record says (FNV-1a over its values), with no string made for numbers. */
function valueHash(kind: FileRecordKind): (record: object) => number {
  const fields = valueFields(kind);
  const mix = (h: number, n: number): number => Math.imul(h ^ n, 16777619);
  const text = (h: number, s: string): number => {
    for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
    return mix(h, 0x1f);
  };
  return (record) => {
    const values = record as Record<string, unknown>;
    let h = 2166136261;
    for (const field of fields) {
      const value = values[field];
      if (typeof value === 'string') h = text(h, value);
      else if (typeof value === 'number') h = mix(mix(h, value | 0), (value / 4294967296) | 0);
      else if (typeof value === 'boolean') h = mix(h, value ? 3 : 2);
      else if (value === null || value === undefined) h = mix(h, 1);
      else h = text(h, JSON.stringify(value));
    }
    return h >>> 0;
  };
}

/** Where a repeat is told: one note per pair of files, its count and its first line filled in as repeats are found. */
export class Repeats {
  private readonly byPair = new Map<string, { issue: DataIssue; otherFile: string | null }>();

  add(repeat: SourceRef, first: SourceRef): void {
    const pair = `${first.file}\u0001${repeat.file}`;
    const seen = this.byPair.get(pair);
    if (seen) {
      seen.issue.rows! += 1;
      seen.issue.line = Math.min(seen.issue.line, repeat.line);
      return;
    }
    const issue: DataIssue = { file: repeat.file, line: repeat.line, field: '', value: '', problem: '', effect: 'note', rows: 1 };
    this.byPair.set(pair, { issue, otherFile: first.file === repeat.file ? null : first.file });
  }

  /** The notes, in file order, each worded once its count is known. */
  issues(): DataIssue[] {
    const notes = [...this.byPair.values()].sort((a, b) => (a.issue.file < b.issue.file ? -1 : a.issue.file > b.issue.file ? 1 : a.issue.line - b.issue.line));
    return notes.map(({ issue, otherFile }) => {
      const rows = issue.rows === 1 ? 'a row' : `${issue.rows!.toLocaleString('en-GB')} rows`;
      const verb = issue.rows === 1 ? 'repeats' : 'repeat';
      issue.problem =
        otherFile === null
          ? `${rows} of this file ${verb} an earlier row exactly, the first on this line: each is read once`
          : `${rows} of this file ${verb} rows of ${otherFile} exactly (overlapping downloads of one export?), the first on this line: each is read once`;
      return issue;
    });
  }
}

/** Records at most this many can be ordered by hash and place in one number. */
const PLACES = 2 ** 21;

/**
 * The records of a kind with each exact repeat of an earlier one left out and told to `repeats`.
 * Records are ordered by the hash of their values (no string or map entry per record: a big
 * authority has a few hundred thousand allocations and plans), and only records of one hash are
 * compared value by value.
 */
export function readOnce<T extends SourceRef>(kind: FileRecordKind, items: T[], repeats: Repeats): T[] {
  if (items.length < 2) return items;
  if (items.length >= PLACES) return readOnceByKey(kind, items, repeats);
  const hash = valueHash(kind);
  const order = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) order[i] = hash(items[i]!) * PLACES + i;
  order.sort();
  let dropped: Uint8Array | null = null;
  const key = valueKey(kind);
  for (let a = 0; a < order.length; ) {
    const h = Math.floor(order[a]! / PLACES);
    let b = a + 1;
    while (b < order.length && Math.floor(order[b]! / PLACES) === h) b++;
    if (b - a > 1) {
      // One hash: the records' places are in file order within it, so the first of each value is met first.
      const firstOf = new Map<string, number>();
      for (let k = a; k < b; k++) {
        const i = order[k]! % PLACES;
        const value = key(items[i]!);
        const first = firstOf.get(value);
        if (first === undefined) firstOf.set(value, i);
        else {
          (dropped ??= new Uint8Array(items.length))[i] = 1;
          repeats.add(items[i]!, items[first]!);
        }
      }
    }
    a = b;
  }
  return dropped === null ? items : items.filter((_, i) => dropped![i] === 0);
}

/** The same, for more records than fit readOnce's numbers: by the text of each record's values. */
function readOnceByKey<T extends SourceRef>(kind: FileRecordKind, items: T[], repeats: Repeats): T[] {
  const key = valueKey(kind);
  const firstByKey = new Map<string, T>();
  return items.filter((item) => {
    const k = key(item);
    const first = firstByKey.get(k);
    if (first === undefined) {
      firstByKey.set(k, item);
      return true;
    }
    repeats.add(item, first);
    return false;
  });
}

/**
 * The later download wins for rows with no id of their own (REQUIREMENTS.md, "The later download
 * wins"): two rows of two files that are one record (`recordOf`: the same worker or case and the
 * same start or signing date) and, exact repeats being read once already, say different things:
 * the row `downloads` picks is used, the other dropped, each pair of files told once by it. Rows
 * of one file are left to the checks of one file.
 */
export function laterDownloadOf<T extends SourceRef>(items: T[], recordOf: (item: T) => string, downloads: { used<U extends SourceRef>(a: U, b: U): U }): T[] {
  // One file (the common case) has no second download: no key is made.
  if (items.length < 2 || items.every((item) => item.file === items[0]!.file)) return items;
  const keptAt = new Map<string, number>();
  let dropped: Uint8Array | null = null;
  items.forEach((item, i) => {
    const record = recordOf(item);
    const at = keptAt.get(record);
    if (at === undefined || items[at]!.file === item.file) {
      if (at === undefined) keptAt.set(record, i);
      return;
    }
    dropped ??= new Uint8Array(items.length);
    if (downloads.used(items[at]!, item) === item) {
      dropped[at] = 1;
      keptAt.set(record, i);
    } else dropped[i] = 1;
  });
  return dropped === null ? items : items.filter((_, i) => dropped![i] === 0);
}
