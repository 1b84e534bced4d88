/**
 * Case discussions and sessions held as columns give back exactly the records put in, and the
 * orders the rules read them in are the orders of the records themselves: a case's discussions,
 * a worker's sessions, by start (then file and line), every record's by date (then as read).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseDiscussions } from '../../src/model/case-discussions.js';
import { tableTransferList, type TableTransfer } from '../../src/model/record-table.js';
import { SupervisionSessions } from '../../src/model/supervision-sessions.js';
import { DISCUSSION_KINDS, DISCUSSION_STATUSES, SESSION_KINDS, SESSION_STATUSES, type CaseDiscussion, type SupervisionSession } from '../../src/model/records.js';
import { discussion, session } from '../helpers/records.js';

const arbitraryDiscussion: fc.Arbitrary<CaseDiscussion> = fc.record({
  id: fc.oneof(fc.nat({ max: 50 }).map(String), fc.constantFrom('0', '007', 'D1', '9007199254740993', '1e3', ' 12', '')),
  caseId: fc.constantFrom('C1', 'C2', '10006', '010006'),
  workerId: fc.constantFrom('W1', '10006', '010006'),
  supervisorId: fc.option(fc.constantFrom('M1', '10006'), { nil: null }),
  date: fc.integer({ min: 20_000, max: 20_010 }),
  // Few starts, files and lines, so that ties are common: each part of the order is exercised.
  startAt: fc.integer({ min: 0, max: 3 }).map((hour) => 1_728_000_000 + hour * 3600),
  kind: fc.constantFrom(...DISCUSSION_KINDS),
  status: fc.constantFrom(...DISCUSSION_STATUSES),
  sessionId: fc.option(fc.constantFrom('S1', '10006', ''), { nil: null }),
  recordedAt: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: null }),
  supervisorSignedAt: fc.option(fc.integer({ min: -86_400, max: 4_000_000_000 }), { nil: null }),
  superviseeSignedAt: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: null }),
  file: fc.constantFrom('a.csv', 'b.csv', 'A.csv'),
  line: fc.integer({ min: 2, max: 6 }),
});

const arbitrarySession: fc.Arbitrary<SupervisionSession> = fc.record({
  id: fc.oneof(fc.nat({ max: 50 }).map(String), fc.constantFrom('0', '007', 'S1')),
  workerId: fc.constantFrom('W1', '10006', '010006'),
  supervisorId: fc.option(fc.constantFrom('M1', '10006'), { nil: null }),
  date: fc.integer({ min: 20_000, max: 20_010 }),
  startAt: fc.integer({ min: 0, max: 3 }).map((hour) => 1_728_000_000 + hour * 3600),
  kind: fc.constantFrom(...SESSION_KINDS),
  status: fc.constantFrom(...SESSION_STATUSES),
  cancelReasonGiven: fc.boolean(),
  durationMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
  recordedAt: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: null }),
  supervisorSignedAt: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: null }),
  superviseeSignedAt: fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: null }),
  superviseeDisagreed: fc.boolean(),
  diversityDiscussed: fc.option(fc.boolean(), { nil: null }),
  topics: fc.array(fc.constantFrom('CASEWORK', 'IMPACT', 'a"b', 'x,y'), { maxLength: 3 }),
  file: fc.constantFrom('a.csv', 'b.csv', 'A.csv'),
  line: fc.integer({ min: 2, max: 6 }),
});

const bySource = (a: { file: string; line: number }, b: { file: string; line: number }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);

describe('case discussions as columns', () => {
  it('give back every record as it was put in, with the orders of the records themselves', () => {
    fc.assert(
      fc.property(fc.array(arbitraryDiscussion, { maxLength: 60 }), fc.integer({ min: 19_999, max: 20_011 }), fc.nat({ max: 12 }), (records, from, days) => {
        const table = CaseDiscussions.of(records);
        expect(table.length).toBe(records.length);
        expect(table.toArray()).toEqual(records);
        for (let row = 0; row < records.length; row++) {
          const d = records[row]!;
          expect([table.kindOf(row), table.statusOf(row), table.isHeld(row), table.workerIdOf(row), table.sessionIdOf(row), table.dateOf(row)]).toEqual([d.kind, d.status, d.status === 'held', d.workerId, d.sessionId, d.date]);
          expect(table.sourceOf(row)).toEqual({ file: d.file, line: d.line });
        }
        // A case's discussions: by start, then file, then line, then as read (the sort the lists of records had).
        const cases = [...new Set(records.map((d) => d.caseId))];
        expect([...table.cases()]).toEqual(cases);
        for (const caseId of [...cases, 'none']) {
          const expected = records.filter((d) => d.caseId === caseId).sort((a, b) => a.startAt - b.startAt || bySource(a, b));
          expect(Array.from(table.ofCase(caseId), (row) => table.at(row))).toEqual(expected);
        }
        // By date, discussions of one date as read; the window's own, its first and last days included.
        const byDate = [...records].sort((a, b) => a.date - b.date);
        expect(Array.from(table.inDateOrder(), (row) => table.at(row))).toEqual(byDate);
        const window = { from, asOf: from + days };
        expect(Array.from(table.datedWithin(window), (row) => table.at(row))).toEqual(byDate.filter((d) => d.date >= window.from && d.date <= window.asOf));
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 300) },
    );
  });

  it('give back every session as it was put in, a worker\'s in order of start', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySession, { maxLength: 60 }), (records) => {
        const table = SupervisionSessions.of(records);
        expect(table.toArray()).toEqual(records);
        for (let row = 0; row < records.length; row++) {
          const s = records[row]!;
          expect([
            table.idOf(row),
            table.workerIdOf(row),
            table.supervisorIdOf(row),
            table.kindOf(row),
            table.statusOf(row),
            table.isHeld(row),
            table.cancelReasonGivenOf(row),
            table.durationOf(row),
            table.recordedAtOf(row),
            table.supervisorSignedAtOf(row),
            table.superviseeSignedAtOf(row),
            table.superviseeDisagreedOf(row),
            table.diversityDiscussedOf(row),
            table.topicsOf(row),
            table.startOf(row),
          ]).toEqual([s.id, s.workerId, s.supervisorId, s.kind, s.status, s.status === 'held', s.cancelReasonGiven, s.durationMinutes, s.recordedAt, s.supervisorSignedAt, s.superviseeSignedAt, s.superviseeDisagreed, s.diversityDiscussed, s.topics, s.startAt]);
        }
        for (const workerId of ['W1', '10006', '010006', 'none']) {
          const expected = records.filter((s) => s.workerId === workerId).sort((a, b) => a.startAt - b.startAt || bySource(a, b));
          expect(Array.from(table.ofWorker(workerId), (row) => table.at(row))).toEqual(expected);
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 300) },
    );
  });

  it('holds each list of topics once, however many sessions give it, and no session can change another\'s', () => {
    const table = SupervisionSessions.of([
      session({ worker: 'W1', on: '2026-10-01', topics: ['CASEWORK', 'IMPACT'] }),
      session({ worker: 'W1', on: '2026-10-02', topics: ['CASEWORK', 'IMPACT'] }),
      session({ worker: 'W1', on: '2026-10-03', topics: ['IMPACT', 'CASEWORK'] }),
    ]);
    expect(table.topicsOf(0)).toBe(table.topicsOf(1));
    expect(table.topicsOf(2)).toEqual(['IMPACT', 'CASEWORK']);
    expect(Object.isFrozen(table.at(0).topics)).toBe(true);
  });

  const ids = (...list: string[]) => CaseDiscussions.of(list.map((id) => discussion('C1', '2026-10-01', { id })));

  it('tells whether every id is a plain number, none repeated', () => {
    expect(ids().hasDistinctPlainIds()).toBe(true);
    expect(ids('9248763', '9248764', '1').hasDistinctPlainIds()).toBe(true);
    expect(ids('9248763', '9248763').hasDistinctPlainIds()).toBe(false);
    expect(ids('9248763', '09248763').hasDistinctPlainIds()).toBe(false);
    expect(ids('A1', 'A2').hasDistinctPlainIds()).toBe(false);
    expect(ids('0').hasDistinctPlainIds()).toBe(false);
    // In ascending order, told in one pass; out of it, sorted: a repeat found either way.
    expect(ids('1', '2', '3', '2').hasDistinctPlainIds()).toBe(false);
    expect(ids('3', '2', '1').hasDistinctPlainIds()).toBe(true);
    expect(ids('1', '2', '2', '3').hasDistinctPlainIds()).toBe(false);
  });

  it('tells repeated ids in any order, and leaves the ids in their rows', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 999_999_999 })), { maxLength: 60 }), fc.boolean(), (numbers, sorted) => {
        const list = (sorted ? [...numbers].sort((a, b) => a - b) : numbers).map(String);
        const table = ids(...list);
        expect(table.hasDistinctPlainIds()).toBe(new Set(list).size === list.length);
        expect(Array.from({ length: table.length }, (_, row) => table.idOf(row))).toEqual(list);
      }),
      { numRuns: 500 },
    );
  });

  it('renames workers and supervisors only: a case or session with the same id keeps it', () => {
    const table = CaseDiscussions.of([
      discussion('10006', '2026-10-01', { workerId: '10006', supervisorId: '10007', sessionId: '10006' }),
      discussion('C2', '2026-10-02', { workerId: '10008', supervisorId: null }),
    ]);
    table.renameWorkers((id) => ({ '10006': '010006', '10007': '0010007' })[id]);
    expect(table.toArray().map((d) => [d.caseId, d.workerId, d.supervisorId, d.sessionId])).toEqual([
      ['10006', '010006', '0010007', '10006'],
      ['C2', '10008', null, null],
    ]);
  });

  it('refuses a discussion added, or a worker renamed, once a rule has read the table in order', () => {
    const table = CaseDiscussions.of([discussion('C1', '2026-10-01')]);
    table.push(discussion('C1', '2026-10-02'));
    expect(table.ofCase('C1')).toHaveLength(2);
    expect(() => table.push(discussion('C1', '2026-10-03'))).toThrow(/after the table was put in order/);
    expect(() => table.renameWorkers((id) => `0${id}`)).toThrow(/after the table was put in order/);
  });

  it('refuses a kind or status the model does not have, rather than reading it as another', () => {
    expect(() => CaseDiscussions.of([discussion('C1', '2026-10-01', { kind: 'visit' as never })])).toThrow(/kind "visit" is not one the model knows/);
    expect(() => SupervisionSessions.of([session({ worker: 'W1', on: '2026-10-01', status: 'done' as never })])).toThrow(/status "done" is not one the model knows/);
  });

  it('keeps the rows asked for, in order, in a table of the same kind', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySession, { maxLength: 40 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (records, keep) => {
        const kept = SupervisionSessions.of(records).kept((row) => keep[row]!);
        expect(kept).toBeInstanceOf(SupervisionSessions);
        expect(kept.toArray()).toEqual(records.filter((_, row) => keep[row]));
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 100) },
    );
  });

  it('grows past its first columns without losing a row', () => {
    const records = Array.from({ length: 5000 }, (_, i) => discussion(`C${i % 7}`, '2026-10-01', { id: String(1_000_000 + i) }));
    const table = CaseDiscussions.of(records);
    expect(table.toArray()).toEqual(records);
    expect(table.hasDistinctPlainIds()).toBe(true);
    // Every column of a session too: each kind's columns grow by the one list that names them.
    const sessions = Array.from({ length: 5000 }, (_, i) =>
      session({ worker: `W${i % 7}`, on: '2026-10-01 10:00', recorded: i % 5 === 0 ? undefined : '2026-10-02 09:00', id: String(2_000_000 + i), durationMinutes: i % 90, diversityDiscussed: i % 3 === 0 ? null : i % 3 === 1, topics: i % 2 === 0 ? ['CASEWORK'] : [], cancelReasonGiven: i % 4 === 0, superviseeDisagreed: i % 6 === 0 }),
    );
    expect(SupervisionSessions.of(sessions).toArray()).toEqual(sessions);
  });
});

describe('a table sent whole from a reading thread', () => {
  /** As a message carries it: the columns moved, the rest cloned. */
  const sent = <T extends { forTransfer(): TableTransfer }>(table: T): TableTransfer => {
    const transfer = table.forTransfer();
    return structuredClone(transfer, { transfer: tableTransferList(transfer) });
  };

  it('holds the records of the table sent, in their order, and takes more after them as one table filled with all would (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySession, { maxLength: 40 }), fc.array(arbitrarySession, { maxLength: 10 }), fc.array(arbitraryDiscussion, { maxLength: 40 }), fc.array(arbitraryDiscussion, { maxLength: 10 }), (sessions, moreSessions, discussions, moreDiscussions) => {
        const received = SupervisionSessions.fromTransfer(sent(SupervisionSessions.of(sessions)));
        for (const record of moreSessions) received.push(record);
        const all = SupervisionSessions.of([...sessions, ...moreSessions]);
        expect(received.toArray()).toEqual(all.toArray());
        expect(received.hasDistinctPlainIds()).toBe(all.hasDistinctPlainIds());
        for (const workerId of ['W1', '10006', '010006']) expect([...received.ofWorker(workerId)]).toEqual([...all.ofWorker(workerId)]);
        // A list of topics is held once and cannot be changed through a session.
        for (const row of received.inDateOrder()) expect(Object.isFrozen(received.topicsOf(row))).toBe(true);

        const cases = CaseDiscussions.fromTransfer(sent(CaseDiscussions.of(discussions)));
        for (const record of moreDiscussions) cases.push(record);
        const allCases = CaseDiscussions.of([...discussions, ...moreDiscussions]);
        expect(cases.toArray()).toEqual(allCases.toArray());
        expect([...cases.cases()]).toEqual([...allCases.cases()]);
        expect([...cases.inDateOrder()]).toEqual([...allCases.inDateOrder()]);
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 100) },
    );
  });

  it('moves its columns rather than copying them, and is not read where it was made', () => {
    const table = CaseDiscussions.of([discussion('C1', '2026-10-01', { id: '5' })]);
    const transfer = table.forTransfer();
    const buffers = tableTransferList(transfer);
    expect(buffers.length).toBe(Object.keys(transfer.columns).length);
    structuredClone(transfer, { transfer: buffers });
    expect(buffers.every((b) => b.byteLength === 0)).toBe(true);
  });

  it('refuses a column that is not as long as the table', () => {
    const transfer = sent(CaseDiscussions.of([discussion('C1', '2026-10-01', { id: '5' })]));
    transfer.columns['caseIds'] = new Int32Array(2);
    expect(() => CaseDiscussions.fromTransfer(transfer)).toThrow('the column caseIds of a table from another thread has 2 rows, not 1');
  });
});

describe('the records of a rule, by kind, status and worker, within a window', () => {
  it('are the rows the records themselves give, in date order, each worker asked about once (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryDiscussion, { maxLength: 60 }),
        fc.integer({ min: 19_999, max: 20_011 }),
        fc.nat({ max: 12 }),
        fc.subarray([...DISCUSSION_KINDS]),
        fc.subarray([...DISCUSSION_STATUSES]),
        fc.subarray(['W1', '10006', '010006']),
        (records, from, days, kinds, statuses, workers) => {
          const table = CaseDiscussions.of(records);
          const window = { from, asOf: from + days };
          const asked: string[] = [];
          const visited: number[] = [];
          table.forEachWithin(window, kinds, statuses, (id) => (asked.push(id), workers.includes(id)), (row) => visited.push(row));
          // The same rows as judging each record in date order (then as read) by its own fields.
          const expected = records
            .map((r, row) => ({ r, row }))
            .filter(({ r }) => r.date >= window.from && r.date <= window.asOf && kinds.includes(r.kind) && statuses.includes(r.status) && workers.includes(r.workerId))
            .sort((a, b) => a.r.date - b.r.date || a.row - b.row)
            .map(({ row }) => row);
          expect(visited).toEqual(expected);
          expect(new Set(asked).size).toBe(asked.length);
        },
      ),
    );
  });
});
