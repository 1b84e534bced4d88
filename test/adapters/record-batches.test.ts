/**
 * Records sent between threads in batches come back exactly as they were built: every kind,
 * every field, nulls, odd text, and batches that end on, before and after their size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptersFor, loadPolicy } from '../../src/policy/load.js';
import { loadExports } from '../../src/adapters/load.js';
import { addBatch, batchingSink, FILE_RECORD_KINDS, transferList, type FileRecordKind, type RecordBatch } from '../../src/adapters/record-batches.js';
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
});
