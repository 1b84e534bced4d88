/**
 * The shape every reader produces: a header, then rows of strings aligned to it, each with
 * the physical line it starts on. Readers push rows to a sink rather than building arrays,
 * so that a file is never held in memory twice.
 */
import type { TextEncoding } from './encoding.js';

export interface TableInfo {
  /** The path as the user gave it (or as found inside a folder they gave). */
  file: string;
  format: 'csv' | 'json';
  encoding: TextEncoding | 'json';
  delimiter?: string;
}

export interface TableSink {
  /** Called once, before any row. Column names are as written in the file. */
  header(columns: string[], info: TableInfo): void;
  /** One data row; `values[i]` belongs to `columns[i]`; missing trailing cells are ''. */
  row(values: string[], line: number): void;
  /**
   * A part of the file that could not be read as rows. `rowsLost` counts the rows it stands
   * for (at least 1), so that every row read is accounted for.
   */
  unreadable(line: number, problem: string, rowsLost: number): void;
  /** Called once after the last row, when the whole file has been read. */
  end?(): void;
}

/** A file that cannot be read at all: the audit stops with this message (exit 2). */
export class InputError extends Error {
  override name = 'InputError';
}
