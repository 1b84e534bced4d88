/**
 * Records sent between threads in batches come back exactly as they were built: every kind,
 * every field, nulls, odd text, and batches that end on, before and after their size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptersFor, loadPolicy } from '../../src/policy/load.js';
import { loadExports } from '../../src/adapters/load.js';
import { addBatch, batchingSink, codecFor, FILE_RECORD_KINDS, newColumn, transferList, type FileRecordKind, type RecordBatch } from '../../src/adapters/record-batches.js';
import { emptyRecords, type RecordLists } from '../../src/model/dataset.js';
import { RecordTable } from '../../src/model/record-table.js';
import * as model from '../../src/model/records.js';

/** Sends records through batches, as a reading thread does, moving the arrays as postMessage would. */
function roundTrip<K extends FileRecordKind>(kind: K, items: Array<RecordLists[K][number]>, batches: RecordBatch[] = []): RecordLists[K] {
  const out = emptyRecords();
  const sink = batchingSink((batch: RecordBatch) => {
    batches.push(batch);
    addBatch(structuredClone(batch, { transfer: transferList(batch) }), out);
  });
  for (const item of items) (sink[kind] as { push(r: unknown): void }).push(item);
  sink.flush();
  // Case discussions and sessions arrive in tables (model/record-table.ts): read back as records.
  const into: unknown = out[kind];
  return (into instanceof RecordTable ? into.toArray() : into) as RecordLists[K];
}

describe('record batches', () => {
  it.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('carry every record of the %s sample unchanged', async (id) => {
    const loaded = await loadPolicy(id);
    const { dataset } = await loadExports([`samples/${id}`], { adapters: adaptersFor(loaded, undefined), adapterFile: loaded.adapterFile });
    let kinds = 0;
    for (const kind of FILE_RECORD_KINDS) {
      const byFile = new Map<string, Array<RecordLists[typeof kind][number]>>();
      for (const record of kind === 'workers' ? dataset.workerRows : kind === 'discussions' || kind === 'sessions' ? dataset[kind].toArray() : dataset[kind]) {
        const items = byFile.get(record.file) ?? [];
        items.push(record);
        byFile.set(record.file, items);
      }
      for (const items of byFile.values()) expect(roundTrip(kind, items)).toEqual(items);
      if (byFile.size > 0) kinds += 1;
    }
    expect(kinds).toBeGreaterThanOrEqual(7);
  });

  it.each([0, 1, 8191, 8192, 8193, 16384, 20000])('carry %i records in order across batch boundaries', (count) => {
    const items = Array.from({ length: count }, (_, i) => ({ childId: `c${i}`, home: `Home ${i % 3}`, from: i, to: i % 2 ? null : i + 1, file: 'r.csv', line: i + 2 }));
    expect(roundTrip('residences', items)).toEqual(items);
  });

  it('carry each record with the file it was read from: the sheets of a workbook, read one after another, are never one batch', () => {
    const sheets = ['book.xlsx [Homes]', 'book.xlsx [Old homes]', 'book.xlsx [Homes]'];
    const counts = [3, 8200, 1];
    const items = sheets.flatMap((file, s) => Array.from({ length: counts[s]! }, (_, i) => ({ childId: `c${i}`, home: 'Home', from: i, to: null, file, line: i + 2 })));
    const batches: RecordBatch[] = [];
    expect(roundTrip('residences', items, batches)).toEqual(items);
    expect(batches.map((b) => [b.file, b.count])).toEqual([
      ['book.xlsx [Homes]', 3],
      ['book.xlsx [Old homes]', 8192],
      ['book.xlsx [Old homes]', 8],
      ['book.xlsx [Homes]', 1],
    ]);
  });

  const text = fc.oneof(fc.string(), fc.constantFrom('', ' ', '"', ',', '\u0000', '\r\n', 'ÿþ', '🙂', '__proto__', 'null', '[]'));
  const instant = fc.option(fc.integer({ min: -2e9, max: 4e9 }), { nil: null });
  const session = fc.record({
    id: text,
    workerId: text,
    supervisorId: fc.option(text, { nil: null }),
    date: fc.integer({ min: -50_000, max: 100_000 }),
    startAt: fc.integer({ min: -2e9, max: 4e9 }),
    kind: fc.constantFrom(...model.SESSION_KINDS),
    status: fc.constantFrom(...model.SESSION_STATUSES),
    cancelReasonGiven: fc.boolean(),
    durationMinutes: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    recordedAt: instant,
    supervisorSignedAt: instant,
    superviseeSignedAt: instant,
    superviseeDisagreed: fc.boolean(),
    diversityDiscussed: fc.option(fc.boolean(), { nil: null }),
    topics: fc.array(text, { maxLength: 4 }),
    file: fc.constant('s.csv'),
    line: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  });

  it('carry any session unchanged: any text, nulls, extreme numbers, lists', () => {
    fc.assert(
      fc.property(fc.array(session, { maxLength: 40 }), (sessions) => {
        expect(roundTrip('sessions', sessions)).toEqual(sessions);
      }),
      { numRuns: 300 },
    );
  });

  it('share lists between records only frozen, so that no check can change another record’s', () => {
    const items = [1, 2].map((line) => ({ caseId: 'c', type: 'cin' as const, from: 1, to: null, flags: { permanence: true, stablePlacement: false, disabilityOnly: false, longTermPlacement: false }, file: 'p.csv', line }));
    const back = roundTrip('plans', items);
    expect(back[0]!.flags).toBe(back[1]!.flags);
    expect(Object.isFrozen(back[0]!.flags)).toBe(true);
  });

  /** Records of one file through a codec, compiled or gone through field by field: the columns and strings it writes, and the records it reads back. */
  function through(kind: FileRecordKind, items: readonly object[], compiled: boolean): { columns: unknown[]; strings: string[]; back: unknown[] } {
    const codec = codecFor(kind, compiled);
    const columns = codec.columns.map((c) => newColumn(c, items.length));
    const strings: string[] = [];
    const indexOf = new Map<string, number>();
    const table = {
      push: (t: string) => strings.push(t),
      index: (t: string) => indexOf.get(t) ?? (indexOf.set(t, strings.push(t) - 1), strings.length - 1),
    };
    items.forEach((item, i) => codec.encode(item, i, columns, table));
    const back: unknown[] = [];
    codec.decode(columns, items.length, strings, (i) => JSON.parse(strings[i]!), (items[0] as { file?: string } | undefined)?.file ?? '', back);
    return { columns: columns.map((c) => Array.from(c)), strings, back };
  }

  it.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('carry the %s sample field by field, where Node forbids compiled code, as compiled', async (id) => {
    const loaded = await loadPolicy(id);
    const { dataset } = await loadExports([`samples/${id}`], { adapters: adaptersFor(loaded, undefined), adapterFile: loaded.adapterFile });
    for (const kind of FILE_RECORD_KINDS) {
      const items: ReadonlyArray<{ file: string }> = kind === 'workers' ? dataset.workerRows : kind === 'discussions' || kind === 'sessions' ? dataset[kind].toArray() : dataset[kind];
      const byFile = new Map<string, Array<{ file: string }>>();
      for (const item of items) {
        const ofFile = byFile.get(item.file) ?? [];
        ofFile.push(item);
        byFile.set(item.file, ofFile);
      }
      for (const records of byFile.values()) {
        const compiled = through(kind, records, true);
        const interpreted = through(kind, records, false);
        expect(interpreted.columns).toEqual(compiled.columns);
        expect(interpreted.strings).toEqual(compiled.strings);
        // The same fields, in the same order.
        expect(JSON.stringify(interpreted.back)).toBe(JSON.stringify(compiled.back));
        expect(interpreted.back).toEqual(records);
      }
    }
  });

  it('carry any session field by field as compiled', () => {
    fc.assert(
      fc.property(fc.array(session, { maxLength: 20 }), (sessions) => {
        const compiled = through('sessions', sessions, true);
        const interpreted = through('sessions', sessions, false);
        expect(interpreted.columns).toEqual(compiled.columns);
        expect(interpreted.strings).toEqual(compiled.strings);
        expect(interpreted.back).toStrictEqual(compiled.back);
      }),
      { numRuns: 200 },
    );
  });
});
