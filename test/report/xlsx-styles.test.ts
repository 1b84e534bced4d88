import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DATE_FORMAT, rows, sheet } from '../../src/report/xlsx.js';

/** A workbook of one sheet written as the report writes its sheets, read back. */
async function written(values: Array<Array<string | number | Date | null>>): Promise<ExcelJS.Worksheet> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const worksheet = sheet(workbook, 'Sheet', [
    { header: 'Any', width: 12 },
    { header: 'Date', width: 12, format: DATE_FORMAT },
  ]);
  rows(worksheet, values);
  worksheet.commit();
  await workbook.commit();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return back.getWorksheet('Sheet')!;
}

describe('workbook cell styles', () => {
  it('cells styled alike share a style, and each keeps the format its value and column give it', async () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    const sheet = await written([
      ['text', day(2)],
      [day(3), null],
      [5, day(4)],
      [null, day(5)],
    ]);
    // A date in a column with no format keeps a date format, after a text cell of that column and before a number.
    expect([1, 2, 3].map((r) => sheet.getCell(`A${r}`).numFmt)).toEqual([undefined, 'mm-dd-yy', undefined]);
    expect(sheet.getCell('A2').value).toEqual(day(3));
    expect([1, 3, 4].map((r) => sheet.getCell(`B${r}`).numFmt)).toEqual([DATE_FORMAT, DATE_FORMAT, DATE_FORMAT]);
  });
});
