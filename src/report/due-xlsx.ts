/**
 * What falls due as a workbook for a team manager: "Due", a row per item (its header frozen and
 * filtered, dates as dates, days as numbers), and "By team", each team's counts.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DueReport } from '../audit/due.js';
import { dueRow } from './due.js';
import { DATE_FORMAT, excelDate, filtered, header, rows, sheet, type Column } from './xlsx.js';

/** The CSV's columns, in its order, as a workbook heads them. */
const DUE_COLUMNS: Column[] = [
  { header: 'Team', width: 26 },
  { header: 'Status', width: 10 },
  { header: 'Due date', width: 12, format: DATE_FORMAT },
  { header: 'Days overdue', width: 13 },
  { header: 'Days left', width: 10 },
  { header: 'Worker id', width: 11 },
  { header: 'Worker', width: 20 },
  { header: 'Supervisor id', width: 13 },
  { header: 'Supervisor', width: 20 },
  { header: 'What is due', width: 44 },
  { header: 'Requirement', width: 22 },
  { header: 'Clause', width: 16 },
  { header: 'Check', width: 20 },
  { header: 'Subject', width: 10 },
  { header: 'Subject id', width: 12 },
  { header: 'Part', width: 16 },
  { header: 'Last date', width: 12, format: DATE_FORMAT },
  { header: 'Source', width: 40 },
];

const TEAM_COLUMNS: Column[] = [
  { header: 'Team', width: 30 },
  { header: 'Overdue', width: 10 },
  { header: 'Due', width: 10 },
];

export async function writeDueWorkbook(report: DueReport, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = `${report.tool.name} ${report.tool.version}`;
  const due = sheet(workbook, 'Due', DUE_COLUMNS);
  header(due, DUE_COLUMNS);
  rows(due, report.items.map((i) => dueRow(i, excelDate)));
  filtered(due, DUE_COLUMNS.length, 1);
  due.commit();
  const byTeam = sheet(workbook, 'By team', TEAM_COLUMNS);
  header(byTeam, TEAM_COLUMNS);
  rows(byTeam, [...report.summary.byTeam.map((t) => [t.team, t.overdue, t.due]), ['All teams', report.summary.overdue, report.summary.due]]);
  byTeam.commit();
  await workbook.commit();
}
