/**
 * Writes a generated export as an Excel workbook, the way a business intelligence team's
 * report saves one: a sheet with the report's title above the header and a total below the
 * data, ids and numbers in number cells, dates in date cells. Streamed, so that a sheet of
 * a million rows is never held in memory.
 */
import ExcelJS from 'exceljs';
import { referenceAdapter } from '../../adapters/authority.js';
import { parseDateTime, Problem } from '../../adapters/convert.js';
import type { SystemId } from '../../adapters/layout.js';
import { detectLayout } from '../../adapters/detect.js';
import { SECONDS_PER_DAY } from '../../time/calendar.js';
import type { ExportFile } from './csv-files.js';

/** Which columns of a file hold ids, and which dates, by the reference layout of its system. */
export interface ColumnKinds {
  ids: Set<string>;
  dates: Set<string>;
}

export function columnKinds(file: ExportFile, system: SystemId): ColumnKinds {
  const { layout } = detectLayout(file.columns, [referenceAdapter(system)], file.name);
  const ids = new Set<string>();
  const dates = new Set<string>();
  for (const [name, spec] of Object.entries(layout.fields)) {
    if (spec.type.kind === 'text' && (name === 'id' || name.endsWith('Id'))) ids.add(spec.column);
    if (spec.type.kind === 'date' || spec.type.kind === 'datetime') dates.add(spec.column);
  }
  return { ids, dates };
}

/** A cell as Excel holds it: whole numbers as numbers, dates as date cells (their wall clock, no zone), the rest as text. */
export function typedCell(column: string, value: string, kinds: ColumnKinds): { value: ExcelJS.CellValue; numFmt?: string } {
  if (value === '') return { value: null };
  if (kinds.dates.has(column)) {
    const read = parseDateTime(value, 'dd/mm/yyyy');
    if (read instanceof Problem) return { value };
    // exceljs writes a Date's UTC fields as the cell's wall clock.
    const date = new Date((read.day * SECONDS_PER_DAY + (read.seconds ?? 0)) * 1000);
    return { value: date, numFmt: read.seconds === null ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm' };
  }
  if (/^[1-9]\d{0,14}$/.test(value)) return { value: Number(value) };
  return { value };
}

/** Rows a framed sheet has above its header: the title, a "Report run:" line and a blank row. */
export const FRAME_ROWS = 3;

export async function writeExportWorkbook(path: string, file: ExportFile, system: SystemId, sheetName = 'Report'): Promise<void> {
  const kinds = columnKinds(file, system);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([`${sheetName} report`]).commit();
  sheet.addRow(['Report run: 01/11/2026 07:12']).commit();
  sheet.addRow([]).commit();
  sheet.addRow(file.columns).commit();
  for (const row of file.rows) {
    const added = sheet.addRow([]);
    file.columns.forEach((column, i) => {
      const typed = typedCell(column, row[column] ?? '', kinds);
      if (typed.value === null) return;
      const cell = added.getCell(i + 1);
      cell.value = typed.value;
      if (typed.numFmt) cell.numFmt = typed.numFmt;
    });
    added.commit();
  }
  sheet.addRow([]).commit();
  sheet.addRow(['Total rows', file.rows.length]).commit();
  sheet.commit();
  await workbook.commit();
}
