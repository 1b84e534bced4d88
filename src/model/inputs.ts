/** What the report says about one input file: what it was read as, and where every row went. */
export interface InputSummary {
  /** The file, and for a workbook its sheet in brackets: `exports/staff.xlsx [Workers]`. */
  file: string;
  /** The sheet, for a workbook. */
  sheet?: string;
  /** The system whose layout the file was read as (mosaic, azeus, liquidlogic). */
  system: string;
  /** The export it was read as (workers, sessions, ...). */
  entity: string;
  /** `authority` when read with the authority's own column names, else the system's `reference` layout. */
  layout: 'authority' | 'reference';
  format: 'csv' | 'json' | 'xlsx';
  /** The text encoding found, or `json` or `xlsx`. */
  encoding: string;
  /** Rows above the header (the report's title), not data: never counted as rows read. */
  titleRows: number;
  /** Rows below the data (blank rows aside) that are the report's footer: totals, counts. Not data. */
  footerRows: number;
  rowsRead: number;
  rowsUsed: number;
  /** Every row not used: invalid rows (each with a data issue) and rows not relevant. */
  rowsRejected: number;
  /** Rows not relevant to any check, by reason (counted in rowsRejected). */
  notRelevant: Record<string, number>;
  /** For the HR export of staff records: how many of its distinct ids joined a worker by worker id, and how many by staff number. */
  matchedOn?: { workerId: number; staffNumber: number };
}

/** What was given but not read, and why: a README in the folder, a workbook's empty sheet. */
export interface SkippedInput {
  file: string;
  reason: string;
}
