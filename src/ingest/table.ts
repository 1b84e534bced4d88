/**
 * The shape every reader produces: a header, then rows of strings aligned to it, each with
 * the physical line it starts on. Readers push rows to a sink rather than building arrays,
 * so that a file is never held in memory twice.
 */
import type { TextEncoding } from './encoding.js';

export interface TableInfo {
  /** The path as the user gave it (or as found inside a folder they gave), with the sheet of a workbook. */
  file: string;
  format: 'csv' | 'json' | 'xlsx';
  encoding: TextEncoding | 'json' | 'xlsx';
  delimiter?: string;
  /** The workbook sheet the table is, for a workbook. */
  sheet?: string;
  /** Rows above the header: the report's title, a "Report run:" line. */
  titleRows: number;
}

export interface TableSink {
  /**
   * Whether a row is a header the sink can read. The header of a table is the first of its
   * first non-empty rows that the sink recognises; without this, the first non-empty row is.
   */
  recognises?(columns: string[]): boolean;
  /**
   * None of the first non-empty rows is a header the sink recognises: it says why, as an
   * InputError. `candidates` are those rows with their lines.
   */
  noHeader?(candidates: ReadonlyArray<{ values: string[]; line: number }>): never;
  /** Called once, before any row. Column names are as written in the file. */
  header(columns: string[], info: TableInfo): void;
  /**
   * Whether the values of a column are read (without this, every column is): a row whose cell is
   * too long for a spreadsheet is rejected only for a column that is read.
   */
  readsColumn?(index: number): boolean;
  /** A value of the row about to be given that was read with a change (a byte that is not UTF-8 replaced): kept so, with a data issue. */
  changed?(line: number, column: string, problem: string): void;
  /** One data row; `values[i]` belongs to `columns[i]`; missing trailing cells are ''. */
  row(values: string[], line: number): void;
  /**
   * Asked once the header is read: what takes a data row given as the bytes of an ASCII line
   * (csv.ts reads most lines so), or null where the sink reads its rows as text alone. It is
   * given the cell for `columns[i]` as the bytes `starts[i]` to `ends[i]`, and answers true where
   * it took the row as row() would take its text; false leaves the row to be given to row() as
   * text. The bytes are the reader's: kept only during the call.
   */
  rowsOfBytes?(): RowOfBytes | null;
  /**
   * A part of the file that could not be read as rows. `rowsLost` counts the rows it stands
   * for (at least 1), so that every row read is accounted for. `cells`, for a single row whose
   * cells could be told apart (one of them too long), are its values with the cell at fault
   * left '': enough for a sink to tell whose row it was.
   */
  unreadable(line: number, problem: string, rowsLost: number, cells?: readonly string[]): void;
  /** Called once after the last row, when the whole table has been read; `footerRows` are the report's footer below the data. */
  end?(footerRows: number): void;
}

/** The text of ASCII bytes (a cell of a row given as bytes): one character per byte. */
export const asciiText = (bytes: Buffer, from: number, to: number): string => bytes.toString('latin1', from, to);

/** Takes a data row given as bytes (TableSink.rowsOfBytes). */
export type RowOfBytes = (bytes: Buffer, starts: Int32Array, ends: Int32Array, line: number) => boolean;

/** Opens the sink for each table of a file: a CSV or JSON file is one table, a workbook one per sheet. */
export type TableOpener = (table: { file: string; sheet?: string }) => TableSink;

/** A part of what was given that is not read, and why: a README in the folder, an empty sheet. */
export interface Skipped {
  file: string;
  reason: string;
}

/** A file that cannot be read at all: the audit stops with this message (exit 2). */
export class InputError extends Error {
  override name = 'InputError';
}
