import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { exceptionPieces, neutralise } from '../../src/report/csv.js';
import type { Report } from '../../src/audit/report.js';

describe('formula neutralisation', () => {
  it.each([
    ['=SUM(A1:A3)', "'=SUM(A1:A3)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['  =1+1', "'  =1+1"],
    [' +1', "' +1"],
    ['  -1', "'  -1"],
    [' @SUM(A1)', "' @SUM(A1)"],
    [' \t=1', "' \t=1"],
    ['\r\n=1', "'\r\n'=1"],
    ['Smith\n=1+2', "Smith\n'=1+2"],
    ['Smith\r=cmd|\' /C calc\'!A0', "Smith\r'=cmd|' /C calc'!A0"],
    ['a\r\n  +1', "a\r\n'  +1"],
    ['a\n\n@x', "a\n\n'@x"],
    ['a\nb=1', 'a\nb=1'],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    ['Team =North', 'Team =North'],
    ['2026-10-31', '2026-10-31'],
    ['', ''],
  ])('%j becomes %j', (value, expected) => {
    expect(neutralise(value)).toBe(expected);
  });

  it('no text, however it starts, reaches a spreadsheet as a formula, nor does any line of it', () => {
    const formulaStart = /^[\s\u00a0]*[=+\-@\t\r]/;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u00a0', 'a', '1', '"', ',') }), (text) => {
        const cell = neutralise(text) as string;
        expect(formulaStart.test(cell) && !cell.startsWith("'")).toBe(false);
        for (const line of cell.split(/[\r\n]/).slice(1)) expect(/^[ \t\u00a0]*[=+\-@\t]/.test(line)).toBe(false);
        // Only apostrophes added: the value itself is kept as it was.
        expect(cell.replaceAll("'", '')).toBe(text.replaceAll("'", ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves numbers and empty values alone', () => {
    expect(neutralise(-3)).toBe(-3);
    expect(neutralise(null)).toBe('');
  });

  it('neutralises every text cell of a report, and the CSV reads back', () => {
    const finding = {
      requirement: 'TST-1', check: 'staff-frequency', status: 'late', subject: { kind: 'worker' as const, id: '=HYPERLINK("x")' },
      workerId: '+W1', supervisorId: '@M1', team: '-Team', dueDate: '2026-01-01', lastDate: null, daysOverdue: 3,
      message: 'a, "quoted"\nmessage', clause: 'Test 1', source: [{ file: 'a.csv', line: 2 }],
    };
    const report = { findings: [finding] } as unknown as Report;
    const [header, row] = parse([...exceptionPieces(report)].join('')) as string[][];
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('subject_id')).toBe('\'=HYPERLINK("x")');
    expect(cell('worker_id')).toBe("'+W1");
    expect(cell('supervisor_id')).toBe("'@M1");
    expect(cell('team')).toBe("'-Team");
    expect(cell('message')).toBe('a, "quoted"\nmessage');
    expect(cell('days_overdue')).toBe('3');
    expect(cell('source')).toBe('a.csv:2');
  });
});
