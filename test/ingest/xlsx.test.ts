/** A workbook cell as the text a CSV export of it would hold. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../src/ingest/xlsx.js';

/** A date as exceljs gives a date cell: a Date whose UTC fields are the wall clock. */
const wallClock = (text: string): Date => new Date(`${text}Z`);

describe('cell text', () => {
  it.each<[string, unknown, string | undefined, string]>([
    ['a whole number is its integer text', 10032, undefined, '10032'],
    ['a large whole number keeps every digit', 100000000123, '0', '100000000123'],
    ['a fraction has Excel’s 15 significant digits', 0.1 + 0.2, undefined, '0.3'],
    ['a string is itself', ' Team A ', undefined, ' Team A '],
    ['a boolean is TRUE or FALSE', true, undefined, 'TRUE'],
    ['an empty cell is empty', null, undefined, ''],
    ['a date cell is its date', wallClock('2026-10-31T00:00:00'), 'dd/mm/yyyy', '2026-10-31'],
    ['a date-time cell is its wall-clock time', wallClock('2026-10-31T09:00:00'), 'dd/mm/yyyy hh:mm', '2026-10-31 09:00'],
    ['midnight in a date-time format is a time', wallClock('2026-03-29T00:00:00'), 'dd/mm/yyyy hh:mm', '2026-03-29 00:00'],
    ['a time kept in a date-only format still shows', wallClock('2026-10-31T13:45:00'), 'dd/mm/yyyy', '2026-10-31 13:45'],
    ['seconds show when there are any', wallClock('2026-10-31T13:45:10'), 'yyyy-mm-dd hh:mm:ss', '2026-10-31 13:45:10'],
    ['a float’s rounding error is rounded to the second', new Date(Date.UTC(2026, 9, 31, 8, 59, 59, 999)), 'dd/mm/yyyy hh:mm', '2026-10-31 09:00'],
    ['rich text is its runs joined', { richText: [{ text: 'Team ' }, { text: 'A', font: { bold: true } }] }, undefined, 'Team A'],
    ['a formula is its cached value', { formula: 'A1*1', result: 90 }, undefined, '90'],
    ['a formula’s date is its date', { formula: 'A1+1', result: 46326.375 }, 'dd/mm/yyyy hh:mm', '2026-10-31 09:00'],
    ['a formula with no cached value is empty', { formula: 'A1' }, undefined, ''],
    ['an error cell is its error', { error: '#N/A' }, undefined, '#N/A'],
    ['a formula whose value is an error the reader cannot name is an error', { formula: 'VLOOKUP(A1,B:C,2,0)', result: Number.NaN }, undefined, '#ERROR!'],
    ['a hyperlink is its text', { text: 'Team A', hyperlink: 'https://example.org' }, undefined, 'Team A'],
    // A time alone ([h]:mm, h:mm:ss): a duration as often as not, read as a clock, not as a time on Excel's day 0.
    ['a time alone is its clock', 0.0625, '[h]:mm', '1:30'],
    ['a time alone with seconds', 0.75 + 30 / 86400, 'hh:mm:ss', '18:00:30'],
    ['a time alone as a date exceljs gives', wallClock('1899-12-30T01:30:00'), '[h]:mm', '1:30'],
    ['a time format on a whole date-time still shows the date-time', 46326.375, 'h:mm', '2026-10-31 09:00'],
    ['a colour in a date format is no time', 46326, '[Red]dd/mm/yyyy', '2026-10-31'],
  ])('%s', (_, value, numFmt, text) => {
    expect(cellText(value as never, numFmt)).toBe(text);
  });

  it('reads a time alone in a workbook of the 1904 date system as its clock', () => {
    expect(cellText(wallClock('1904-01-01T01:30:00'), '[h]:mm', true)).toBe('1:30');
    expect(cellText(0.0625, '[h]:mm', true)).toBe('1:30');
  });

  it('reads a date cell the same in every time zone', () => {
    const script = `import { cellText } from ${JSON.stringify(fileURLToPath(new URL('../../dist/ingest/xlsx.js', import.meta.url)))};
      process.stdout.write(cellText(new Date(Date.UTC(2026, 9, 31, 9, 0)), 'dd/mm/yyyy hh:mm') + ' ' + cellText(new Date(Date.UTC(2026, 2, 29, 1, 30)), 'dd/mm/yyyy hh:mm'));`;
    for (const zone of ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata']) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TZ: zone } });
      expect(run.stdout, zone).toBe('2026-10-31 09:00 2026-03-29 01:30');
    }
  });
});
