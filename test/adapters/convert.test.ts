import { describe, expect, it } from 'vitest';
import { isOpenEnd, parseDateTime, parseFlag, parseId, parseList, parseMinutes, Problem, type DateFormat } from '../../src/adapters/convert.js';
import { formatDay } from '../../src/time/calendar.js';

/** The date (and time, HH:MM:SS) a cell reads as, or the problem's words. */
function read(raw: string, format: DateFormat): string {
  const v = parseDateTime(raw, format);
  if (v instanceof Problem) return `problem: ${v.message}`;
  if (v.seconds === null) return formatDay(v.day);
  const hh = String(Math.floor(v.seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(v.seconds / 60) % 60).padStart(2, '0');
  const ss = String(v.seconds % 60).padStart(2, '0');
  return `${formatDay(v.day)} ${hh}:${mm}:${ss}`;
}

describe('dates in each system’s format', () => {
  it.each<[string, DateFormat, string]>([
    ['31/01/2026', 'dd/mm/yyyy', '2026-01-31'],
    ['1/2/2026', 'dd/mm/yyyy', '2026-02-01'],
    ['29/02/2024 09:30', 'dd/mm/yyyy', '2024-02-29 09:30:00'],
    [' 05/03/2026 ', 'dd/mm/yyyy', '2026-03-05'],
    ['05-MAR-2026', 'dd-mon-yyyy', '2026-03-05'],
    ['05-mar-2026 14:05', 'dd-mon-yyyy', '2026-03-05 14:05:00'],
    // The T of OCT is not the T of an ISO date-time.
    ['24-OCT-2026', 'dd-mon-yyyy', '2026-10-24'],
    ['24-OCT-2026 23:59', 'dd-mon-yyyy', '2026-10-24 23:59:00'],
    ['2026-10-24', 'yyyy-mm-dd', '2026-10-24'],
    // A time of exactly midnight is how databases write a date alone: no time, in every layout.
    ['2026-10-24 00:00:00', 'yyyy-mm-dd', '2026-10-24'],
    ['24-OCT-2026 00:00', 'dd-mon-yyyy', '2026-10-24'],
    ['24/10/2026 00:00', 'dd/mm/yyyy', '2026-10-24'],
    ['24/10/2026 00:00:00.000', 'dd/mm/yyyy', '2026-10-24'],
    ['24-OCT-26 12.00.00.000000 AM', 'dd-mon-yyyy', '2026-10-24'],
    ['24/10/2026 00:01', 'dd/mm/yyyy', '2026-10-24 00:01:00'],
    ['2026-10-24T13:45:10', 'yyyy-mm-dd', '2026-10-24 13:45:10'],
    ['2026-10-24 13:45:10.123', 'yyyy-mm-dd', '2026-10-24 13:45:10'],
  ])('%s as %s is %s', (raw, format, expected) => {
    expect(read(raw, format)).toBe(expected);
  });

  // Excel on a UK desktop re-saves a date in any of these shapes, whatever the layout: each is the same day.
  it.each<[string, string]>([
    ['1/2/2026', '2026-02-01'],
    ['01/02/2026', '2026-02-01'],
    ['01/02/2026 09:00:00', '2026-02-01 09:00:00'],
    ['1/2/2026 9:05', '2026-02-01 09:05:00'],
    ['2026-02-01', '2026-02-01'],
    ['2026-02-01 09:00', '2026-02-01 09:00:00'],
    ['2026/02/01', '2026-02-01'],
    ['1-Feb-2026', '2026-02-01'],
    ['01-FEB-2026 09:00', '2026-02-01 09:00:00'],
    ['1-February-2026', '2026-02-01'],
    ['29/2/2024', '2024-02-29'],
    ['31-Dec-2025 23:59:59', '2025-12-31 23:59:59'],
  ])('%s reads as %s in every layout', (raw, expected) => {
    for (const format of ['dd/mm/yyyy', 'dd-mon-yyyy', 'yyyy-mm-dd'] as const) expect(read(raw, format)).toBe(expected);
  });

  it.each<[string, DateFormat, string]>([
    ['2026-03-05', 'dd/mm/yyyy', '2026-03-05'],
    ['05/03/2026', 'yyyy-mm-dd', '2026-03-05'],
  ])('%s as %s is %s (another layout’s shape)', (raw, format, expected) => {
    expect(read(raw, format)).toBe(expected);
  });

  it.each<[string, DateFormat, string]>([
    ['31/02/2026', 'dd/mm/yyyy', '"31/02/2026" is not a real date'],
    ['29/02/2025', 'dd/mm/yyyy', '"29/02/2025" is not a real date'],
    ['03/13/2026', 'dd/mm/yyyy', '"03/13/2026" has month 13: is it a US month-first date? Dates must be dd/mm/yyyy (31/01/2026)'],
    ['05/03/26', 'dd/mm/yyyy', '"05/03/26" has a two-digit year: write the year in full, dd/mm/yyyy (31/01/2026)'],
    ['46000', 'dd/mm/yyyy', 'the column holds day numbers, not dates ("46000" is Excel\'s number for 2025-12-09): it was exported as a number. Format the column as a date, dd/mm/yyyy (31/01/2026), before saving, or export it as text'],
    ['2026-03', 'dd/mm/yyyy', '"2026-03" is not a date in the form dd/mm/yyyy (31/01/2026)'],
    ['1/2/26', 'dd/mm/yyyy', '"1/2/26" has a two-digit year: write the year in full, dd/mm/yyyy (31/01/2026)'],
    ['1-Feb-26', 'yyyy-mm-dd', '"1-Feb-26" has a two-digit year: write the year in full, yyyy-mm-dd (2026-01-31)'],
    ['02/13/2026 09:00', 'yyyy-mm-dd', '"02/13/2026 09:00" has month 13: is it a US month-first date? Dates must be yyyy-mm-dd (2026-01-31)'],
    ['1-Fbr-2026', 'dd-mon-yyyy', '"1-Fbr-2026" is not a date in the form DD-MON-YYYY (31-JAN-2026)'],
    ['05-MRZ-2026', 'dd-mon-yyyy', '"05-MRZ-2026" is not a date in the form DD-MON-YYYY (31-JAN-2026)'],
    ['05-MAR-26', 'dd/mm/yyyy', '"05-MAR-26" has a two-digit year: write the year in full, dd/mm/yyyy (31/01/2026)'],
    ['05-MAR-26', 'yyyy-mm-dd', '"05-MAR-26" has a two-digit year: write the year in full, yyyy-mm-dd (2026-01-31)'],
    ['31-APR-26', 'dd-mon-yyyy', '"31-APR-26" is not a real date'],
    ['05-MAR-26 13.30.00.000000000 PM', 'dd-mon-yyyy', '"05-MAR-26 13.30.00.000000000 PM": "13.30.00.000000000 PM" is not a time of day (HH.MI.SS AM)'],
    ['2026-02-30T10:00:00Z', 'yyyy-mm-dd', '"2026-02-30T10:00:00Z" is not a real date'],
    ['2026-02-03T24:00:00Z', 'yyyy-mm-dd', '"2026-02-03T24:00:00Z" has no such time of day'],
    ['2026-02-03T10:00:00+15:00', 'yyyy-mm-dd', '"2026-02-03T10:00:00+15:00" has no such offset from UTC'],
    ['31-APR-2026', 'dd-mon-yyyy', '"31-APR-2026" is not a real date'],
    ['2026-02-30', 'yyyy-mm-dd', '"2026-02-30" is not a real date'],
    ['1926-02-03', 'yyyy-mm-dd', '"1926-02-03" is outside 1950 to 2100: a typing error?'],
    ['2026-10-24 25:00', 'yyyy-mm-dd', '"2026-10-24 25:00": "25:00" is not a time of day (HH:MM)'],
  ])('%s as %s is a problem', (raw, format, problem) => {
    expect(read(raw, format)).toBe(`problem: ${problem}`);
  });
});

describe('12-hour clocks as .NET and Excel write them, in every layout', () => {
  it.each<[string, string]>([
    ['01/05/2025 1:53:00 PM', '2025-05-01 13:53:00'],
    ['01/05/2025 01:53 pm', '2025-05-01 13:53:00'],
    ['01/05/2025 12:10:05 AM', '2025-05-01 00:10:05'],
    ['01/05/2025 12:00:00 PM', '2025-05-01 12:00:00'],
    ['01/05/2025 12:00:00 AM', '2025-05-01'],
    ['2025-05-01 9:05:00 a.m.', '2025-05-01 09:05:00'],
    ['01-MAY-2025 11:59:59 PM', '2025-05-01 23:59:59'],
    ['01/05/2025 13:53:00 PM', 'problem: "01/05/2025 13:53:00 PM": "13:53:00 PM" is not a time of day (h:mm:ss AM)'],
  ])('%s reads as %s', (raw, expected) => {
    for (const format of ['dd/mm/yyyy', 'dd-mon-yyyy', 'yyyy-mm-dd'] as const) expect(read(raw, format)).toBe(expected);
  });
});

describe('an end date as databases write "no end"', () => {
  it.each<[string, boolean]>([
    ['31-DEC-4712', true],
    ['31/12/9999', true],
    ['9999-12-31', true],
    ['9999-12-31 00:00:00', true],
    ['01/01/10000', true],
    ['31-DEC-4711', false],
    ['30-DEC-4712', false],
    ['31/12/2999', false],
    ['31/02/2026', false],
    ['soon', false],
  ])('%s is open: %s', (raw, open) => {
    expect(isOpenEnd(raw)).toBe(open);
  });
});

describe('dates as Oracle’s tools write them (AzeusCare layouts)', () => {
  // DD-MON-RR and DD-MON-RR HH.MI.SS.FF AM, Oracle's defaults: the year by the RR rule.
  it.each<[string, string]>([
    ['05-MAR-26', '2026-03-05'],
    ['26-JUN-24', '2024-06-26'],
    ['01-jan-00', '2000-01-01'],
    ['31-DEC-49', '2049-12-31'],
    ['01-JAN-50', '1950-01-01'],
    ['15-AUG-99', '1999-08-15'],
    ['29-FEB-24', '2024-02-29'],
    ['05-MAR-26 02.30.00.000000000 PM', '2026-03-05 14:30:00'],
    ['05-MAR-26 12.05.09.000000 AM', '2026-03-05 00:05:09'],
    ['05-MAR-26 12.00.00 PM', '2026-03-05 12:00:00'],
    ['05-MAR-2026 09.15.00 AM', '2026-03-05 09:15:00'],
    ['05-MAR-26 14:30', '2026-03-05 14:30:00'],
  ])('%s reads as %s', (raw, expected) => {
    expect(read(raw, 'dd-mon-yyyy')).toBe(expected);
  });
});

describe('ISO 8601 date-times with an offset, as JSON writes them, in London time', () => {
  it.each<[string, string]>([
    ['2025-05-01T13:00:00.000Z', '2025-05-01 14:00:00'],
    ['2025-05-01T14:00:00+01:00', '2025-05-01 14:00:00'],
    ['2025-12-01T13:00:00Z', '2025-12-01 13:00:00'],
    ['2025-12-01T13:00Z', '2025-12-01 13:00:00'],
    ['2025-12-01T13:00:00.123456-05:00', '2025-12-01 18:00:00'],
    ['2025-12-01T13:00:00+0530', '2025-12-01 07:30:00'],
    // A UTC 23:30 in summer is 00:30 the next day in London: it counts on 1 July.
    ['2026-06-30T23:30:00Z', '2026-07-01 00:30:00'],
    // A date column written as London's midnight in UTC (by a JavaScript Date) is that London day.
    ['2026-06-30T23:00:00.000Z', '2026-07-01 00:00:00'],
    ['2026-01-31T00:00:00.000Z', '2026-01-31 00:00:00'],
    // The clocks go forward at 01:00 UTC on the last Sunday of March, back at 01:00 UTC on the last of October.
    ['2026-03-29T00:59:59Z', '2026-03-29 00:59:59'],
    ['2026-03-29T01:00:00Z', '2026-03-29 02:00:00'],
    ['2026-10-25T00:59:59Z', '2026-10-25 01:59:59'],
    ['2026-10-25T01:00:00Z', '2026-10-25 01:00:00'],
    ['2024-02-28T23:30:00-01:00', '2024-02-29 00:30:00'],
  ])('%s reads as %s in every layout', (raw, expected) => {
    for (const format of ['dd/mm/yyyy', 'dd-mon-yyyy', 'yyyy-mm-dd'] as const) expect(read(raw, format)).toBe(expected);
  });
});

describe('flags, minutes and lists', () => {
  it.each([
    ['Y', true], ['n', false], ['Yes', true], ['NO', false], ['1', true], ['0', false], [' true ', true], ['1.0', true], ['0.0', false],
  ])('flag %s is %s', (raw, expected) => {
    expect(parseFlag(raw)).toBe(expected);
  });

  it('a flag it cannot read is a problem', () => {
    expect(parseFlag('maybe')).toEqual(new Problem('"maybe" is not a yes/no value (Y, N, Yes, No, 1, 0)'));
  });

  it.each<[string, number | string]>([
    ['90', 90],
    ['89.6', 90],
    ['0', '"0" is not a possible duration: it must be more than 0 minutes'],
    ['-30', '"-30" is not a possible duration: it must be more than 0 minutes'],
    ['9000', '"9000" minutes is longer than a day: a typing error, or hours and minutes mixed up?'],
    ['1h30', '"1h30" is not a number of minutes'],
    // A clock, as report tools write a duration.
    ['1:30', 90],
    ['01:30:00', 90],
    ['0:45', 45],
    // A workbook's [h]:mm cell, read as a time on Excel's day 0.
    ['1899-12-30 01:30', 90],
    ['1899-12-30 00:45:00', 45],
    ['1899-12-31 01:30', '"1899-12-31 01:30" is not a duration (minutes, or h:mm)'],
    ['1:29:40', 90],
    ['0:00', '"0:00" is not a possible duration: it must be more than 0 minutes'],
    ['1:75', '"1:75" is not a duration (minutes, or h:mm)'],
    ['25:00', '"25:00" is longer than a day: a typing error?'],
    // Under 10 with a decimal point: hours, most likely.
    ['1.5', '"1.5" minutes: is it hours? A duration must be written in minutes (90 for an hour and a half)'],
    ['9.99', '"9.99" minutes: is it hours? A duration must be written in minutes (90 for an hour and a half)'],
    ['10.0', 10],
    ['5', 5],
    // A decimal comma, as Excel writes one in a European locale; a thousands separator is not guessed.
    ['90,0', 90],
    ['89,6', 90],
    ['45,25', 45],
    ['1,5', '"1,5" minutes: is it hours? A duration must be written in minutes (90 for an hour and a half)'],
    ['1,000', '"1,000" is not a number of minutes: is the comma a thousands separator or a decimal comma? Write minutes as a whole number'],
    ['1,000,000', '"1,000,000" is not a number of minutes: is the comma a thousands separator or a decimal comma? Write minutes as a whole number'],
    ['-1,5', '"-1,5" is not a possible duration: it must be more than 0 minutes'],
    ['90,', '"90," is not a number of minutes'],
    [',5', '",5" is not a number of minutes'],
    ['90,005', '"90,005" is not a number of minutes: is the comma a thousands separator or a decimal comma? Write minutes as a whole number'],
    ['90,0 min', '"90,0 min" is not a number of minutes'],
  ])('minutes %s', (raw, expected) => {
    const v = parseMinutes(raw);
    expect(v instanceof Problem ? v.message : v).toBe(expected);
  });

  it('splits lists on any of the separators and drops empty items', () => {
    expect(parseList('CASEWORK; IMPACT;;RECORDS ', ';')).toEqual(['CASEWORK', 'IMPACT', 'RECORDS']);
    expect(parseList('CASEWORK,IMPACT', ',')).toEqual(['CASEWORK', 'IMPACT']);
  });
});

describe('the quick path of the date reader', () => {
  /** Cells near the quick shapes, and pieces of them in any order. */
  const cells = async () => {
    const { default: fc } = await import('fast-check');
    const pieces = fc.constantFrom('0', '1', '2', '3', '9', '/', '-', ':', ' ', 'T', 'OCT', 'oct', 'FEB', '2026', '1900', '29', '31', '.5');
    const near = fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1948, max: 2102 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }));
    const MON = ['XXX', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC', 'ABC'];
    const p2 = (n: number) => String(n).padStart(2, '0');
    // Month names in any case, and with letters that only look like ASCII ones.
    const monthCase = fc.constantFrom(
      (m: string) => m,
      (m: string) => m.toLowerCase(),
      (m: string) => m[0] + m.slice(1).toLowerCase(),
      (m: string) => m.replace(/[AEO]/, (c) => ({ A: 'Ą', E: 'Ę', O: 'Ø' })[c]!),
      (m: string) => m.replace(/.$/, '{'),
    );
    const cell = fc.oneof(
      fc.array(pieces, { maxLength: 8 }).map((a) => a.join('')),
      fc.tuple(near, fc.constantFrom('', ' ', 'T'), fc.boolean(), fc.integer({ min: 0, max: 2 }), monthCase).map(([[d, m, y, h, min], sep, seconds, shape, cased]) => {
        const time = sep === '' ? '' : `${sep}${p2(h)}:${p2(min)}${seconds ? ':00' : ''}`;
        return [`${p2(d)}/${p2(m)}/${y}`, `${y}-${p2(m)}-${p2(d)}`, `${p2(d)}-${cased(MON[m]!)}-${y}`][shape] + time;
      }),
    );
    return cell;
  };

  it('reads every cell exactly as the full reader does', async () => {
    const { default: fc } = await import('fast-check');
    const { parseDateTimeFully } = await import('../../src/adapters/convert.js');
    fc.assert(
      fc.property(await cells(), fc.constantFrom<DateFormat>('dd/mm/yyyy', 'dd-mon-yyyy', 'yyyy-mm-dd'), (raw, format) => {
        expect(parseDateTime(raw, format)).toEqual(parseDateTimeFully(raw, format));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a cell of an ASCII line as bytes exactly as it reads the cell as text', async () => {
    const { default: fc } = await import('fast-check');
    const { quickDateTime, quickDateTimeOfBytes } = await import('../../src/adapters/convert.js');
    const ascii = (await cells()).filter((raw) => /^[\x00-\x7f]*$/.test(raw));
    fc.assert(
      fc.property(ascii, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (raw, before, after) => {
        // The cell where it lies in its line, bytes either side of it.
        const line = Buffer.from(`${before}${raw}${after}`, 'latin1');
        const from = Buffer.byteLength(before, 'latin1');
        expect(quickDateTimeOfBytes(line, from, from + raw.length)).toEqual(quickDateTime(raw));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('ids with a NUL', () => {
  it.each(['10003\0', '\u000010003', '100\u000003'])('%j is no id', (raw) => {
    const v = parseId(raw);
    expect(v instanceof Problem ? v.message : v).toMatch(/holds a NUL character, which no id has: is the export damaged\?$/);
  });
});

describe('ids', () => {
  it.each([
    ['10032', '10032'],
    [' 10032 ', '10032'],
    ['10032.0', '10032'],
    ['10032.00', '10032'],
    ['0123', '123'],
    ['0123.0', '123'],
    ['000', '0'],
    ['0A12', '0A12'],
    ['10032.5', '10032.5'],
    ['EMP10032', 'EMP10032'],
    ['E7', 'E7'],
    ['1-3', '1-3'],
  ])('%s is the id %s', (raw, id) => {
    expect(parseId(raw)).toBe(id);
  });

  it.each(['1.0032E+04', '1E+11', '9.99e-1', '1.2345E+15'])('%s has lost its digits: a problem of the whole column, and the row is not used', (raw) => {
    const read = parseId(raw);
    expect(read).toBeInstanceOf(Problem);
    expect((read as Problem).scope).toEqual({ wholeColumn: true, rejectsRow: true });
    expect((read as Problem).message).toContain(`the column holds ids in scientific notation ("${raw}")`);
  });
});
