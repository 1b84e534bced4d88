/**
 * The bounds that keep reading a hostile or broken file cheap: each is far beyond what a real
 * export holds. Tests lower them through SUPERVISION_AUDIT_TEST_* variables, so that a bomb or a
 * huge field can be made small enough to build inside a test; nothing else should set those.
 */
/**
 * A bound, lowered where a test says so. The constants below read it once, when loaded; a
 * reader that asks each time it opens a file (csv.ts) lets a test change it between two reads.
 */
export function limit(name: string, value: number): number {
  const given = Number(process.env[`SUPERVISION_AUDIT_TEST_${name}`]);
  return Number.isSafeInteger(given) && given > 0 ? given : value;
}

/** Characters in one cell: Excel's own limit. A longer cell rejects its row. */
export const CELL_LIMIT = limit('CELL_LIMIT', 32_767);
/** Cells in one row: Excel's column limit. A longer row is rejected. */
export const ROW_CELLS_LIMIT = 16_384;
/** Rows of one kind of unreadable row listed one by one for a file; the rest are counted in one issue. */
export const ISSUES_LISTED = limit('ISSUES_LISTED', 1_000);
/** Bytes a workbook part (a sheet, the shared strings) may inflate to. */
export const PART_BYTES_LIMIT = limit('PART_BYTES_LIMIT', 2 * 1024 ** 3);
/** How many times its compressed size a workbook part may inflate to, once past PART_RATIO_FROM bytes. */
export const PART_RATIO_LIMIT = limit('PART_RATIO_LIMIT', 100);
export const PART_RATIO_FROM = limit('PART_RATIO_FROM', 16 * 1024 ** 2);

/** The data issue of a cell longer than a cell can be; `column` is '' where the header is not known yet. */
export function cellTooLong(column: string, length: number): string {
  return `the value of ${column === '' ? 'a cell' : `"${column}"`} is ${length.toLocaleString('en-GB')} characters long, more than the ${CELL_LIMIT.toLocaleString('en-GB')} a spreadsheet cell can hold (a damaged export?); the row is not read`;
}

/** The data issue of a row of more cells than a sheet can have. */
export function tooManyCells(): string {
  return `the row has more than ${ROW_CELLS_LIMIT.toLocaleString('en-GB')} cells, more than a spreadsheet row can hold (a damaged export?); the row is not read`;
}

/** What a cell too long for a spreadsheet holds instead, in a column whose values are never read. */
export function notRead(length: number): string {
  return `(${length.toLocaleString('en-GB')} characters, too long for a cell: not read)`;
}
